package io.mpcrm.connector.salesforce;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The integration user's key store for the JWT bearer login ({@code connector.salesforce.jwt.*}); bound only when
 * {@code key-store} is set (JWT logins), see {@link SalesforceJwtKey}.
 *
 * @param keyStore where the key store is, e.g. file:/etc/connector/salesforce/integration-user.p12
 * @param keyStorePassword its password
 * @param keyStoreType its type
 */
@Validated
@ConfigurationProperties("connector.salesforce.jwt")
public record SalesforceJwtSettings(
        @NotBlank(message = "is missing: give the key store holding the integration user's private key") String keyStore,
        @NotBlank(message = "is missing: give the password of connector.salesforce.jwt.key-store") String keyStorePassword,
        @DefaultValue("PKCS12") String keyStoreType) {
}
