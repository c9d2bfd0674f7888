package io.mpcrm.connector.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connector told to stop (a rolling update, a node drained) while it writes a payment schedule: the request in flight
 * finishes within the shutdown timeout, or, cut off by it, stays Processing and is finished once by the next start.
 */
class GracefulShutdownIT {

    private final SellerOrg seller = new SellerOrg();
    private final List<ConnectorReplica> started = new ArrayList<>();
    /** Salesforce holds its answer to the connector's installment insert until the test lets it go. */
    private final CountDownLatch writing = new CountDownLatch(1);
    private final CountDownLatch answer = new CountDownLatch(1);

    GracefulShutdownIT() {
        seller.org.onInsert("MP_Payment_Installment__c", installment -> {
            writing.countDown();
            try {
                answer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @AfterEach
    void stopEverything() {
        answer.countDown();
        started.forEach(ConnectorReplica::close);
        seller.close();
    }

    @Test
    void stoppingLetsTheRequestInFlightFinishAndLeavesTheOnePressedMeanwhileForTheNextStart() throws Exception {
        ConnectorReplica connector = connector(Map.of());
        assertThat(connector.readiness().body()).as("one replica, no Kubernetes").contains("\"status\":\"UP\"");
        String inFlight = seller.paymentScheduleRequest();
        assertThat(writing.await(20, TimeUnit.SECONDS)).as("the connector is writing the installments").isTrue();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(connector::close);
        await().atMost(Duration.ofSeconds(5)).until(connector::stopping);
        String pressedWhileStopping = seller.paymentScheduleRequest();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !stopped.isDone());
        answer.countDown();
        stopped.get(20, TimeUnit.SECONDS);

        Map<String, Object> finished = seller.request(inFlight);
        assertThat(finished.get("Status__c")).isEqualTo("Succeeded");
        assertThat(((Number) finished.get("Attempts__c")).intValue()).isEqualTo(1);
        assertThat(seller.installments(inFlight)).isEqualTo(12);
        assertThat(seller.request(pressedWhileStopping).get("Status__c")).as("not started by a stopping connector")
                .isEqualTo("Queued");

        connector(Map.of());
        Map<String, Object> next = seller.awaitFinished(pressedWhileStopping, Duration.ofSeconds(20));
        assertThat(next.get("Status__c")).isEqualTo("Succeeded");
        assertThat(((Number) next.get("Attempts__c")).intValue()).isEqualTo(1);
    }

    @Test
    void aRequestCutOffByTheShutdownTimeoutStaysProcessingAndIsFinishedOnceByTheNextStart() throws Exception {
        ConnectorReplica connector = connector(Map.of("camel.main.shutdown-timeout", 1));
        String cutOff = seller.paymentScheduleRequest();
        assertThat(writing.await(20, TimeUnit.SECONDS)).isTrue();

        connector.close();
        answer.countDown();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> "Processing".equals(seller.request(cutOff).get("Status__c")));

        connector(Map.of("connector.requests.resume-processing-after", "1s"));
        Map<String, Object> resumed = seller.awaitFinished(cutOff, Duration.ofSeconds(20));
        assertThat(resumed.get("Status__c")).isEqualTo("Succeeded");
        assertThat(((Number) resumed.get("Attempts__c")).intValue()).as("taken up again once").isEqualTo(2);
        assertThat(seller.installments(cutOff)).as("the schedule replaced, not doubled").isEqualTo(12);
    }

    private ConnectorReplica connector(Map<String, Object> settings) {
        ConnectorReplica connector = ConnectorReplica.start("connector-" + (started.size() + 1), seller.org,
                seller.pubsub, settings);
        started.add(connector);
        return connector;
    }
}
