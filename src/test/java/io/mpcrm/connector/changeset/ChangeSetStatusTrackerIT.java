package io.mpcrm.connector.changeset;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.ContractOffer;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A seller with thirty offers on their way sees each offer's status follow its change set (PREPARING, APPLYING, then
 * Released), while the tracker's cycle costs what changed since the last one, not what is open.
 */
class ChangeSetStatusTrackerIT extends ConnectorOnSandbox {

    private static final String ACCOUNT = SandboxMarketplace.TRACKED_SELLER;

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final String seller = org.createUser("Tracked Seller " + System.nanoTime(), "Marketplace_User");

    @Autowired
    CamelContext camel;
    @Autowired
    ChangeSetStatusTracker tracker;

    @Test
    void thirtyRunningOffersCostOneListingPerCycleAndOnlyWhatChangedIsDescribedAndWritten() throws Exception {
        String sellerAccount = sellerAccount(seller, ACCOUNT);
        String product = syncedProduct(sellerAccount);
        SandboxTime sandboxTime = new SandboxTime();
        // The test runs the cycles itself, so that each one's calls can be counted.
        camel.getRouteController().stopRoute("offer-status-tracker");
        // Offers earlier tests left on their way reach their outcome first: the cycles below count the whole org's
        // writes. Change sets end within two seconds under the sandbox's usual delays.
        Awaitility.await("offers of earlier tests written").atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ofSeconds(2)).pollInterval(Duration.ofSeconds(2)).until(() -> tracker.track() == 0);
        marketplace.setClock(sandboxTime);
        try {
            // Sandbox minutes, so that however slowly the offers are created, the cycles below see what they expect.
            marketplace.setChangeSetDelays(Duration.ofMinutes(2), Duration.ofMinutes(2));
            List<String> endingSoon = createdOffers(sellerAccount, product, 10);
            marketplace.setChangeSetDelays(Duration.ofMinutes(2), Duration.ofMinutes(20));
            List<String> longRunning = createdOffers(sellerAccount, product, 20);
            List<String> all = new ArrayList<>(endingSoon);
            all.addAll(longRunning);
            all.forEach(offer -> assertThat(status(offer)).isEqualTo("PREPARING"));

            Cycle preparing = cycle();
            assertThat(preparing.listChangeSets()).as("what ended, what applies").isEqualTo(2);
            assertThat(preparing.describeChangeSet()).isZero();
            assertThat(preparing.offerWrites()).isZero();

            sandboxTime.advance(Duration.ofSeconds(130));
            Cycle applying = cycle();
            assertThat(applying.listChangeSets()).as("what ended; 30 applying on two pages").isEqualTo(1 + 2);
            assertThat(applying.describeChangeSet()).isZero();
            assertThat(applying.collectionWrites()).as("thirty offers in one collection").isEqualTo(1);
            assertThat(applying.singleWrites()).isZero();
            all.forEach(offer -> assertThat(status(offer)).isEqualTo("APPLYING"));

            Cycle quiet = cycle();
            assertThat(quiet.listChangeSets()).as("nothing shows PREPARING: only what ended is listed").isEqualTo(1);
            assertThat(quiet.describeChangeSet()).isZero();
            assertThat(quiet.offerWrites()).isZero();

            sandboxTime.advance(Duration.ofSeconds(130));
            Cycle tenEnded = cycle();
            assertThat(tenEnded.listChangeSets()).isEqualTo(1);
            assertThat(tenEnded.describeChangeSet()).as("only the sets that ended").isEqualTo(10);
            assertThat(tenEnded.collectionWrites()).as("the ten outcomes in one collection").isEqualTo(1);
            assertThat(tenEnded.singleWrites()).isZero();
            endingSoon.forEach(offer -> {
                Map<String, Object> released = rest.get("MP_Private_Offer__c", offer);
                assertThat(released.get("Status__c")).isEqualTo("Released");
                assertThat((String) released.get("Offer_Id__c")).startsWith("offer-");
            });
            longRunning.forEach(offer -> assertThat(status(offer)).isEqualTo("APPLYING"));
        } finally {
            marketplace.setClock(Clock.systemUTC());
            marketplace.setChangeSetDelays(Duration.ofSeconds(1), Duration.ofSeconds(1));
            camel.getRouteController().startRoute("offer-status-tracker");
        }
    }

    /** One tracker cycle and the calls it made: to the Marketplace for the account, and to Salesforce. */
    private Cycle cycle() {
        Map<String, Long> awsBefore = marketplace.callCounts(ACCOUNT);
        Map<String, Long> orgBefore = org.callCounts();
        tracker.track();
        Map<String, Long> aws = marketplace.callCounts(ACCOUNT);
        Map<String, Long> salesforce = org.callCounts();
        return new Cycle(delta(aws, awsBefore, "ListChangeSets"), delta(aws, awsBefore, "DescribeChangeSet"),
                delta(salesforce, orgBefore, "update"), delta(salesforce, orgBefore, "collections.update"));
    }

    private record Cycle(long listChangeSets, long describeChangeSet, long singleWrites, long collectionWrites) {
        long offerWrites() {
            return singleWrites + collectionWrites;
        }
    }

    private static long delta(Map<String, Long> after, Map<String, Long> before, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }

    private List<String> createdOffers(String sellerAccount, String product, int count) {
        List<String> offers = new ArrayList<>();
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String offer = org.insertAs(seller, "MP_Private_Offer__c", offerFields(sellerAccount, product, i));
            for (String dimension : List.of("users", "admins")) {
                org.insertAs(seller, "MP_Offer_Dimension__c", Map.of("Private_Offer__c", offer, "Name", dimension,
                        "Dimension_Key__c", dimension, "Rate__c", 1200, "Rate_Kind__c", "Upfront", "Quantity__c", 10));
            }
            offers.add(offer);
            requests.add(request("CREATE_OFFER", sellerAccount, offer));
        }
        requests.forEach(request -> assertThat(awaitFinished(request).get("Status__c")).isEqualTo("Succeeded"));
        return offers;
    }

    private Map<String, Object> offerFields(String sellerAccount, String product, int number) {
        return ContractOffer.fields("Tracked deal " + number, "Private pricing, deal " + number, sellerAccount, product,
                LocalDate.now(ZoneOffset.UTC).plusDays(30));
    }

    /** A SaaS product of the tracked account (users and admins, both Entitled), synced into the org. */
    private String syncedProduct(String sellerAccount) {
        List<Map<String, Object>> synced = rest.query("SELECT Id FROM MP_Product__c WHERE Seller_Account__c = '"
                + sellerAccount + "'");
        if (!synced.isEmpty()) {
            return (String) synced.get(0).get("Id");
        }
        String productId = marketplace.addProduct(ACCOUNT, MarketplaceSandbox.ProductType.SAAS, "Tracked Analytics",
                "Public", 2);
        assertThat(awaitFinished(request("REFRESH_PRODUCTS", sellerAccount, sellerAccount)).get("Status__c"))
                .isEqualTo("Succeeded");
        return (String) rest.query("SELECT Id FROM MP_Product__c WHERE Product_Id__c = '" + productId + "'").get(0)
                .get("Id");
    }

    private String status(String offer) {
        return (String) rest.get("MP_Private_Offer__c", offer).get("Status__c");
    }

    private String request(String action, String sellerAccount, String target) {
        return desk.press(seller, action, sellerAccount, target, null);
    }

    /** The Marketplace sandbox's time: the real time, moved ahead on demand, so change sets run on cue. */
    private static final class SandboxTime extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        void advance(Duration by) {
            ahead = ahead.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
