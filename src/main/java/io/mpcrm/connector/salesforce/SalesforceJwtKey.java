package io.mpcrm.connector.salesforce;

import org.apache.camel.support.jsse.KeyStoreParameters;
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
    KeyStoreParameters salesforceKeyStore(SalesforceJwtSettings jwt) {
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource(jwt.keyStore());
        keyStore.setPassword(jwt.keyStorePassword());
        keyStore.setType(jwt.keyStoreType());
        return keyStore;
    }
}
