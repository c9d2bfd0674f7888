package io.mpcrm.connector.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.SandboxSalesforce;
import io.mpcrm.connector.sandbox.salesforce.SandboxPubSub;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A button press reaches the connector as a platform event within a second; the sweep covers every event that does
 * not arrive, and no event, however often delivered, makes a request run twice.
 */
class RequestEventsIT extends ConnectorOnSandbox {

    private static final DateTimeFormatter SALESFORCE_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final String SCHEDULE = """
            {"totalAmount":"1200.00","currency":"USD","firstPaymentDate":"%1$d-01-15","endDate":"%1$d-12-31",
             "frequencyDays":30,"remainder":"Frontload","dayCounting":"Calendar Day"}"""
            .formatted(java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear() + 1);

    private final SandboxPubSub pubsub = SandboxSalesforce.pubsub();
    private final String seller = org.createUser("Events Seller " + System.nanoTime(), "Marketplace_User");

    @Autowired
    CamelContext camel;

    @AfterEach
    void healTheEventBus() {
        pubsub.setDeliveryCopies(1);
        pubsub.setDropRate(0);
    }

    @Test
    void aNewRequestIsStartedByItsEventWithinASecond() throws Exception {
        Map<String, Object> done = withoutSweep(() -> awaitFinished(scheduleRequest()));

        assertThat(done.get("Status__c")).isEqualTo("Succeeded");
        assertThat((String) done.get("Claimed_By__c")).endsWith("via event");
        assertThat(Duration.between(time(done, "CreatedDate"), time(done, "Started_At__c")))
                .isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aDroppedEventIsCoveredByTheSweep() {
        pubsub.dropNextEvents(1);

        Map<String, Object> done = awaitFinished(scheduleRequest());

        assertThat(done.get("Status__c")).isEqualTo("Succeeded");
        assertThat((String) done.get("Claimed_By__c")).endsWith("via sweep");
    }

    @Test
    void everyEventDeliveredThreeTimesWhileTheSweepRunsStillRunsEachRequestOnce() {
        pubsub.setDeliveryCopies(3);
        // Each schedule is written in one composite request (its delete and insert, all or none).
        long writesBefore = org.callCounts().getOrDefault("composite", 0L);

        List<String> requests = IntStream.range(0, 20).mapToObj(i -> scheduleRequest()).toList();

        List<Map<String, Object>> done = requests.stream().map(this::awaitFinished).toList();
        assertThat(done).allSatisfy(r -> {
            assertThat(r.get("Status__c")).isEqualTo("Succeeded");
            assertThat(((Number) r.get("Attempts__c")).intValue()).as("claimed once").isEqualTo(1);
            assertThat(installments((String) r.get("Target_Record_Id__c"))).as("written once").isEqualTo(12);
        });
        assertThat(org.callCounts().getOrDefault("composite", 0L) - writesBefore).isEqualTo(20);
    }

    @Test
    void whenTheEventStreamEndsWithAnAuthErrorTheConnectorLogsInAgainAndResubscribes() throws Exception {
        long loginsBefore = org.callCounts().getOrDefault("login", 0L);
        int subscribesBefore = pubsub.subscribeCalls();
        org.expireAllSessions();
        pubsub.endStreamsWithAuthError();
        await().atMost(Duration.ofSeconds(15)).until(() -> pubsub.subscribeCalls() > subscribesBefore
                && pubsub.openSubscriptions() > 0);

        Map<String, Object> done = withoutSweep(() -> awaitFinished(scheduleRequest()));

        assertThat(done.get("Status__c")).isEqualTo("Succeeded");
        assertThat((String) done.get("Claimed_By__c")).endsWith("via event");
        assertThat(org.callCounts().getOrDefault("login", 0L)).isGreaterThan(loginsBefore);
    }

    @Test
    void aCorruptedReplayIdOnResubscribeDoesNotStopIntake() {
        int subscribesBefore = pubsub.subscribeCalls();
        pubsub.failNextSubscribeWithCorruptedReplayId();
        pubsub.endStreamsWithAuthError();
        await().atMost(Duration.ofSeconds(20)).until(() -> pubsub.subscribeCalls() >= subscribesBefore + 2
                && pubsub.openSubscriptions() > 0);

        Map<String, Object> done = awaitFinished(scheduleRequest());

        assertThat(done.get("Status__c")).isEqualTo("Succeeded");
    }

    @Test
    void requestsCreatedWhileTheConnectorIsStoppedAreProcessedWhenItStarts() throws Exception {
        camel.getRouteController().stopRoute("request-events");
        camel.getRouteController().stopRoute("request-sweep");
        String request;
        try {
            request = scheduleRequest();
            // Down for longer than Salesforce keeps events: the event is gone for good.
            pubsub.expireRetainedEvents();
            await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(2)).until(() -> true);
            assertThat(rest.get("Marketplace_Request__c", request).get("Status__c")).isEqualTo("Queued");
        } finally {
            camel.getRouteController().startRoute("request-events");
            camel.getRouteController().startRoute("request-sweep");
        }

        Map<String, Object> done = awaitFinished(request);

        assertThat(done.get("Status__c")).isEqualTo("Succeeded");
        assertThat((String) done.get("Claimed_By__c")).endsWith("via sweep");
    }

    /** Runs with the sweep stopped, so only an event can have started the request. */
    private <T> T withoutSweep(java.util.concurrent.Callable<T> work) throws Exception {
        camel.getRouteController().stopRoute("request-sweep");
        try {
            return work.call();
        } finally {
            camel.getRouteController().startRoute("request-sweep");
        }
    }

    private String scheduleRequest() {
        String sellerAccount = sellerAccount(seller, SELLER_ACCOUNT_ID);
        String offer = org.insertAs(seller, "MP_Private_Offer__c", Map.of("Name", "Event offer",
                "Seller_Account__c", sellerAccount, "Currency__c", "USD"));
        return desk.press(seller, "GENERATE_PAYMENT_SCHEDULE", sellerAccount, offer, SCHEDULE);
    }

    private int installments(String offer) {
        return rest.query("SELECT Id FROM MP_Payment_Installment__c WHERE Private_Offer__c = '" + offer + "'").size();
    }

    private static OffsetDateTime time(Map<String, Object> record, String field) {
        return OffsetDateTime.parse(record.get(field).toString(), SALESFORCE_DATE_TIME);
    }
}
