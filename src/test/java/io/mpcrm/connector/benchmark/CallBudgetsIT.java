package io.mpcrm.connector.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import io.mpcrm.connector.sandbox.ContractOffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The benchmark's call budgets, small enough for every build (the full benchmark is {@link ConnectorBenchmark}).
 * Call counts are deterministic, so only they are asserted, never wall time. The sweep and the tracker are paused
 * while a test counts, so the calls counted are those of the requests the seller made.
 */
class CallBudgetsIT extends ConnectorOnSandbox {

    private static final String ACCOUNT = SandboxMarketplace.BENCHMARK_SELLER;

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final BenchmarkSeller bench = new BenchmarkSeller(org, marketplace);

    @Autowired
    CamelContext camel;
    /** The calls of the connector's integration user (other connectors in the suite log in as other users). */
    private final ConnectorCalls salesforce = new ConnectorCalls();

    @BeforeEach
    void countQuietly() throws Exception {
        camel.getRouteController().stopRoute("request-sweep");
        camel.getRouteController().stopRoute("offer-status-tracker");
    }

    @AfterEach
    void resume() throws Exception {
        camel.getRouteController().startRoute("request-sweep");
        camel.getRouteController().startRoute("offer-status-tracker");
    }

    @Test
    void aColdRefreshOf450AgreementsWritesThreeCollectionsAndAWarmOneWritesNothing() {
        int n = 450;
        marketplace.generateAgreements(ACCOUNT, n, new Random(11));
        String sellerAccount = bench.sellerAccount(ACCOUNT);

        salesforce.reset();
        Map<String, Long> before = marketplace.callCounts(ACCOUNT);
        String cold = bench.press("REFRESH_AGREEMENTS", sellerAccount, sellerAccount);
        assertThat(bench.awaitFinished(List.of(cold), Duration.ofMinutes(2))).containsOnlyKeys("Succeeded");
        Map<String, Long> coldCalls = since(marketplace.callCounts(ACCOUNT), before);

        assertThat(coldCalls.get("SearchAgreements")).as("pages of 50").isEqualTo(AgreementRefresh.ceil(n, 50));
        assertThat(coldCalls.get("DescribeAgreement")).isEqualTo((long) n);
        assertThat(coldCalls.get("GetAgreementTerms")).isEqualTo((long) n);
        assertThat(marketplace.throttledCounts(ACCOUNT)).as("never throttled").isEmpty();
        assertThat(salesforce.counts().get("collections.upsert")).as("one upsert per 200").isEqualTo(3L);
        assertThat(salesforce.total() - AgreementRefresh.REQUEST_LIFECYCLE_CALLS).as("the refresh's own calls " + salesforce.counts())
                .isLessThanOrEqualTo(AgreementRefresh.salesforceBudget(n));
        assertThat(org.query("SELECT Id FROM MP_Agreement__c WHERE Seller_Account__c = '" + sellerAccount + "'"))
                .hasSize(n);

        salesforce.reset();
        before = marketplace.callCounts(ACCOUNT);
        String warm = bench.press("REFRESH_AGREEMENTS", sellerAccount, sellerAccount);
        assertThat(bench.awaitFinished(List.of(warm), Duration.ofMinutes(2))).containsOnlyKeys("Succeeded");
        Map<String, Long> warmCalls = since(marketplace.callCounts(ACCOUNT), before);

        assertThat(warmCalls).as("only the search pages").containsOnlyKeys("SearchAgreements");
        assertThat(warmCalls.get("SearchAgreements")).isLessThanOrEqualTo(AgreementRefresh.warmMarketplaceBudget(n));
        assertThat(salesforce.counts()).as("the request's own Processing and Succeeded are its only writes")
                .containsEntry("update", 2L).doesNotContainKeys("collections.upsert", "collections.update", "create");
        // Besides the request's own two (read on claim, the user's access): the agreements held, and, as some lack a
        // link (their offers are not in Salesforce), the products and offers they could link to; nothing to fill.
        assertThat(salesforce.counts().get("query")).as(salesforce.counts().toString()).isEqualTo(5L);
        assertThat(org.get("Marketplace_Request__c", warm).get("Result__c").toString()).contains("450");
    }

