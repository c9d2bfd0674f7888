package io.mpcrm.connector.eula;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.ContractResaleAuthorizations;
import io.mpcrm.connector.sandbox.ContractOffer;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * As the Helm chart runs it on EKS (IAM roles for service accounts), the connector's own AWS identity is already a
 * role session, so it assumes each seller account's role by role chaining, which AWS caps at one hour. Custom legal
 * documents must still reach AWS through links that work when AWS reads them, hours after StartChangeSet: a
 * custom-EULA offer is released, and a resale authorization with a custom buyer EULA and a custom reseller contract
 * becomes Active.
 */
class CustomEulaUnderRoleSessionIT extends ConnectorOnSandbox {

    private static final String RA = "MP_Resale_Authorization__c";

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final String seller = org.createUser("IRSA Seller " + System.nanoTime(), "Marketplace_User");
    private String sellerAccount;
    private String saasProduct;

    @BeforeEach
    void productsAreSynced() {
        sellerAccount = sellerAccount(seller, SandboxMarketplace.SELLER);
        String productId = SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS);
        String find = "SELECT Id FROM MP_Product__c WHERE Product_Id__c = '" + productId + "'";
        if (rest.query(find).isEmpty()) {
            assertThat(awaitFinished(request("REFRESH_PRODUCTS", null)).get("Status__c")).isEqualTo("Succeeded");
        }
        saasProduct = (String) rest.query(find).get(0).get("Id");
    }

    @Test
    void theConnectorsIdentityIsTheServiceAccountsRoleSessionAndItAssumesSellerRolesByRoleChaining() {
        // The SDK's default chain, which the connector's clients use, resolves the pod's web identity.
        String baseKey;
        try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
            baseKey = chain.resolveCredentials().accessKeyId();
        }
        assertThat(marketplace.issuedCredentials(baseKey)).as("a session STS started for the connector's own role")
                .hasValueSatisfying(c -> assertThat(c.accountId()).isEqualTo(SandboxMarketplace.CONNECTOR_ACCOUNT));
        assertThat(awaitFinished(request("REFRESH_PRODUCTS", null)).get("Status__c")).isEqualTo("Succeeded");

        List<MarketplaceSandbox.StartedSession> sessions = marketplace.startedSessions();
        assertThat(sessions).anySatisfy(s -> {
            assertThat(s.action()).isEqualTo("AssumeRoleWithWebIdentity");
            assertThat(s.roleArn()).isEqualTo(SandboxMarketplace.CONNECTOR_ROLE_ARN);
        });
        assertThat(sessions).filteredOn(s -> s.action().equals("AssumeRole"))
                .filteredOn(s -> s.roleArn().contains(":" + SandboxMarketplace.SELLER + ":"))
                .isNotEmpty().allSatisfy(s -> assertThat(s.chained()).as("assumed by role chaining").isTrue());
    }

    @Test
    void aCustomEulaOfferIsReleasedAndAwsCanStillReadItsEulaHoursLater() {
        Map<String, Object> fields = ContractOffer.fields("Initech EULA deal", "Custom terms for Initech",
                sellerAccount, saasProduct, LocalDate.now().plusDays(30));
        String offer = ContractOffer.insertPriced(org, seller, fields);
        byte[] eula = pdf("Initech custom EULA");
        rest.update("MP_Private_Offer__c", offer, Map.of("EULA_Type__c", "CustomEula",
                "EULA_Document_Id__c", attach(offer, "initech-eula.pdf", eula)));
        Instant started = Instant.now();

        Map<String, Object> done = awaitFinished(request("CREATE_OFFER", offer));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> released = awaitOffer(offer, "Released");
        assertThat(released.get("Last_Error__c")).isNull();
        String url = marketplace.entityDetails((String) released.get("Offer_Id__c")).orElseThrow().path("Terms")
                .findValues("Documents").get(0).get(0).path("Url").asText();
        assertReadByAwsHoursLater(url, started);
    }

    @Test
    void aResaleAuthorizationWithACustomResellerContractBecomesActive() {
        String ra = authorization();
        rest.update(RA, ra, Map.of("Buyer_EULA_Type__c", "CustomEula",
                "Buyer_EULA_Document_Id__c", attach(ra, "buyer-eula.pdf", pdf("Initech buyer EULA")),
                "Reseller_Contract_Type__c", "CustomResellerContract",
                "Reseller_Contract_Document_Id__c", attach(ra, "reseller-contract.pdf", pdf("Initech contract"))));
        Instant started = Instant.now();

        Map<String, Object> done = awaitFinished(request("CREATE_RESALE_AUTHORIZATION", ra));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> active = awaitStatus(RA, ra, "Active");
        assertThat(active.get("Last_Error__c")).isNull();
        JsonNode details = marketplace.entityDetails((String) active.get("Resale_Authorization_Id__c")).orElseThrow();
        for (String term : List.of("BuyerLegalTerm", "ResaleLegalTerm")) {
            JsonNode document = null;
            for (JsonNode t : details.path("Terms")) {
                if (term.equals(t.path("Type").asText())) {
                    document = t.path("Documents").path(0);
                }
            }
            assertThat(document).as(term).isNotNull();
            assertThat(document.path("Type").asText()).startsWith("Custom");
            assertReadByAwsHoursLater(document.path("Url").asText(), started);
        }
    }

    /** AWS read the document when the sandbox models it does, hours after StartChangeSet, and the link worked. */
    private void assertReadByAwsHoursLater(String url, Instant started) {
        assertThat(marketplace.legalDocumentReads()).filteredOn(read -> read.url().equals(url)).isNotEmpty()
                .allSatisfy(read -> {
                    assertThat(read.judgedAt()).isAfter(started.plus(Duration.ofHours(2)));
                    assertThat(read.readable()).as("the link worked when AWS read it").isTrue();
                });
    }

    private String authorization() {
        return ContractResaleAuthorizations.write(org, seller, sellerAccount, saasProduct, "Initech resale",
                Map.of("Description__c", "Wholesale terms with our own contract"));
    }

    private String attach(String record, String fileName, byte[] content) {
        String version = org.insertAs(seller, "ContentVersion", Map.of("PathOnClient", fileName,
                "VersionData", Base64.getEncoder().encodeToString(content), "FirstPublishLocationId", record));
        return (String) org.get("ContentVersion", version).get("ContentDocumentId");
    }

    private String request(String action, String target) {
        return desk.press(seller, action, sellerAccount, target, null);
    }

    private static byte[] pdf(String text) {
        return ("%PDF-1.4\n% " + text + " " + System.nanoTime() + "\n%%EOF\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
