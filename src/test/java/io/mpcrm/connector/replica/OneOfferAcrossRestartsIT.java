package io.mpcrm.connector.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mpcrm.connector.sandbox.Desk;
import io.mpcrm.connector.sandbox.ContractOffer;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.SandboxSalesforce;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import io.mpcrm.connector.sandbox.salesforce.SandboxPubSub;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Create Offer pressed again while the connector is away, or while two replicas both take requests (a leader
 * handover that overlaps): AWS Marketplace still gets one offer for the record.
 */
class OneOfferAcrossRestartsIT {

    private final SandboxOrg org = SandboxOrg.start(SandboxSalesforce.OBJECTS, SandboxOrg.Options.defaults());
    private final SandboxPubSub pubsub = SandboxPubSub.start(org);
    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final String seller = org.createUser("Restart Seller", "Marketplace_User");
    /** Presses past the org's API: the test makes that API fail for the connector while a press is in flight. */
    private final Desk desk = Desk.inStore(org);
    private final List<ConnectorReplica> started = new ArrayList<>();
    private String sellerAccount;
    private String product;

    @BeforeEach
    void productsAreSynced() {
        sellerAccount = org.insertAs(seller, "AWS_Seller_Account__c", Map.of("Name", "Seller "
                + SandboxMarketplace.SELLER, "Account_Id__c", SandboxMarketplace.SELLER, "Role__c", "ISV"));
        ConnectorReplica syncing = connector("connector-sync", Map.of());
        assertThat(awaitFinished(press("REFRESH_PRODUCTS", sellerAccount)).get("Status__c")).isEqualTo("Succeeded");
        syncing.close();
        String productId = SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS);
        product = (String) org.query("SELECT Id FROM MP_Product__c WHERE Product_Id__c = '" + productId + "'")
                .get(0).get("Id");
    }

    @AfterEach
    void stopEverything() {
        marketplace.onChangeSetCreated(null);
        started.forEach(ConnectorReplica::close);
        pubsub.close();
        org.close();
    }

    @Test
    void aPressWhileTheConnectorIsDownAfterTheFirstPressStartedItsChangeSetMakesNoSecondOffer() throws Exception {
        String name = "Pressed during a restart " + System.nanoTime();
        String offer = offer(name);
        // AWS accepts the first press's change set, and at that moment Salesforce stops answering the connector:
        // it cannot write back what it started, and it is stopped.
        AtomicBoolean armed = new AtomicBoolean(true);
        CountDownLatch accepted = new CountDownLatch(1);
        marketplace.onChangeSetCreated(token -> {
            if (armed.compareAndSet(true, false)) {
                org.setFaultRate(1, 503, "SERVER_UNAVAILABLE");
                accepted.countDown();
            }
        });
        long starts = startedChangeSets();
        ConnectorReplica first = connector("connector-1", Map.of("camel.main.shutdown-timeout", 1));
        String firstPress = press("CREATE_OFFER", offer);
        assertThat(accepted.await(30, TimeUnit.SECONDS)).as("AWS accepted the first change set").isTrue();
        first.close();
        org.setFaultRate(0, 503, "SERVER_UNAVAILABLE");
        assertThat(org.get("Marketplace_Request__c", firstPress).get("Status__c")).isEqualTo("Processing");
        assertThat(org.get("MP_Private_Offer__c", offer).get("Change_Set_Id__c")).as("not written back").isNull();

        String secondPress = press("CREATE_OFFER", offer);
        connector("connector-2", Map.of("connector.requests.resume-processing-after", "2s"));

        Map<String, Object> second = awaitFinished(secondPress);
        Map<String, Object> resumed = awaitFinished(firstPress);
        assertThat(resumed.get("Status__c")).as(String.valueOf(resumed.get("Error__c"))).isEqualTo("Succeeded");
        String offerId = awaitReleased(offer);
        // Whichever the new connector took first: the second press names the first, or the change set it started.
        assertThat(second.get("Status__c")).as(String.valueOf(second.get("Error__c"))).isEqualTo("Succeeded");
        assertThat((String) second.get("Result__c")).startsWith("Nothing sent").containsAnyOf(
                (String) org.get("Marketplace_Request__c", firstPress).get("Name"),
                (String) org.get("MP_Private_Offer__c", offer).get("Change_Set_Id__c"));
        assertThat(marketplace.entitiesNamed(SandboxMarketplace.SELLER, "Offer", name)).containsExactly(offerId);
        assertThat(startedChangeSets() - starts).as("the resumed press found its change set by name").isEqualTo(1);
    }

    @Test
    void twoReplicasThatBothTakeRequestsStartOneChangeSetForTwoPressesOnOneOffer() {
        String name = "Pressed on two replicas " + System.nanoTime();
        String offer = offer(name);
        // No leader election: both take every request, as two replicas do for a moment when a handover overlaps.
        connector("replica-a", Map.of());
        connector("replica-b", Map.of());

        List<Map<String, Object>> presses = List.of(press("CREATE_OFFER", offer), press("CREATE_OFFER", offer))
                .stream().map(this::awaitFinished).toList();

        assertThat(presses).allSatisfy(p -> assertThat(p.get("Status__c")).as(String.valueOf(p.get("Error__c")))
                .isEqualTo("Succeeded"));
        assertThat(presses.get(1).get("Result__c").toString()).startsWith("Nothing sent");
        String offerId = awaitReleased(offer);
        assertThat(marketplace.entitiesNamed(SandboxMarketplace.SELLER, "Offer", name)).containsExactly(offerId);
    }

    private String offer(String name) {
        return ContractOffer.insertPriced(org, seller, ContractOffer.fields(name, "Private pricing for Acme Corp",
                sellerAccount, product, LocalDate.now(ZoneOffset.UTC).plusDays(30)));
    }

    private String press(String action, String target) {
        return desk.press(seller, action, sellerAccount, target, null);
    }

    private Map<String, Object> awaitFinished(String request) {
        return desk.awaitEnded(request, Duration.ofSeconds(60));
    }

    private String awaitReleased(String offer) {
        return (String) await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> org.get("MP_Private_Offer__c", offer), r -> "Released".equals(r.get("Status__c")))
                .get("Offer_Id__c");
    }

    private long startedChangeSets() {
        return marketplace.callCounts(SandboxMarketplace.SELLER).getOrDefault("StartChangeSet", 0L);
    }

    private ConnectorReplica connector(String name, Map<String, Object> settings) {
        Map<String, Object> all = new java.util.HashMap<>(Map.of("connector.offers.tracker-period", 1000));
        all.putAll(settings);
        ConnectorReplica connector = ConnectorReplica.start(name, org, pubsub, all);
        started.add(connector);
        return connector;
    }
}
