package io.mpcrm.connector.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.ContractResaleAuthorizations;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import io.mpcrm.connector.sandbox.s3.S3Request;
import io.mpcrm.connector.sandbox.s3.SandboxS3;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The other side of {@link IamPolicyTest}'s source scan: what actually arrived at the Marketplace sandbox (Catalog,
 * Agreement and STS operations, by the names on the wire; every change of every change set started, by type and
 * entity) during this JVM's journeys, and at the S3 sandbox during a custom-EULA offer (operation, bucket, key,
 * encryption headers), is allowed by the shipped policies. It catches a call the scan could miss, such as one the SDK
 * makes on the connector's behalf, or a change type built at run time.
 */
class AwsCallsWithinThePolicyIT extends ConnectorOnSandbox {

    private static final List<String> ACCOUNTS = List.of(SandboxMarketplace.SELLER, SandboxMarketplace.BULK_SELLER,
            SandboxMarketplace.CHANNEL_PARTNER, SandboxMarketplace.NEW_PARTNER, SandboxMarketplace.RENEWAL_PARTNER,
            SandboxMarketplace.TRACKED_SELLER, SandboxMarketplace.RESELLER);

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final SandboxS3 s3 = SandboxMarketplace.s3();
    private final String admin = org.createUser("Policy Admin " + System.nanoTime(), "Marketplace_Administrator");

    @Test
    void everyOperationTheSandboxSawIsOneThePoliciesAllow() throws IOException {
        // Sync a seller's products and agreements, so that the check never passes on no calls at all.
        AccountDesk accountDesk = new AccountDesk(org, desk, sellerAccount(admin, SandboxMarketplace.SELLER), null);
        for (String sync : List.of("REFRESH_PRODUCTS", "REFRESH_AGREEMENTS")) {
            assertThat(accountDesk.awaitFinished(accountDesk.request(admin, sync, null, null)).get("Status__c")).as(sync)
                    .isEqualTo("Succeeded");
        }

        Set<String> seen = new TreeSet<>();
        for (String account : ACCOUNTS) {
            marketplace.callCounts(account).keySet().forEach(operation -> seen.add(
                    (operation.startsWith("AssumeRole") ? "sts:" : "aws-marketplace:") + operation));
        }
        Set<String> allowed = new TreeSet<>(actions("connector-seller-account-policy.json"));
        allowed.addAll(actions("connector-identity-policy.json"));
        // AssumeRoleWithWebIdentity (the session that signs custom EULA links) is allowed by the role's trust policy.
        allowed.addAll(actions("connector-seller-account-trust-policy.json"));

        assertThat(seen).contains("aws-marketplace:ListEntities", "aws-marketplace:SearchAgreements",
                "sts:AssumeRole");
        assertThat(seen).allSatisfy(operation -> assertThat(allowed).as(operation)
                .containsAll(AwsOperationsCalled.iamActions(operation)));
    }

