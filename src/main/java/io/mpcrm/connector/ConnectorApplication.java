package io.mpcrm.connector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The connector. The pom chooses Camel's engine starter and one starter per component the routes use, so no other
 * component is configured. What remains excluded here comes with those starters whatever the choice and is never used,
 * and is left out so that start-up neither evaluates it nor makes its beans (docs/benchmarks.md, row 6): the languages
 * camel-core-starter configures besides simple, constant, header and exchangeProperty (every component starter brings
 * it); camel-spring-boot's cloud, vault, route-template and dev-console support; Spring Boot's clients, caches,
 * transactions, WebSocket, Gson and multipart support. {@code ConnectorApplicationTest} checks that each name is an
 * auto-configuration on the class path, so the list cannot outlive what it excludes.
 */
@SpringBootApplication(excludeName = {
        // camel-core-starter's languages that no route writes
        "org.apache.camel.language.csimple.springboot.CSimpleLanguageAutoConfiguration",
        "org.apache.camel.language.ref.springboot.RefLanguageAutoConfiguration",
        "org.apache.camel.language.simple.springboot.FileLanguageAutoConfiguration",
        "org.apache.camel.language.tokenizer.springboot.TokenizeLanguageAutoConfiguration",
        "org.apache.camel.language.variable.springboot.VariableLanguageAutoConfiguration",
        // camel-spring-boot's own support the connector does not use
        "org.apache.camel.spring.boot.actuate.console.CamelDevConsoleAutoConfiguration",
        "org.apache.camel.spring.boot.cloud.CamelCloudAutoConfiguration",
        "org.apache.camel.spring.boot.cloud.CamelCloudServiceCallConfigurationAutoConfiguration",
        "org.apache.camel.spring.boot.cloud.CamelCloudServiceChooserAutoConfiguration",
        "org.apache.camel.spring.boot.cloud.CamelCloudServiceDiscoveryAutoConfiguration",
        "org.apache.camel.spring.boot.cloud.CamelCloudServiceFilterAutoConfiguration",
        "org.apache.camel.spring.boot.routetemplate.CamelRouteTemplateAutoConfiguration",
        "org.apache.camel.spring.boot.vault.AwsVaultAutoConfiguration",
        "org.apache.camel.spring.boot.vault.AzureVaultAutoConfiguration",
        "org.apache.camel.spring.boot.vault.CyberArkVaultAutoConfiguration",
        "org.apache.camel.spring.boot.vault.GcpVaultAutoConfiguration",
        "org.apache.camel.spring.boot.vault.HashicorpVaultAutoConfiguration",
        "org.apache.camel.spring.boot.vault.IBMVaultAutoConfiguration",
        "org.apache.camel.spring.boot.vault.KubernetesConfigMapVaultAutoConfiguration",
        "org.apache.camel.spring.boot.vault.KubernetesVaultAutoConfiguration",
        // Spring Boot's, for clients, caches, transactions and web features the connector does not use
        "org.springframework.boot.actuate.autoconfigure.observation.web.client.HttpClientObservationsAutoConfiguration",
        "org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration",
        "org.springframework.boot.autoconfigure.dao.PersistenceExceptionTranslationAutoConfiguration",
        "org.springframework.boot.autoconfigure.gson.GsonAutoConfiguration",
        "org.springframework.boot.autoconfigure.http.client.HttpClientAutoConfiguration",
        "org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration",
        "org.springframework.boot.autoconfigure.netty.NettyAutoConfiguration",
        "org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration",
        "org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration",
        "org.springframework.boot.autoconfigure.transaction.TransactionManagerCustomizationAutoConfiguration",
        "org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration",
        "org.springframework.boot.autoconfigure.web.client.RestTemplateAutoConfiguration",
        "org.springframework.boot.autoconfigure.web.servlet.MultipartAutoConfiguration",
        "org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration"
})
@ConfigurationPropertiesScan
public class ConnectorApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConnectorApplication.class, args);
    }
}