    @Test
    void creatingOffersCostsEightSalesforceCallsEachAndNeverClearsAnEmptyError() {
        String product = bench.syncedProduct(ACCOUNT);
        List<String> offers = bench.offers(ACCOUNT, product, 6);
        String sellerAccount = bench.sellerAccount(ACCOUNT);
        salesforce.reset();
        long startsBefore = marketplace.callCounts(ACCOUNT).getOrDefault("StartChangeSet", 0L);

        List<String> requests = new ArrayList<>();
        offers.forEach(offer -> requests.add(bench.press("CREATE_OFFER", sellerAccount, offer)));
        assertThat(bench.awaitFinished(requests, Duration.ofMinutes(2))).containsOnlyKeys("Succeeded");

        assertThat(marketplace.callCounts(ACCOUNT).get("StartChangeSet") - startsBefore).isEqualTo(offers.size());
        assertThat(marketplace.throttledCounts(ACCOUNT)).as("never throttled").isEmpty();
        // Per offer: Processing, the offer's change set and status, Succeeded; no write of an empty Last_Error__c.
        assertThat(salesforce.counts().get("update")).as(salesforce.counts().toString()).isEqualTo(3L * offers.size());
        // Per offer: the request, the user's access, the offer with its rates and installments, the product's
        // dimensions, and the create requests on the offer that have not ended (one made before this one sends it:
        // at most one AWS offer per record, whichever replica or restart).
        assertThat(salesforce.counts().get("query")).as(salesforce.counts().toString()).isEqualTo(5L * offers.size());
        assertThat(salesforce.total()).as(salesforce.counts().toString()).isEqualTo(8L * offers.size());
        offers.forEach(offer -> {
            Map<String, Object> shown = org.get("MP_Private_Offer__c", offer);
            assertThat(shown.get("Status__c")).isEqualTo("PREPARING");
            assertThat(shown.get("Last_Error__c")).isNull();
        });
    }

    @Test
    void aChannelPartnerOfferReadsItsAuthorizationFromAwsOnceAndDoesNotRewriteItUnchanged() {
        // The benchmark account as a channel partner: the ISV shares a multi-use authorization with it.
        String partner = bench.sellerAccount(ACCOUNT);
        // The bench's seller also sells as a channel partner: the partner's permission set lets them read shared
        // authorizations.
        org.assignPermissionSet(bench.user(), "Marketplace_Channel_Partner");
        marketplace.shareResaleAuthorization(SandboxMarketplace.SELLER, ACCOUNT,
                SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS), "Benchmark resale",
                "Active", false, false, List.of(), Instant.now().plus(Duration.ofDays(120)));
        String sync = bench.press("REFRESH_SHARED_RESALE_AUTHORIZATIONS", partner, partner);
        assertThat(bench.awaitFinished(List.of(sync), Duration.ofMinutes(2))).containsOnlyKeys("Succeeded");
        String shared = (String) org.query("SELECT Id FROM MP_Shared_Resale_Authorization__c WHERE Seller_Account__c = '"
                + partner + "' AND Name = 'Benchmark resale'").get(0).get("Id");
        org.grantAccess(bench.user(), shared);
        String prefill = bench.press("CREATE_CHANNEL_PARTNER_OFFER", partner, shared);
        assertThat(bench.awaitFinished(List.of(prefill), Duration.ofMinutes(2))).containsOnlyKeys("Succeeded");
        String offer = (String) org.query("SELECT Id FROM MP_Private_Offer__c WHERE Shared_Resale_Authorization__c = '"
                + shared + "'").get(0).get("Id");
        org.update("MP_Private_Offer__c", offer, Map.of("Description__c", "Resold by the benchmark partner",
                "Buyer_Accounts__c", ContractOffer.BUYER, "Markup_Percentage__c", 10, "Expiration_Date__c",
                LocalDate.now(ZoneOffset.UTC).plusDays(30).toString(), "Reseller_Contract_Accepted__c", true));
        salesforce.reset();
        Map<String, Long> before = marketplace.callCounts(ACCOUNT);

        String create = bench.press("CREATE_CHANNEL_PARTNER_OFFER", partner, offer);
        assertThat(bench.awaitFinished(List.of(create), Duration.ofMinutes(2))).containsOnlyKeys("Succeeded");

