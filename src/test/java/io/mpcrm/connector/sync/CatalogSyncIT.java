package io.mpcrm.connector.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mpcrm.connector.request.ScheduledRequests;
import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.Desk;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A seller refreshes products and agreements, a channel partner refreshes the resale authorizations shared with
 * it: the records in Salesforce match what AWS Marketplace holds, however often and however concurrently it runs.
 */
class CatalogSyncIT extends ConnectorOnSandbox {

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final String admin = org.createUser("Sync Admin " + System.nanoTime(), "Marketplace_Administrator");

    @Autowired
    ScheduledRequests scheduled;

    @Autowired
    CamelContext camel;

    @Test
    void refreshingProductsWritesEveryProductOfEveryTypeWithItsDimensionsAcrossPages() {
        String seller = sellerAccount(admin, SandboxMarketplace.SELLER);
        List<String> generated = marketplace.generateProducts(SandboxMarketplace.SELLER, 120);

        Map<String, Object> done = awaitFinished(syncRequest("REFRESH_PRODUCTS", seller, admin));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Map<String, Object>> products = products(seller);
        assertThat(products).containsKeys(generated.toArray(String[]::new));
        assertThat(products).containsKeys(SandboxMarketplace.seed().products().values().toArray(String[]::new));
        String saas = SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS);
        assertThat(products.get(saas)).containsEntry("Product_Type__c", "SaaS").containsEntry("Name",
                "Example Analytics (SaaS)");
        var dimensions = rest.query("SELECT Dimension_Key__c, Product_Dimension_Key__c, Types__c, Name, Unit__c,"
                + " Description__c FROM MP_Product_Dimension__c WHERE Product__c = '" + products.get(saas).get("Id")
                + "'");
        assertThat(dimensions).hasSize(4).allSatisfy(d -> assertThat((String) d.get("Product_Dimension_Key__c"))
                .startsWith(saas + "/"));
        // What the guided offer page lists for each dimension: its name, unit and description (SeedData's "users").
        assertThat(dimensions).filteredOn(d -> "users".equals(d.get("Dimension_Key__c"))).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("Name", "Users").containsEntry("Unit__c", "Users")
                        .containsEntry("Description__c", "Named users"));
        assertThat(marketplace.callCounts(SandboxMarketplace.SELLER).get("ListEntities"))
                .as("SaaS alone spans several pages of 50").isGreaterThanOrEqualTo(6);
    }

    @Test
    void aProductTheAccountNoLongerSeesIsMarkedUnavailableNotDeleted() {
        String seller = sellerAccount(admin, SandboxMarketplace.SELLER);
        String product = marketplace.addProduct(SandboxMarketplace.SELLER, MarketplaceSandbox.ProductType.SAAS,
                "Retired Product", "Public");
        assertThat(awaitFinished(syncRequest("REFRESH_PRODUCTS", seller, admin)).get("Status__c")).isEqualTo("Succeeded");
        marketplace.removeProduct(SandboxMarketplace.SELLER, product);

        Map<String, Object> done = awaitFinished(syncRequest("REFRESH_PRODUCTS", seller, admin));

        assertThat(done.get("Status__c")).isEqualTo("Succeeded");
        assertThat((String) done.get("Result__c")).contains("marked Unavailable");
        assertThat(products(seller).get(product)).containsEntry("Visibility__c", "Unavailable");
    }

    @Test
    void refreshingTwiceAtTheSameTimeCreatesNoDuplicateRecord() {
        String seller = sellerAccount(admin, SandboxMarketplace.SELLER);
        marketplace.addProduct(SandboxMarketplace.SELLER, MarketplaceSandbox.ProductType.AMI, "Twice", "Public");

        String first = syncRequest("REFRESH_PRODUCTS", seller, admin);
        String second = syncRequest("REFRESH_PRODUCTS", seller, admin);

        assertThat(awaitFinished(first).get("Status__c")).isEqualTo("Succeeded");
        assertThat(awaitFinished(second).get("Status__c")).isEqualTo("Succeeded");
        Map<String, Long> perProductId = rest.query("SELECT Product_Id__c FROM MP_Product__c WHERE Product_Id__c != null")
                .stream()
                .collect(Collectors.groupingBy(r -> (String) r.get("Product_Id__c"), Collectors.counting()));
        assertThat(perProductId).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
        Map<String, Long> perDimension = rest.query("SELECT Product_Dimension_Key__c FROM MP_Product_Dimension__c"
                        + " WHERE Product_Dimension_Key__c != null").stream().collect(Collectors.groupingBy(r -> (String) r.get("Product_Dimension_Key__c"),
                        Collectors.counting()));
        assertThat(perDimension).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1L));
    }

    @Test
    void refreshingAgreementsStaysWithinTheSalesforceCallBudgetAndIsIncremental() throws Exception {
        // Only this request's calls are counted: the sweep's and the offer tracker's own queries are paused (the
        // request's event starts it).
        camel.getRouteController().stopRoute("request-sweep");
        camel.getRouteController().stopRoute("offer-status-tracker");
        try {
            refreshAgreementsWithinBudget();
        } finally {
            camel.getRouteController().startRoute("offer-status-tracker");
            camel.getRouteController().startRoute("request-sweep");
        }
    }

    private void refreshAgreementsWithinBudget() {
        String seller = sellerAccount(admin, SandboxMarketplace.BULK_SELLER);
        int n = 450;
        List<String> agreements = marketplace.generateAgreements(SandboxMarketplace.BULK_SELLER, n, new Random(7));
        Map<String, Long> before = org.callCounts();

        Map<String, Object> cold = awaitFinished(syncRequest("REFRESH_AGREEMENTS", seller, admin));

        Map<String, Long> used = delta(before, org.callCounts());
        assertThat(cold.get("Status__c")).as(String.valueOf(cold.get("Error__c"))).isEqualTo("Succeeded");
        assertThat(rest.query("SELECT Id FROM MP_Agreement__c WHERE Seller_Account__c = '" + seller + "'"))
                .hasSize(n);
        long readsAndCollections = sum(used, "query", "queryMore", "collections.upsert", "collections.create",
                "collections.update");
        assertThat(readsAndCollections).as("calls " + used).isLessThanOrEqualTo((n + 199) / 200 + 5);
        assertThat((String) cold.get("Result__c")).contains(n + " agreements written (" + n + " new");
        assertThat(marketplace.throttledCounts(SandboxMarketplace.BULK_SELLER).values().stream()
                .mapToLong(Long::longValue).sum()).as("the connector's own rate limits kept it under the quotas")
                .isZero();

        Map<String, Long> beforeWarm = org.callCounts();
        long describesBefore = marketplace.callCounts(SandboxMarketplace.BULK_SELLER).get("DescribeAgreement");
        Map<String, Object> warm = awaitFinished(syncRequest("REFRESH_AGREEMENTS", seller, admin));

        Map<String, Long> warmUsed = delta(beforeWarm, org.callCounts());
        assertThat(warm.get("Status__c")).isEqualTo("Succeeded");
        assertThat(sum(warmUsed, "collections.upsert", "collections.create", "collections.update"))
                .as("no agreement written when nothing changed").isZero();
        assertThat(marketplace.callCounts(SandboxMarketplace.BULK_SELLER).get("DescribeAgreement"))
                .as("nothing described again").isEqualTo(describesBefore);

        String changed = agreements.get(17);
        marketplace.setAgreementStatus(changed, "TERMINATED");
        Map<String, Object> third = awaitFinished(syncRequest("REFRESH_AGREEMENTS", seller, admin));
        assertThat((String) third.get("Result__c")).contains("1 agreement written (0 new, 1 updated)");
        assertThat(rest.query("SELECT Status__c FROM MP_Agreement__c WHERE Agreement_Id__c = '" + changed + "'"))
                .singleElement().satisfies(r -> assertThat(r.get("Status__c")).isEqualTo("TERMINATED"));
    }

    @Test
    void aRefreshAfterAnOfferIsImportedLinksEveryAgreementOnItWithoutReadingThemFromAwsAgain() throws Exception {
        // Only this test's calls are counted: the sweep's and the offer tracker's are paused.
        camel.getRouteController().stopRoute("request-sweep");
        camel.getRouteController().stopRoute("offer-status-tracker");
        try {
            refreshLinksAgreementsToAnOfferImportedSince();
        } finally {
            camel.getRouteController().startRoute("offer-status-tracker");
            camel.getRouteController().startRoute("request-sweep");
        }
    }

    private void refreshLinksAgreementsToAnOfferImportedSince() {
        String seller = sellerAccount(admin, SandboxMarketplace.SELLER);
        String product = SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS);
        String offerId = marketplace.addOffer(SandboxMarketplace.SELLER, product, "Six buyers", List.of("444455556666"));
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minus(Duration.ofDays(10));
        List<String> onTheOffer = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            onTheOffer.add(marketplace.addAgreement(SandboxMarketplace.SELLER, String.format("%012d", 900000000100L + i),
                    product, offerId, "ACTIVE", start, start.plus(Duration.ofDays(365)),
                    MarketplaceSandbox.AgreementPricing.CONTRACT, false));
        }
        assertThat(awaitFinished(syncRequest("REFRESH_AGREEMENTS", seller, admin)).get("Status__c")).isEqualTo("Succeeded");
        String agreementsOnTheOffer = "SELECT Agreement_Id__c, Private_Offer__c FROM MP_Agreement__c WHERE Offer_Id__c = '"
                + offerId + "'";
        assertThat(rest.query(agreementsOnTheOffer)).as("written before the offer is in Salesforce").hasSize(6)
                .allSatisfy(r -> assertThat(r.get("Private_Offer__c")).isNull());
        Map<String, Object> imported = awaitFinished(desk.press(admin, "IMPORT_OFFER", seller, seller,
                "{\"offerId\":\"" + offerId + "\"}"));
        assertThat(imported.get("Status__c")).as(String.valueOf(imported.get("Error__c"))).isEqualTo("Succeeded");
        String offerRecord = (String) rest.query("SELECT Id FROM MP_Private_Offer__c WHERE Offer_Id__c = '" + offerId
                + "'").get(0).get("Id");
        Map<String, Long> awsBefore = marketplace.callCounts(SandboxMarketplace.SELLER);
        Map<String, Long> salesforceBefore = org.callCounts(org.integrationUserId());

        Map<String, Object> second = awaitFinished(syncRequest("REFRESH_AGREEMENTS", seller, admin));

        assertThat(second.get("Status__c")).as(String.valueOf(second.get("Error__c"))).isEqualTo("Succeeded");
        assertThat(rest.query(agreementsOnTheOffer).stream().collect(Collectors.toMap(
                r -> (String) r.get("Agreement_Id__c"), r -> String.valueOf(r.get("Private_Offer__c")))))
                .as("every agreement on the offer links to it").isEqualTo(onTheOffer.stream()
                        .collect(Collectors.toMap(id -> id, id -> offerRecord)));
        int agreements = rest.query("SELECT Id FROM MP_Agreement__c WHERE Seller_Account__c = '" + seller + "'").size();
        Map<String, Long> aws = delta(awsBefore, marketplace.callCounts(SandboxMarketplace.SELLER));
        assertThat(aws.getOrDefault("DescribeAgreement", 0L) + aws.getOrDefault("GetAgreementTerms", 0L))
                .as("no agreement read from AWS again: " + aws).isZero();
        assertThat(aws.get("SearchAgreements")).as("the search pages alone").isEqualTo((agreements + 49) / 50);
        assertThat((String) second.get("Result__c")).contains("6 agreements written (0 new, 6 updated), "
                + (agreements - 6) + " unchanged");
        Map<String, Long> written = delta(salesforceBefore, org.callCounts(org.integrationUserId()));
        assertThat(written).as("the six links in one collection").containsEntry("collections.update", 1L);
        assertThat(sum(written, "collections.upsert", "collections.create")).as(written.toString()).isZero();

        Map<String, Long> beforeThird = org.callCounts(org.integrationUserId());
        Map<String, Object> third = awaitFinished(syncRequest("REFRESH_AGREEMENTS", seller, admin));
        assertThat((String) third.get("Result__c")).contains("0 agreements written");
        assertThat(sum(delta(beforeThird, org.callCounts(org.integrationUserId())), "collections.update",
                "collections.upsert", "collections.create")).as("linked once, not on every refresh").isZero();
    }

    @Test
    void importingOneAgreementLinksItToItsProductAndShowsWhatTheBuyerBought() {
        String seller = sellerAccount(admin, SandboxMarketplace.SELLER);
        awaitFinished(syncRequest("REFRESH_PRODUCTS", seller, admin));
        String agreement = SandboxMarketplace.seed().activeAgreementId();
        Map<String, Object> fields = Desk.request("IMPORT_AGREEMENT", seller, seller,
                "{\"agreementId\":\"" + agreement + "\"}");

        Map<String, Object> done = awaitFinished(desk.press(admin, fields));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> record = rest.query("SELECT Status__c, Product__c, Offer_Id__c, Acceptor_Account_Id__c,"
                + " Pricing_Model__c, Dimensions__c, Agreement_Value__c, Currency__c, Terms_Json__c, Start_Time__c"
                + " FROM MP_Agreement__c WHERE Agreement_Id__c = '" + agreement + "'").get(0);
        assertThat(record.get("Status__c")).isEqualTo("ACTIVE");
        assertThat(record.get("Product__c")).isNotNull();
        assertThat(record.get("Offer_Id__c")).isEqualTo(SandboxMarketplace.seed().offerId());
        assertThat(record.get("Pricing_Model__c")).isEqualTo("Contract");
        assertThat((String) record.get("Dimensions__c")).contains("units");
        assertThat(record.get("Currency__c")).isNotNull();
        assertThat((String) record.get("Terms_Json__c")).contains("configurableUpfrontPricingTerm");
    }

    @Test
    void anAgreementIdThatIsNotOneIsExplainedWithoutCallingAws() {
        String seller = sellerAccount(admin, SandboxMarketplace.SELLER);
        Map<String, Object> fields = Desk.request("IMPORT_AGREEMENT", seller, seller,
                "{\"agreementId\":\"not an id; DROP\"}");
        long searchesBefore = marketplace.callCounts(SandboxMarketplace.SELLER).getOrDefault("DescribeAgreement", 0L);

        Map<String, Object> done = awaitFinished(desk.press(admin, fields));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("agreementId");
        assertThat(marketplace.callCounts(SandboxMarketplace.SELLER).getOrDefault("DescribeAgreement", 0L))
                .isEqualTo(searchesBefore);
    }

    @Test
    void aChannelPartnerSeesEveryResaleAuthorizationSharedWithIt() {
        String partner = sellerAccount(admin, SandboxMarketplace.CHANNEL_PARTNER);

        Map<String, Object> done = awaitFinished(syncRequest("REFRESH_SHARED_RESALE_AUTHORIZATIONS", partner, admin));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        var shared = rest.query("SELECT Resale_Authorization_Id__c, ISV_Account_Id__c, Usage__c, Status__c,"
                + " Wholesale_Rates__c, Legal_Terms__c, Pricing_Model__c FROM MP_Shared_Resale_Authorization__c"
                + " WHERE Seller_Account__c = '" + partner + "'");
        assertThat(shared).extracting(r -> r.get("Resale_Authorization_Id__c"))
                .containsExactlyInAnyOrderElementsOf(SandboxMarketplace.seed().resaleAuthorizationIds());
        assertThat(shared).allSatisfy(r -> {
            assertThat(r.get("ISV_Account_Id__c")).isEqualTo(SandboxMarketplace.SELLER);
            assertThat((String) r.get("Wholesale_Rates__c")).startsWith("[{");
            assertThat((String) r.get("Legal_Terms__c")).contains("BuyerLegalTerm");
        });
        assertThat(shared).extracting(r -> r.get("Usage__c")).contains("One-time", "Multi-use");
    }

    @Test
    void syncingSharedResaleAuthorizationsAgainWithNothingChangedWritesNoRecord() {
        String partner = sellerAccount(admin, SandboxMarketplace.CHANNEL_PARTNER);
        assertThat(awaitFinished(syncRequest("REFRESH_SHARED_RESALE_AUTHORIZATIONS", partner, admin))
                .get("Status__c")).isEqualTo("Succeeded");
        int shared = rest.query("SELECT Id FROM MP_Shared_Resale_Authorization__c WHERE Seller_Account__c = '"
                + partner + "'").size();
        Map<String, Long> before = org.callCounts(org.integrationUserId());

        Map<String, Object> again = awaitFinished(syncRequest("REFRESH_SHARED_RESALE_AUTHORIZATIONS", partner, admin));

        Map<String, Long> used = delta(before, org.callCounts(org.integrationUserId()));
        assertThat(again.get("Status__c")).as(String.valueOf(again.get("Error__c"))).isEqualTo("Succeeded");
        assertThat(sum(used, "collections.upsert", "collections.create", "collections.update", "create"))
                .as("no shared resale authorization written: " + used).isZero();
        assertThat((String) again.get("Result__c"))
                .isEqualTo("0 shared resale authorizations written (0 new, 0 updated), " + shared + " unchanged.");
    }

    @Test
    void aScheduledSyncRecordsARequestThatRunsLikeTheButton() {
        String seller = sellerAccount(admin, SandboxMarketplace.SELLER);
        Instant before = Instant.now().minusSeconds(1);

        scheduled.create("REFRESH_SHARED_RESALE_AUTHORIZATIONS", SandboxMarketplace.SELLER);

        List<Map<String, Object>> created = rest.query("SELECT Id, CreatedDate FROM Marketplace_Request__c WHERE"
                + " Action__c = 'REFRESH_SHARED_RESALE_AUTHORIZATIONS' AND Seller_Account__c = '" + seller + "'");
        assertThat(created).isNotEmpty();
        assertThat(awaitFinished((String) created.get(created.size() - 1).get("Id")).get("Status__c"))
                .isEqualTo("Succeeded");
        assertThat(before).isBefore(Instant.now());
    }

    @Test
    void anotherSellersAgreementCannotBeImported() {
        String seller = sellerAccount(admin, SandboxMarketplace.SELLER);
        String foreign = marketplace.generateAgreements(SandboxMarketplace.CHANNEL_PARTNER, 1, new Random(3)).get(0);
        Map<String, Object> fields = Desk.request("IMPORT_AGREEMENT", seller, seller,
                "{\"agreementId\":\"" + foreign + "\"}");

        Map<String, Object> done = awaitFinished(desk.press(admin, fields));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains(foreign).contains(SandboxMarketplace.SELLER);
        assertThat(rest.query("SELECT Id FROM MP_Agreement__c WHERE Agreement_Id__c = '" + foreign + "'")).isEmpty();
    }

    @Test
    void assumedRoleCredentialsAreRenewedWhenTheyRunOut() {
        String partner = sellerAccount(admin, SandboxMarketplace.RENEWAL_PARTNER);
        marketplace.setCredentialLifetime(Duration.ofSeconds(3));
        try {
            assertThat(awaitFinished(syncRequest("REFRESH_SHARED_RESALE_AUTHORIZATIONS", partner, admin))
                    .get("Status__c")).isEqualTo("Succeeded");
            int issued = marketplace.issuedCredentials();
            await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> true);

            assertThat(awaitFinished(syncRequest("REFRESH_SHARED_RESALE_AUTHORIZATIONS", partner, admin))
                    .get("Status__c")).isEqualTo("Succeeded");
            assertThat(marketplace.issuedCredentials()).as("a new AssumeRole after expiry").isGreaterThan(issued);
        } finally {
            marketplace.setCredentialLifetime(null);
        }
    }

    @Test
    void aSellerAccountMissingFromTheConfigurationIsRefusedWithoutCallingAws() {
        String unconfigured = sellerAccount(admin, "999900001111");
        long stsBefore = marketplace.issuedCredentials();

        Map<String, Object> done = awaitFinished(syncRequest("REFRESH_PRODUCTS", unconfigured, admin));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("999900001111").contains("not configured");
        assertThat(marketplace.issuedCredentials()).isEqualTo(stsBefore);
    }

    @Test
    void awsFailingForLongerThanTheRetriesMakesTheRequestWaitAndThenFailVisibly() {
        String seller = sellerAccount(admin, SandboxMarketplace.CHANNEL_PARTNER);
        marketplace.failNext("ListEntities", 1000, 500, "InternalServiceException");
        try {
            Map<String, Object> done = awaitFinished(syncRequest("REFRESH_SHARED_RESALE_AUTHORIZATIONS", seller, admin));

            assertThat(done.get("Status__c")).isEqualTo("Failed");
            assertThat(((Number) done.get("Attempts__c")).intValue()).isEqualTo(4);
            assertThat((String) done.get("Error__c")).contains("Gave up after 4 attempts")
                    .contains("InternalServiceException");
        } finally {
            marketplace.clearFaults();
        }
    }

    @Test
    void aBriefAwsOutageIsRetriedAndTheSyncSucceeds() {
        String seller = sellerAccount(admin, SandboxMarketplace.CHANNEL_PARTNER);
        marketplace.failNext("BatchDescribeEntities", 2, 503, "InternalServiceException");

        Map<String, Object> done = awaitFinished(syncRequest("REFRESH_SHARED_RESALE_AUTHORIZATIONS", seller, admin));

        assertThat(done.get("Status__c")).isEqualTo("Succeeded");
        assertThat(((Number) done.get("Attempts__c")).intValue()).as("the SDK's retries absorbed it").isEqualTo(1);
    }

    private Map<String, Map<String, Object>> products(String seller) {
        return rest.query("SELECT Id, Name, Product_Id__c, Product_Type__c, Visibility__c FROM MP_Product__c WHERE"
                + " Seller_Account__c = '" + seller + "'").stream()
                .collect(Collectors.toMap(r -> (String) r.get("Product_Id__c"), r -> r));
    }

    private String syncRequest(String action, String seller, String user) {
        return desk.press(user, action, seller, seller, null);
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, 0L)));
        return delta;
    }

    private static long sum(Map<String, Long> counts, String... kinds) {
        long total = 0;
        for (String kind : kinds) {
            total += counts.getOrDefault(kind, 0L);
        }
        return total;
    }
}