    /**
     * IAM authorizes StartChangeSet once per change, with that change's type as catalog:ChangeType (a single-valued
     * key: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsmarketplacecatalog.html) on the
     * entity it changes and on the new change set
     * (https://docs.aws.amazon.com/marketplace/latest/APIReference/catalog-api-access-control.html). A Create change
     * is checked here on the entity it made, the one ARN AWS could know it by afterwards.
     */
    @Test
    void everyChangeOfEveryChangeSetStartedIsAllowedForItsTypeOnItsEntityAndItsChangeSet() {
        // An ISV makes an offer and cancels it, authorizes a reseller and deactivates that: offer and resale changes,
        // creations and changes to existing entities are among what the sandbox saw, even when this test runs alone.
        AccountDesk accountDesk = pricedOffersDesk();
        String offer = accountDesk.offer(admin, Map.of(), true);
        assertThat(accountDesk.awaitFinished(accountDesk.request(admin, "CREATE_OFFER", offer, null)).get("Status__c"))
                .isEqualTo("Succeeded");
        awaitOffer(offer, "Released");
        assertThat(accountDesk.awaitFinished(accountDesk.request(admin, "CANCEL_OFFER", offer, null)).get("Status__c"))
                .isEqualTo("Succeeded");
        awaitOffer(offer, "Cancelled");
        String ra = resaleAuthorization();
        assertThat(accountDesk.awaitFinished(accountDesk.request(admin, "CREATE_RESALE_AUTHORIZATION", ra, null)).get("Status__c"))
                .isEqualTo("Succeeded");
        awaitStatus("MP_Resale_Authorization__c", ra, "Active");
        assertThat(accountDesk.awaitFinished(accountDesk.request(admin, "DEACTIVATE_RESALE_AUTHORIZATION", ra,
                "{\"confirmRestrict\":\"RESTRICT\"}")).get("Status__c")).isEqualTo("Succeeded");
        awaitStatus("MP_Resale_Authorization__c", ra, "Restricted");
        IamPolicy policy = IamPolicy.shipped("connector-seller-account-policy.json", Map.of());

        List<MarketplaceSandbox.StartedChange> changes = ACCOUNTS.stream()
                .flatMap(account -> marketplace.startedChanges(account).stream()).toList();

        assertThat(changes).extracting(MarketplaceSandbox.StartedChange::changeType).contains("CreateOffer",
                "UpdateAvailability", "ReleaseOffer", "CreateResaleAuthorization", "ReleaseResaleAuthorization",
                "RestrictResaleAuthorization");
        assertThat(changes).allSatisfy(change -> {
            Map<String, List<String>> type = Map.of("catalog:ChangeType", List.of(change.changeType()));
            assertThat(policy.allowsWith("aws-marketplace:StartChangeSet", change.entityArn(), type))
                    .as("%s on %s", change.changeType(), change.entityArn()).isTrue();
            assertThat(policy.allowsWith("aws-marketplace:StartChangeSet", change.changeSetArn(), type))
                    .as("%s in %s", change.changeType(), change.changeSetArn()).isTrue();
        });
    }

