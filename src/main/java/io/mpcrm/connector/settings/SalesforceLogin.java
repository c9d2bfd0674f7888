package io.mpcrm.connector.settings;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Salesforce login settings camel-salesforce reads ({@code camel.component.salesforce.*}), checked at start:
 * without them the connector would start and then fail every request with a login error deep in a log.
 *
 * @param keystore JWT only: the integration user's key, {@code #bean:salesforceKeyStore} (built from
 *        {@code connector.salesforce.jwt.*})
 */
@Validated
@ConsistentSettings
@ConfigurationProperties("camel.component.salesforce")
public record SalesforceLogin(
        @NotBlank(message = "is missing: give the org's login URL, https://login.salesforce.com, https://test"
                + ".salesforce.com or your My Domain URL")
        @Pattern(regexp = "(https?://\\S+)?", message = "is not a URL: give https://login.salesforce.com,"
                + " https://test.salesforce.com or your My Domain URL") String loginUrl,
        @NotBlank(message = "is missing: give the consumer key of the org's External Client App") String clientId,
        @Pattern(regexp = "(?i)JWT|CLIENT_CREDENTIALS|USERNAME_PASSWORD|REFRESH_TOKEN", message = "must be JWT"
                + " (production) or CLIENT_CREDENTIALS") String authenticationType,
        String userName,
        String keystore,
        String clientSecret,
        String password,
        String refreshToken) implements ConsistentSettings.Rules {

    @Override
    public Map<String, String> brokenRules() {
        Map<String, String> broken = new LinkedHashMap<>();
        unresolved(broken, "loginUrl", loginUrl);
        unresolved(broken, "clientId", clientId);
        unresolved(broken, "userName", userName);
        unresolved(broken, "clientSecret", clientSecret);
        String type = authenticationType == null ? "" : authenticationType.toUpperCase(Locale.ROOT);
        switch (type) {
            case "JWT" -> {
                missing(broken, "userName", userName, "the JWT login needs the integration user's user name");
                missing(broken, "keystore", keystore, "the JWT login needs the integration user's key: set it to"
                        + " \"#bean:salesforceKeyStore\" and the key store in connector.salesforce.jwt.key-store");
            }
            case "CLIENT_CREDENTIALS" -> missing(broken, "clientSecret", clientSecret,
                    "the client-credentials login needs the External Client App's consumer secret");
            case "USERNAME_PASSWORD" -> {
                missing(broken, "userName", userName, "the username-password login needs the user name");
                missing(broken, "password", password, "the username-password login needs the password");
            }
            case "REFRESH_TOKEN" -> missing(broken, "refreshToken", refreshToken,
                    "the refresh-token login needs the refresh token");
            default -> {
                if (blank(keystore) && blank(clientSecret) && blank(refreshToken)) {
                    broken.put("authenticationType", "is missing: say how the connector logs in, JWT (production,"
                            + " with user-name and keystore) or CLIENT_CREDENTIALS (with client-secret)");
                }
            }
        }
        return broken;
    }

    /** Spring leaves ${NAME} as it is when nothing sets NAME; a login with it would fail on every request. */
    private static void unresolved(Map<String, String> broken, String property, String value) {
        if (value != null && value.contains("${")) {
            String name = value.substring(value.indexOf("${") + 2).replaceAll("[:}].*", "");
            broken.put(property, "refers to ${" + name + "}, which is not set: set the environment variable " + name);
        }
    }

    private static void missing(Map<String, String> broken, String property, String value, String why) {
        if (blank(value)) {
            broken.putIfAbsent(property, "is missing: " + why);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
