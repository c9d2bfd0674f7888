package io.mpcrm.connector.salesforce;

import org.apache.camel.support.jsse.KeyStoreParameters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The integration user's private key for the JWT bearer login, read from a key store file (a mounted Secret in
 * production). camel-salesforce signs its login assertion with it when
 * {@code camel.component.salesforce.keystore=#bean:salesforceKeyStore}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("connector.salesforce.jwt.key-store")
class SalesforceJwtKey {

    @Bean
    KeyStoreParameters salesforceKeyStore(@Value("${connector.salesforce.jwt.key-store}") String resource,
                                          @Value("${connector.salesforce.jwt.key-store-password}") String password,
                                          @Value("${connector.salesforce.jwt.key-store-type:PKCS12}") String type) {
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource(resource);
        keyStore.setPassword(password);
        keyStore.setType(type);
        return keyStore;
    }
}
