package io.mpcrm.connector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The connector. Auto-configurations that its starters bring but it never uses are excluded by name, so that start-up
 * neither evaluates them nor makes their beans (README, Measurements, row 6): camel-kubernetes' components (only its
 * cluster service, for leader election, is used), Camel's cloud, vault, route-template and dev-console support, the
 * Camel components and languages camel-spring-boot-starter brings that no route uses (Camel still finds any of them on
 * the classpath by name, only without Spring configuration), and Spring Boot's clients, caches, transactions and
 * WebSocket, Gson and multipart support.
 */
@SpringBootApplication(excludeName = {
        "org.apache.camel.component.kubernetes.config_maps.springboot.KubernetesConfigMapsComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.config_maps.springboot.KubernetesConfigMapsComponentConverter",
        "org.apache.camel.component.kubernetes.cronjob.springboot.KubernetesCronJobComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.cronjob.springboot.KubernetesCronJobComponentConverter",
        "org.apache.camel.component.kubernetes.customresources.springboot.KubernetesCustomResourcesComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.customresources.springboot.KubernetesCustomResourcesComponentConverter",
        "org.apache.camel.component.kubernetes.deployments.springboot.KubernetesDeploymentsComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.deployments.springboot.KubernetesDeploymentsComponentConverter",
        "org.apache.camel.component.kubernetes.events.springboot.KubernetesEventsComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.events.springboot.KubernetesEventsComponentConverter",
        "org.apache.camel.component.kubernetes.hpa.springboot.KubernetesHPAComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.hpa.springboot.KubernetesHPAComponentConverter",
        "org.apache.camel.component.kubernetes.job.springboot.KubernetesJobComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.job.springboot.KubernetesJobComponentConverter",
        "org.apache.camel.component.kubernetes.namespaces.springboot.KubernetesNamespacesComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.namespaces.springboot.KubernetesNamespacesComponentConverter",
        "org.apache.camel.component.kubernetes.nodes.springboot.KubernetesNodesComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.nodes.springboot.KubernetesNodesComponentConverter",
        "org.apache.camel.component.kubernetes.persistent_volumes.springboot.KubernetesPersistentVolumesComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.persistent_volumes.springboot.KubernetesPersistentVolumesComponentConverter",
        "org.apache.camel.component.kubernetes.persistent_volumes_claims.springboot.KubernetesPersistentVolumesClaimsComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.persistent_volumes_claims.springboot.KubernetesPersistentVolumesClaimsComponentConverter",
        "org.apache.camel.component.kubernetes.pods.springboot.KubernetesPodsComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.pods.springboot.KubernetesPodsComponentConverter",
        "org.apache.camel.component.kubernetes.replication_controllers.springboot.KubernetesReplicationControllersComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.replication_controllers.springboot.KubernetesReplicationControllersComponentConverter",
        "org.apache.camel.component.kubernetes.resources_quota.springboot.KubernetesResourcesQuotaComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.resources_quota.springboot.KubernetesResourcesQuotaComponentConverter",
        "org.apache.camel.component.kubernetes.secrets.springboot.KubernetesSecretsComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.secrets.springboot.KubernetesSecretsComponentConverter",
        "org.apache.camel.component.kubernetes.service_accounts.springboot.KubernetesServiceAccountsComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.service_accounts.springboot.KubernetesServiceAccountsComponentConverter",
        "org.apache.camel.component.kubernetes.services.springboot.KubernetesServicesComponentAutoConfiguration",
        "org.apache.camel.component.kubernetes.services.springboot.KubernetesServicesComponentConverter",
        "org.apache.camel.component.kubernetes.springboot.cloud.KubernetesServiceDiscoveryAutoConfiguration",
        "org.apache.camel.component.openshift.build_configs.springboot.OpenshiftBuildConfigsComponentAutoConfiguration",
        "org.apache.camel.component.openshift.build_configs.springboot.OpenshiftBuildConfigsComponentConverter",
        "org.apache.camel.component.openshift.builds.springboot.OpenshiftBuildsComponentAutoConfiguration",
        "org.apache.camel.component.openshift.builds.springboot.OpenshiftBuildsComponentConverter",
        "org.apache.camel.component.openshift.deploymentconfigs.springboot.OpenshiftDeploymentConfigsComponentAutoConfiguration",
        "org.apache.camel.component.openshift.deploymentconfigs.springboot.OpenshiftDeploymentConfigsComponentConverter",
        "org.apache.camel.component.browse.springboot.BrowseComponentAutoConfiguration",
        "org.apache.camel.component.controlbus.springboot.ControlBusComponentAutoConfiguration",
        "org.apache.camel.component.dataformat.springboot.DataFormatComponentAutoConfiguration",
        "org.apache.camel.component.dataset.springboot.DataSetComponentAutoConfiguration",
        "org.apache.camel.component.dataset.springboot.DataSetComponentConverter",
        "org.apache.camel.component.dataset.springboot.DataSetTestComponentAutoConfiguration",
        "org.apache.camel.component.dataset.springboot.DataSetTestComponentConverter",
        "org.apache.camel.component.file.springboot.FileComponentAutoConfiguration",
        "org.apache.camel.component.language.springboot.LanguageComponentAutoConfiguration",
        "org.apache.camel.component.mock.springboot.MockComponentAutoConfiguration",
        "org.apache.camel.component.mock.springboot.MockComponentConverter",
        "org.apache.camel.component.ref.springboot.RefComponentAutoConfiguration",
        "org.apache.camel.component.rest.springboot.RestApiComponentAutoConfiguration",
        "org.apache.camel.component.rest.springboot.RestComponentAutoConfiguration",
        "org.apache.camel.component.rest.springboot.RestComponentConverter",
        "org.apache.camel.component.saga.springboot.SagaComponentAutoConfiguration",
        "org.apache.camel.component.scheduler.springboot.SchedulerComponentAutoConfiguration",
        "org.apache.camel.component.seda.springboot.SedaComponentAutoConfiguration",
        "org.apache.camel.component.seda.springboot.SedaComponentConverter",
        "org.apache.camel.component.stub.springboot.StubComponentAutoConfiguration",
        "org.apache.camel.component.stub.springboot.StubComponentConverter",
        "org.apache.camel.component.validator.springboot.ValidatorComponentAutoConfiguration",
        "org.apache.camel.component.validator.springboot.ValidatorComponentConverter",
        "org.apache.camel.component.xslt.springboot.XsltComponentAutoConfiguration",
        "org.apache.camel.component.xslt.springboot.XsltComponentConverter",
        "org.apache.camel.language.csimple.springboot.CSimpleLanguageAutoConfiguration",
        "org.apache.camel.language.ref.springboot.RefLanguageAutoConfiguration",
        "org.apache.camel.language.simple.springboot.FileLanguageAutoConfiguration",
        "org.apache.camel.language.tokenizer.springboot.TokenizeLanguageAutoConfiguration",
        "org.apache.camel.language.variable.springboot.VariableLanguageAutoConfiguration",
        "org.apache.camel.language.xpath.springboot.XPathLanguageAutoConfiguration",
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
