package io.mpcrm.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.ConnectorApplication;
import io.mpcrm.connector.sandbox.SandboxSalesforce;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PublicKey;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production logs in as the integration user with the JWT bearer flow: camel-salesforce signs an assertion with the
 * key from {@code connector.salesforce.jwt.key-store}. The key pair is made for this test run only.
 */
@SpringBootTest(classes = ConnectorApplication.class)
class JwtBearerLoginIT {

    private static final String CLIENT_ID = "jwt-" + UUID.randomUUID();
    private static final String USERNAME = "integration@sandbox.example";

    @DynamicPropertySource
    static void jwtLogin(DynamicPropertyRegistry registry) throws Exception {
        SandboxOrg org = SandboxSalesforce.org();
        String password = UUID.randomUUID().toString();
        Path keyStore = throwawayKeyStore(password);
        org.registerJwtClient(CLIENT_ID, publicKey(keyStore, password), USERNAME);

        registry.add("camel.component.salesforce.login-url", org::loginUrl);
        registry.add("camel.component.salesforce.authentication-type", () -> "JWT");
        registry.add("camel.component.salesforce.client-id", () -> CLIENT_ID);
        registry.add("camel.component.salesforce.user-name", () -> USERNAME);
        registry.add("camel.component.salesforce.keystore", () -> "#bean:salesforceKeyStore");
        registry.add("connector.salesforce.jwt.key-store", () -> "file:" + keyStore);
        registry.add("connector.salesforce.jwt.key-store-password", () -> password);
        // This context only proves the login; the shared end-to-end context does the request processing.
        registry.add("connector.sweep.initial-delay", () -> "3600000");
        registry.add("connector.events.enabled", () -> "false");
        // Its offer tracker would poll the shared org a minute after start, inside other tests' Salesforce call budgets.
        registry.add("connector.offers.tracker-period", () -> "3600000");
    }

    @Autowired
    SalesforceRecords salesforce;

    @Test
    void theConnectorLogsInWithItsKeyAndReadsRecords() {
        SandboxOrg org = SandboxSalesforce.org();
        String account = org.insert("AWS_Seller_Account__c",
                Map.of("Name", "JWT check", "Account_Id__c", "666677778888", "Role__c", "ISV"));

        var found = salesforce.query("SELECT Id, Account_Id__c FROM AWS_Seller_Account__c WHERE Id = "
                + Soql.quote(account));

        assertThat(found).singleElement().satisfies(r -> assertThat(r.path("Account_Id__c").asText())
                .isEqualTo("666677778888"));
    }

    private static Path throwawayKeyStore(String password) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("jwt-key");
        Path keyStore = dir.resolve("integration-user.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "integration-user", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=integration-user", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        keyStore.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return keyStore;
    }

    private static PublicKey publicKey(Path keyStore, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password.toCharArray());
        }
        return store.getCertificate("integration-user").getPublicKey();
    }
}
