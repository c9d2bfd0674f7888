package io.mpcrm.connector.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.eula.EulaSettings;
import io.mpcrm.connector.eula.EulaStore;
import io.mpcrm.connector.eula.StoredEula;
import io.mpcrm.connector.marketplace.SellerAccountClients;
import io.mpcrm.connector.marketplace.SellerAccounts;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.s3.SandboxS3;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

/**
 * An administrator who sets a KMS key and a short link lifetime ({@code connector.eula.kms-key-id},
 * {@code connector.eula.url-validity}) gets both; and whatever the settings, a stored EULA's key says nothing about the
 * seller, the offer or the file's name, so it can only be found by someone who already holds the document.
 * (The defaults, AES256 and 6 hours, are {@code EulaStoreIT}'s.)
 */
class CustomEulaStorageIT extends ConnectorOnSandbox {

    private static final String ACCOUNT = SandboxMarketplace.SELLER;
    private static final String KMS_KEY = "arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";

    @Autowired
    private SalesforceRecords records;
    @Autowired
    private SellerAccounts accounts;
    @Autowired
    private SellerAccountClients clients;
    @Autowired
    private ProducerTemplate s3Routes;

    private final SandboxS3 s3 = SandboxMarketplace.s3();
    private final String seller = org.createUser("KMS Seller " + System.nanoTime(), "Marketplace_User");

    @Test
    void aEulaIsEncryptedWithTheConfiguredKmsKeyAndItsLinkLivesTheConfiguredFiveMinutes() {
        EulaStore store = new EulaStore(records, accounts, clients,
                new EulaSettings(DataSize.ofMegabytes(10), Duration.ofMinutes(5), KMS_KEY), s3Routes);
        String offer = org.insertAs(seller, "MP_Private_Offer__c", Map.of("Name", "Globex confidential offer",
                "Seller_Account__c", sellerAccount(seller, ACCOUNT)));
        byte[] pdf = ("%PDF-1.7\n% Globex terms " + System.nanoTime() + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        String version = org.insertAs(seller, "ContentVersion", Map.of("PathOnClient", "Globex terms.pdf",
                "VersionData", Base64.getEncoder().encodeToString(pdf), "FirstPublishLocationId", offer));
        String document = (String) org.get("ContentVersion", version).get("ContentDocumentId");
        Instant before = Instant.now();

        StoredEula stored = store.store(ACCOUNT, document, "EULA_Document_Id__c");

        assertThat(s3.metadata(stored.bucket(), stored.key()))
                .containsEntry(SandboxS3.SERVER_SIDE_ENCRYPTION, "aws:kms")
                .containsEntry("x-amz-server-side-encryption-aws-kms-key-id", KMS_KEY);
        assertThat(stored.presignedUrl().getRawQuery()).contains("X-Amz-Expires=300");
        assertThat(stored.expiresAt()).isBetween(before.plusSeconds(299), Instant.now().plusSeconds(301));
        assertThat(stored.key()).matches("eulas/[0-9a-f]{64}\\.pdf")
                .doesNotContain("Globex", ACCOUNT, offer.substring(0, 15), document.substring(0, 15));
    }
}