        // The authorization is read from AWS once, before validating: the ISV may have restricted it since the sync.
        assertThat(since(marketplace.callCounts(ACCOUNT), before)).containsExactlyInAnyOrderEntriesOf(
                Map.of("DescribeEntity", 1L, "StartChangeSet", 1L));
        // Processing, the offer's change set and status, Succeeded; the unchanged authorization is not written.
        assertThat(salesforce.counts().get("update")).as(salesforce.counts().toString()).isEqualTo(3L);
        // A direct offer's five (the request, the user's access, the offer with its rates and installments, the
        // product's dimensions, the create requests on the offer not ended yet) and the shared authorization, which
        // the refresh compares with what AWS holds. A multi-use authorization takes any number of offers: the other
        // offers on it are not read.
        assertThat(salesforce.counts().get("query")).as(salesforce.counts().toString()).isEqualTo(6L);
        assertThat(salesforce.total()).as(salesforce.counts().toString()).isEqualTo(9L);
    }

    @Test
    void refreshingAnOfferStatusCostsSixSalesforceCallsAndReadsNoProductDimensions() {
        String product = bench.syncedProduct(ACCOUNT);
        List<String> offers = bench.offers(ACCOUNT, product, 4);
        String sellerAccount = bench.sellerAccount(ACCOUNT);
        List<String> created = offers.stream().map(o -> bench.press("CREATE_OFFER", sellerAccount, o)).toList();
        assertThat(bench.awaitFinished(created, Duration.ofMinutes(2))).containsOnlyKeys("Succeeded");
        salesforce.reset();

        List<String> refreshed = offers.stream().map(o -> bench.press("REFRESH_OFFER_STATUS", sellerAccount, o)).toList();
        assertThat(bench.awaitFinished(refreshed, Duration.ofMinutes(2))).containsOnlyKeys("Succeeded");

        // Per offer: the request, the user's access, the offer; the product id comes with the offer, so its
        // dimensions are not read.
        assertThat(salesforce.counts().get("query")).as(salesforce.counts().toString()).isEqualTo(3L * offers.size());
        // Per offer: Processing, the offer's status from its change set, Succeeded.
        assertThat(salesforce.counts().get("update")).as(salesforce.counts().toString()).isEqualTo(3L * offers.size());
        offers.forEach(offer -> assertThat(org.get("MP_Private_Offer__c", offer).get("Change_Set_Id__c")).isNotNull());
    }

    @Test
    void aValidOfferLosesAnOldErrorWhenValidatedAndOneWithoutErrorIsNotWrittenAtAll() {
        String product = bench.syncedProduct(ACCOUNT);
        List<String> offers = bench.offers(ACCOUNT, product, 2);
        String stale = offers.get(0);
        org.update("MP_Private_Offer__c", stale, Map.of("Last_Error__c", "An earlier request failed"));
        String sellerAccount = bench.sellerAccount(ACCOUNT);
        salesforce.reset();

        List<String> requests = offers.stream().map(o -> bench.press("VALIDATE_OFFER", sellerAccount, o)).toList();
        assertThat(bench.awaitFinished(requests, Duration.ofMinutes(2))).containsOnlyKeys("Succeeded");

        assertThat(org.get("MP_Private_Offer__c", stale).get("Last_Error__c")).as("cleared by the success").isNull();
        assertThat(org.get("MP_Private_Offer__c", offers.get(1)).get("Last_Error__c")).isNull();
        // Processing and Succeeded for each request, and one clearing: the offer that showed an error.
        assertThat(salesforce.counts().get("update")).as(salesforce.counts().toString()).isEqualTo(5L);
    }

    /** Salesforce calls of the connector's user since the last reset, by kind. */
    private final class ConnectorCalls {
        private Map<String, Long> start = Map.of();

        void reset() {
            start = org.callCounts(org.integrationUserId());
        }

        Map<String, Long> counts() {
            return since(org.callCounts(org.integrationUserId()), start);
        }

        long total() {
            return counts().values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static Map<String, Long> since(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> out = new java.util.TreeMap<>();
        after.forEach((k, v) -> {
            if (v - before.getOrDefault(k, 0L) != 0) {
                out.put(k, v - before.getOrDefault(k, 0L));
            }
        });
        return out;
    }
}