    @Test
    void everyS3CallOfACustomEulaOfferIsAllowedOnTheEulaBucketsEulasOnlyAndEncrypted() throws Exception {
        String bucket = SandboxMarketplace.eulaBucket(SandboxMarketplace.SELLER);
        IamPolicy policy = IamPolicy.shipped("connector-seller-account-policy.json", Map.of("EULA_BUCKET", bucket));
        AccountDesk accountDesk = pricedOffersDesk();
        String offer = accountDesk.offer(admin, Map.of(), true);
        byte[] eula = ("%PDF-1.4\n% Initech EULA " + System.nanoTime() + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        String version = org.insertAs(admin, "ContentVersion", Map.of("PathOnClient", "initech-eula.pdf",
                "VersionData", Base64.getEncoder().encodeToString(eula), "FirstPublishLocationId", offer));
        rest.update("MP_Private_Offer__c", offer, Map.of("EULA_Type__c", "CustomEula",
                "EULA_Document_Id__c", org.get("ContentVersion", version).get("ContentDocumentId")));
        int before = s3.served().size();

        Map<String, Object> done = accountDesk.awaitFinished(accountDesk.request(admin, "CREATE_OFFER", offer, null));
        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        String offerId = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> (String) rest.get("MP_Private_Offer__c", offer).get("Offer_Id__c"), id -> id != null);
        // The buyer opens the EULA link the offer carries: that read is signed by the seller account's role too.
        String link = marketplace.entityDetails(offerId).orElseThrow().findValues("Documents").get(0).get(0)
                .path("Url").asText();
        HttpResponse<byte[]> opened = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(opened.body()).isEqualTo(eula);
        List<S3Request> calls = s3.served().subList(before, s3.served().size());

        assertThat(calls).extracting(S3Request::operation).contains("PutObject", "GetObject");
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.accountId()).as("signed by the seller account's role").isEqualTo(SandboxMarketplace.SELLER);
            assertThat(call.bucket()).isEqualTo(bucket);
            assertThat(call.key()).startsWith("eulas/");
            for (Map.Entry<String, String> needed : iamActions(call).entrySet()) {
                assertThat(policy.allows(needed.getKey(), needed.getValue(), conditionKeys(call)))
                        .as("%s on %s, for %s %s with %s", needed.getKey(), needed.getValue(), call.operation(),
                                call.key(), call.encryptionHeaders()).isTrue();
            }
        });
        assertThat(calls).filteredOn(call -> call.operation().equals("PutObject")).isNotEmpty().allSatisfy(put ->
                assertThat(put.encryptionHeaders()).containsEntry(SandboxS3.SERVER_SIDE_ENCRYPTION, "AES256"));
    }

    /**
     * What IAM authorizes for one S3 request (from the S3 API reference): a read of an object is s3:GetObject on it
     * (without s3:ListBucket S3 answers a missing one 403 instead of the sandbox's 404, which EulaStore reads the same
     * way: not stored yet); a write is s3:PutObject; listing is s3:ListBucket on the bucket. Any other operation is its
     * own action, which the shipped policy does not grant, so an unexpected call fails the check.
     */
    private static Map<String, String> iamActions(S3Request call) {
        String bucketArn = "arn:aws:s3:::" + call.bucket();
        String objectArn = bucketArn + "/" + call.key();
        Map<String, String> needed = new java.util.LinkedHashMap<>();
        switch (call.operation()) {
            case "GetObject", "HeadObject" -> needed.put("s3:GetObject", objectArn);
            case "PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" ->
                    needed.put("s3:PutObject", objectArn);
            case "ListObjects", "ListObjectsV2", "HeadBucket" -> needed.put("s3:ListBucket", bucketArn);
            default -> needed.put("s3:" + call.operation(), call.key() == null ? bucketArn : objectArn);
        }
        return needed;
    }

    /** The S3 condition keys a request sets by its headers, under their IAM names (s3:x-amz-server-side-encryption). */
    private static Map<String, String> conditionKeys(S3Request call) {
        Map<String, String> keys = new java.util.HashMap<>();
        call.encryptionHeaders().forEach((header, value) -> keys.put("s3:" + header, value));
        return keys;
    }

    private AccountDesk pricedOffersDesk() {
        String account = sellerAccount(admin, SandboxMarketplace.SELLER);
        String productId = SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS);
        String find = "SELECT Id FROM MP_Product__c WHERE Product_Id__c = '" + productId + "'";
        if (rest.query(find).isEmpty()) {
            AccountDesk sync = new AccountDesk(org, desk, account, null);
            assertThat(sync.awaitFinished(sync.request(admin, "REFRESH_PRODUCTS", null, null)).get("Status__c"))
                    .isEqualTo("Succeeded");
        }
        return new AccountDesk(org, desk, account, (String) rest.query(find).get(0).get("Id"));
    }

    /** A resale authorization of the synced SaaS product, with a wholesale rate for each contract dimension. */
    private String resaleAuthorization() {
        String account = sellerAccount(admin, SandboxMarketplace.SELLER);
        String productId = SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS);
        String product = (String) rest.query("SELECT Id FROM MP_Product__c WHERE Product_Id__c = '" + productId + "'")
                .get(0).get("Id");
        return ContractResaleAuthorizations.write(org, admin, account, product,
                "Policy check resale");
    }

    private static Set<String> actions(String policy) throws IOException {
        Set<String> actions = new TreeSet<>();
        new ObjectMapper().readTree(Path.of("config", "iam", policy).toFile()).path("Statement").forEach(s -> {
            if (s.path("Action").isArray()) {
                s.path("Action").forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(s.path("Action").asText());
            }
        });
        return actions;
    }
}
