package io.mpcrm.connector.salesforce;

import io.mpcrm.connector.settings.ConsistentSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The integration user's key store for the JWT bearer login ({@code connector.salesforce.jwt.*}). Unset for a
 * client-credentials login; set, it needs its password. {@link SalesforceJwtKey} makes the key store from it.
 *
 * @param keyStore where the key store is, e.g. file:/etc/connector/salesforce/integration-user.p12
 * @param keyStorePassword its password
 * @param keyStoreType its type
 */
@Validated
@ConsistentSettings
@ConfigurationProperties("connector.salesforce.jwt")
public record SalesforceJwtSettings(String keyStore, String keyStorePassword, @DefaultValue("PKCS12") String keyStoreType)
        implements ConsistentSettings.Rules {

    @Override
    public Map<String, String> brokenRules() {
        Map<String, String> broken = new LinkedHashMap<>();
        if (keyStore != null && !keyStore.isBlank() && (keyStorePassword == null || keyStorePassword.isBlank())) {
            broken.put("keyStorePassword", "is missing: give the password of connector.salesforce.jwt.key-store");
        }
        return broken;
    }
}
