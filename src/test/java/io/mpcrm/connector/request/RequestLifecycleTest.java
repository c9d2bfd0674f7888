package io.mpcrm.connector.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mpcrm.connector.request.RequestMetrics;
import io.mpcrm.connector.replica.ActiveWorker;
import io.mpcrm.connector.salesforce.SalesforceRejected;
import io.mpcrm.connector.salesforce.SalesforceRejected.SalesforceError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.cluster.CamelClusterService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

/** The lifecycle's decisions, with the Salesforce writes captured instead of sent. */
class RequestLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private final List<String> written = new ArrayList<>();
    private final Map<String, MarketplaceRequest> stored = new HashMap<>();
    private final RequestPolicy policy = new RequestPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofMinutes(10), 200);
    private final ActiveWorker activeWorker = new ActiveWorker(new StaticListableBeanFactory()
            .getBeanProvider(CamelClusterService.class), "leader");
    private final RequestLifecycle lifecycle = new RequestLifecycle(new CapturedRecords(), new NoTargetError(), policy,
            Clock.fixed(NOW, ZoneOffset.UTC), "worker-1", activeWorker, new io.mpcrm.connector.events.DomainEvents(
                    new org.apache.camel.impl.DefaultCamelContext(), new com.fasterxml.jackson.databind.ObjectMapper(),
                    Clock.fixed(NOW, ZoneOffset.UTC)),
            new RequestMetrics(new SimpleMeterRegistry(), new StaticListableBeanFactory().getBeanProvider(RequestAction.class)),
            new ActionDispatcher(List.of(new io.mpcrm.connector.offer.ImportOfferAction(null, null,
                    new RequestInput(new com.fasterxml.jackson.databind.ObjectMapper()),
                    Clock.fixed(NOW, ZoneOffset.UTC)))));

    @Test
    void aClaimRecordsTheAttemptAndTheWorker() {
        MarketplaceRequest claimed = lifecycle.claim(stored(queued(0)), "sweep");

        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.status()).isEqualTo(RequestStatus.Processing);
        assertThat(written).containsExactly("Processing attempt=1 worker=worker-1 via sweep at=" + NOW);
    }

    @Test
    void aStoppingConnectorStartsNoNewRequestAndLeavesItQueuedForTheNextSweep() {
        String id = stored(queued(0));
        activeWorker.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));

        assertThat(lifecycle.claim(id, "sweep")).isNull();
        assertThat(written).isEmpty();
    }

    @Test
    void aRequestAlreadyInFlightHereIsNotClaimedTwice() {
        String id = stored(queued(0));
        assertThat(lifecycle.claim(id, "sweep")).isNotNull();
        assertThat(lifecycle.claim(id, "sweep")).as("a duplicate event while the first is in flight").isNull();
    }

    @Test
    void twoRequestsOnOneRecordRunOneAfterTheOther() {
        String offer = "a03000000000777AAA";
        MarketplaceRequest first = lifecycle.claim(storedOn(offer, queued(0)), "event");
        String second = storedOn(offer, queued(0));

        assertThat(lifecycle.claim(second, "event")).as("same target, first still running").isNull();
        lifecycle.succeed(first, "done");
        assertThat(lifecycle.claim(second, "sweep")).as("after the first finished").isNotNull();
    }

    @Test
    void aRecordNamedByIts15CharacterIdIsTheSameRecord() {
        MarketplaceRequest first = lifecycle.claim(storedOn("a03000000000777AAA", queued(0)), "event");
        String second = storedOn("a03000000000777", queued(0));

        assertThat(lifecycle.claim(second, "event")).as("same record, first still running").isNull();
        lifecycle.succeed(first, "done");
        assertThat(lifecycle.claim(second, "sweep")).isNotNull();
    }

    @Test
    void twoImportsOfOneAwsOfferRunOneAfterTheOtherWhateverRecordTheyWereMadeOn() {
        MarketplaceRequest first = lifecycle.claim(storedOn(null, importing("offer-abcdefghij123")), "event");
        String same = storedOn("a00000000000001AAA", importing("offer-abcdefghij123"));
        String other = storedOn(null, importing("offer-zyxwvutsrq987"));

        assertThat(lifecycle.claim(same, "event")).as("the same AWS offer, first still running").isNull();
        assertThat(lifecycle.claim(other, "event")).as("another offer").isNotNull();
        lifecycle.fail(first, new RequestRejected("no such offer"));
        assertThat(lifecycle.claim(same, "sweep")).as("after the first ended").isNotNull();
    }

    @Test
    void onlyRequestsThatAreDueInSalesforceAreClaimed() {
        assertThat(lifecycle.claim(stored(with(queued(1), RequestStatus.Succeeded, null, null)), "sweep"))
                .as("finished, e.g. a late duplicate event").isNull();
        assertThat(lifecycle.claim(stored(with(queued(1), RequestStatus.Waiting, NOW.plusSeconds(5), null)), "sweep"))
                .as("waiting for a later attempt").isNull();
        assertThat(lifecycle.claim(stored(with(queued(1), RequestStatus.Waiting, NOW.minusSeconds(5), null)), "sweep"))
                .as("its next attempt has come").isNotNull();
        assertThat(lifecycle.claim(stored(with(queued(1), RequestStatus.Processing, null, NOW.minusSeconds(60))), "sweep"))
                .as("being worked on elsewhere").isNull();
        assertThat(lifecycle.claim(stored(with(queued(1), RequestStatus.Processing, null, NOW.minusSeconds(3600))), "sweep"))
                .as("left by a stopped worker").isNotNull();
        assertThat(lifecycle.claim("a05000000000999AAA", "sweep")).as("deleted").isNull();
    }

    @Test
    void aRequestThatKeepsStoppingItsWorkerIsNotTakenUpForever() {
        assertThat(lifecycle.claim(stored(with(queued(3), RequestStatus.Processing, null, NOW.minusSeconds(3600))), "sweep"))
                .isNull();

        assertThat(written.get(0)).startsWith("Failed").contains("stopped 3 times");
        assertThat(lifecycle.claim(stored(with(queued(2), RequestStatus.Processing, null, NOW.minusSeconds(3600))), "sweep"))
                .as("below the limit it is resumed").isNotNull();
    }

    @Test
    void aTransientFailureWaitsWithBackoffUntilTheAttemptsAreUsedUp() {
        lifecycle.retryLater(queued(1), new TransientFailure("Catalog API throttled the call.", null));
        assertThat(written.get(0)).startsWith("Waiting").contains("Attempt 1 of 3").contains("throttled");
        Instant next = Instant.parse(written.get(0).substring(written.get(0).indexOf("next=") + 5,
                written.get(0).indexOf(" attempts=")));
        assertThat(Duration.between(NOW, next)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));

        lifecycle.retryLater(queued(3), new TransientFailure("Catalog API throttled the call.", null));
        assertThat(written.get(1)).startsWith("Failed").contains("Gave up after 3 attempts").contains("throttled");
    }

    @Test
    void waitingForAnEntityLockedByAnotherChangeSetUsesUpNoAttempt() {
        lifecycle.retryLater(queued(3), new io.mpcrm.connector.marketplace.MarketplaceEntityLocked(
                "The entity is being changed by another change set.", null));

        assertThat(written.get(0)).startsWith("Waiting").contains("another change set").endsWith("attempts=2");
    }

    @Test
    void backoffDoublesAndIsCapped() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            long expected = Math.min(30_000L << (attempt - 1), 300_000L);
            assertThat(lifecycle.backoff(attempt).toMillis()).isBetween((long) (expected * 0.8), (long) (expected * 1.2));
        }
    }

    @Test
    void aSalesforceRefusalIsExplainedWithItsFields() {
        lifecycle.fail(queued(1), new SalesforceRejected(400, List.of(new SalesforceError("STRING_TOO_LONG",
                "Currency: data value too large", List.of("Currency__c"))), "refused"));

        assertThat(written.get(0)).startsWith("Failed").contains("data value too large").contains("Currency__c");
    }

    @Test
    void aRefusalOfTheConnectorsOwnAccessNamesThePermissionSetToCheck() {
        lifecycle.fail(queued(1), new SalesforceRejected(400, List.of(new SalesforceError(
                "INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id", List.of())), "refused"));

        assertThat(written.get(0)).startsWith("Failed").contains("insufficient access rights on object id")
                .contains("integration user holds the permission set Marketplace_Connector")
                .doesNotContain("validation rules");
    }

    @Test
    void anUnexpectedErrorNamesTheRequestForTheAdministrator() {
        lifecycle.fail(queued(1), new IllegalStateException("boom"));

        assertThat(written.get(0)).contains("unexpected error").contains("boom").contains("REQ-000001");
    }

    @Test
    void aRejectionIsAlsoShownOnTheTargetRecordButARefusalIsNot() {
        lifecycle.fail(queued(1), new RequestRejected("endDate: before the first payment."));
        lifecycle.fail(queued(1), new RequestRefused("You do not have access to seller account 111122223333."));

        assertThat(written).filteredOn(w -> w.startsWith("Target")).containsExactly(
                "Target endDate: before the first payment.");
    }

    /** Stores the request in the fake org, on a record of its own. */
    private String stored(MarketplaceRequest request) {
        return storedOn("a03" + String.format("%012d", stored.size() + 1) + "AAA", request);
    }

    private String storedOn(String target, MarketplaceRequest request) {
        String id = "a05" + String.format("%012d", stored.size() + 1) + "AAA";
        stored.put(id, new MarketplaceRequest(id, request.name(), request.action(), request.status(),
                request.requestedBy(), request.sellerAccountRecordId(), request.sellerAccountId(), target,
                request.input(), request.attempts(), request.nextAttemptAt(), request.startedAt()));
        return id;
    }

    private static MarketplaceRequest with(MarketplaceRequest r, RequestStatus status, Instant next, Instant started) {
        return new MarketplaceRequest(r.id(), r.name(), r.action(), status, r.requestedBy(), r.sellerAccountRecordId(),
                r.sellerAccountId(), r.targetRecordId(), r.input(), r.attempts(), next, started);
    }

    private static MarketplaceRequest importing(String offerId) {
        return new MarketplaceRequest("a05000000000001AAA", "REQ-000001", "IMPORT_OFFER", RequestStatus.Queued,
                "005000000000001AAA", "a00000000000001AAA", "111122223333", null,
                "{\"offerId\":\"" + offerId + "\"}", 0, null, null);
    }

    private static MarketplaceRequest queued(int attempts) {
        return new MarketplaceRequest("a05000000000001AAA", "REQ-000001", "GENERATE_PAYMENT_SCHEDULE",
                RequestStatus.Queued, "005000000000001AAA", "a00000000000001AAA", "111122223333",
                "a03000000000001AAA", "{}", attempts, null, null);
    }

    private final class NoTargetError extends TargetRecordError {
        NoTargetError() {
            super(null, null, null);
        }

        @Override
        public void show(MarketplaceRequest request, String error) {
            written.add("Target " + error);
        }

        @Override
        public void clear(MarketplaceRequest request) {
        }
    }

    private final class CapturedRecords extends RequestRecords {
        CapturedRecords() {
            super(null);
        }

        @Override
        public Optional<MarketplaceRequest> find(String id) {
            return Optional.ofNullable(stored.get(id));
        }

        @Override
        public void markProcessing(MarketplaceRequest request, Instant now, String worker) {
            written.add("Processing attempt=" + request.attempts() + " worker=" + worker + " at=" + now);
        }

        @Override
        public void markSucceeded(MarketplaceRequest request, String result, Instant now) {
            written.add("Succeeded " + result);
        }

        @Override
        public void markFailed(MarketplaceRequest request, String error, Instant now) {
            written.add("Failed " + error);
        }

        @Override
        public void markWaiting(MarketplaceRequest request, String reason, Instant nextAttemptAt, int attempts) {
            written.add("Waiting " + reason + " next=" + nextAttemptAt + " attempts=" + attempts);
        }
    }
}
