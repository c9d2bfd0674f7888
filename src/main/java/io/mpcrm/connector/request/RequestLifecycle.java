package io.mpcrm.connector.request;

import io.mpcrm.connector.events.DomainEvent;
import io.mpcrm.connector.events.DomainEvents;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.marketplace.MarketplaceEntityLocked;
import io.mpcrm.connector.marketplace.MarketplaceRejected;
import io.mpcrm.connector.observability.LogContext;
import io.mpcrm.connector.request.RequestMetrics;
import io.mpcrm.connector.request.RequestOutcome;
import io.mpcrm.connector.replica.ActiveWorker;
import io.mpcrm.connector.salesforce.SalesforceRejected;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Moves a request through its states: claimed (Processing), then Succeeded, Failed, or Waiting for another attempt.
 * Every path ends in a state a seller can read on the request.
 */
@Component
public class RequestLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RequestLifecycle.class);
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final RequestRecords records;
    private final TargetRecordError targetError;
    private final RequestPolicy policy;
    private final Clock clock;
    private final String worker;
    private final ActiveWorker activeWorker;
    private final DomainEvents events;
    private final RequestMetrics metrics;
    /** Requests this instance is working on, so a sweep never hands the same one to two threads. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /**
     * What requests here are working on (their target records, and what their actions name, such as the AWS offer an
     * import brings), with the request that holds each: two requests on one subject run one after the other, never
     * interleaved, whichever path made them (button, API, Flow, schedule).
     */
    private final Map<String, String> busy = new HashMap<>();
    private final ActionDispatcher dispatcher;

    public RequestLifecycle(RequestRecords records, TargetRecordError targetError, RequestPolicy policy, Clock clock,
                            @Value("${connector.instance-id}") String worker, ActiveWorker activeWorker,
                            DomainEvents events, RequestMetrics metrics, ActionDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.events = events;
        this.records = records;
        this.targetError = targetError;
        this.policy = policy;
        this.clock = clock;
        this.worker = worker;
        this.activeWorker = activeWorker;
        this.metrics = metrics;
    }

    /** Ids of the requests due for work now, oldest first. */
    public List<String> dueRequests() {
        Instant now = clock.instant();
        return records.dueIds(now, now.minus(policy.resumeProcessingAfter()), policy.sweepBatchSize());
    }

    /**
     * Takes the request for this worker and records the attempt and how it arrived ({@code intake}: event or
     * sweep), or returns null when it is not due: already taken
     * by another thread here, finished, waiting for a later attempt, or gone. The sweep and every (possibly
     * duplicated) event for a request all come through here, so a request is performed once per attempt: the id is
     * reserved in memory first, then its state is read fresh from Salesforce and checked under that reservation.
     */
    public MarketplaceRequest claim(String requestId, String intake) {
        if (!activeWorker.mayStartRequests()) {
            // Stopping, or no longer the leader: left as it is for the replica that sweeps next.
            return null;
        }
        if (!inFlight.add(requestId)) {
            return null;
        }
        MarketplaceRequest request = null;
        try {
            Instant now = clock.instant();
            request = records.find(requestId).orElse(null);
            if (request == null || !isDue(request, now)) {
                inFlight.remove(requestId);
                return null;
            }
            String other = take(request);
            if (other != null) {
                // Left as it is: the next sweep takes it once the other request on the same subject is done.
                log.info("Request {} waits for another request on {}", request.name(), other);
                inFlight.remove(requestId);
                return null;
            }
            if (request.attempts() >= policy.maxAttempts()) {
                // Only a request whose worker stopped mid-way gets here: don't let one that stops workers run forever.
                fail(request, new RequestRejected("The connector stopped " + request.attempts() + " times while"
                        + " working on this request, so it will not try again. Check what the request changed in AWS"
                        + " Marketplace before creating a new one, and ask an administrator to look at the connector"
                        + " log for " + request.name() + "."));
                return null;
            }
            MarketplaceRequest claimed = new MarketplaceRequest(request.id(), request.name(), request.action(),
                    RequestStatus.Processing, request.requestedBy(), request.sellerAccountRecordId(),
                    request.sellerAccountId(), request.targetRecordId(), request.input(), request.attempts() + 1,
                    null, now);
            LogContext.request(claimed.id(), claimed.targetRecordId(), claimed.sellerAccountId());
            metrics.claimed(claimed.id());
            records.markProcessing(claimed, now, worker + " via " + intake);
            log.info("Request {} ({}) claimed via {}, attempt {}", request.name(), request.action(), intake,
                    claimed.attempts());
            return claimed;
        } catch (RuntimeException e) {
            if (request != null) {
                release(request);
            } else {
                inFlight.remove(requestId);
            }
            throw e;
        }
    }

    private void release(MarketplaceRequest request) {
        metrics.released(request.id());
        LogContext.clear();
        targetError.forget(request);
        synchronized (busy) {
            busy.values().removeIf(request.id()::equals);
        }
        inFlight.remove(request.id());
    }

    /** Takes every subject of the request for it, or none: returns the subject another request holds, or null. */
    private String take(MarketplaceRequest request) {
        List<String> subjects = new ArrayList<>();
        if (request.targetRecordId() != null) {
            // A Flow or the API may name a record by its 15- or its 18-character id: the first 15 tell it.
            String target = request.targetRecordId();
            subjects.add("record " + (target.length() == 18 ? target.substring(0, 15) : target));
        }
        subjects.addAll(dispatcher.subjects(request));
        synchronized (busy) {
            for (String subject : subjects) {
                String holder = busy.get(subject);
                if (holder != null && !holder.equals(request.id())) {
                    return subject;
                }
            }
            subjects.forEach(subject -> busy.put(subject, request.id()));
        }
        return null;
    }

    private boolean isDue(MarketplaceRequest request, Instant now) {
        return switch (request.status()) {
            case Queued -> true;
            case Waiting -> request.nextAttemptAt() == null || !request.nextAttemptAt().isAfter(now);
            case Processing -> request.startedAt() == null
                    || request.startedAt().isBefore(now.minus(policy.resumeProcessingAfter()));
            case Succeeded, Failed -> false;
        };
    }

    public void succeed(MarketplaceRequest request, String result) {
        try {
            records.markSucceeded(request, result, clock.instant());
            metrics.ended(request.id(), request.action(), RequestOutcome.SUCCEEDED);
            targetError.clear(request);
            log.info("Request {} ({}) succeeded: {}", request.name(), request.action(), result);
        } finally {
            release(request);
        }
    }

    /** Ends the request as Failed with an explanation a seller can act on. */
    public void fail(MarketplaceRequest request, Throwable failure) {
        if (request == null) {
            log.warn("A request could not be claimed; the next sweep tries again: {}", failure.toString());
            return;
        }
        try {
            String explanation = explain(request, failure);
            if (failure instanceof RequestRejected || failure instanceof MarketplaceRejected) {
                log.info("Request {} ({}) failed: {}", request.name(), request.action(), explanation);
            } else {
                log.error("Request {} ({}) failed unexpectedly", request.name(), request.action(), failure);
            }
            Instant failedAt = clock.instant();
            records.markFailed(request, explanation, failedAt);
            metrics.ended(request.id(), request.action(), RequestOutcome.of(failure));
            if (!(failure instanceof RequestRefused)) {
                targetError.show(request, explanation);
            }
            // Only a claimed request gets here, once per request: a redelivered event finds it Failed, not due.
            events.publish(new DomainEvent(DomainEvent.Type.REQUEST_FAILED, failedAt, request.sellerAccountId(),
                    RequestFields.REQUEST, request.id(), RequestStatus.Failed.name(), explanation,
                    DomainEvent.MarketplaceIds.none(), request.action(), request.targetRecordId()));
        } finally {
            release(request);
        }
    }

    /** A failure that may pass: wait with exponential backoff and jitter, or fail once the attempts are used up. */
    public void retryLater(MarketplaceRequest request, Throwable failure) {
        if (request == null) {
            log.warn("A request could not be claimed; the next sweep tries again: {}", failure.toString());
            return;
        }
        if (failure instanceof MarketplaceEntityLocked) {
            waitForLock(request, failure);
            return;
        }
        if (request.attempts() >= policy.maxAttempts()) {
            fail(request, new RequestRejected("Gave up after " + request.attempts() + " attempts. The last one failed"
                    + " for a reason that usually passes: " + failure.getMessage()
                    + " Press the button again later, or ask an administrator to check the connector's health."));
            return;
        }
        try {
            Instant next = clock.instant().plus(backoff(request.attempts()));
            String reason = "Attempt " + request.attempts() + " of " + policy.maxAttempts()
                    + " did not complete for a reason that usually passes: " + failure.getMessage()
                    + " The connector tries again at " + READABLE.format(next) + ".";
            log.warn("Request {} ({}) waits until {}: {}", request.name(), request.action(), next, failure.toString());
            records.markWaiting(request, reason, next, request.attempts());
        } finally {
            release(request);
        }
    }

    /** Another change set holds the entity: wait for it without using up an attempt. */
    private void waitForLock(MarketplaceRequest request, Throwable failure) {
        try {
            Instant next = clock.instant().plus(backoff(Math.max(1, request.attempts())));
            log.info("Request {} ({}) waits for a lock until {}", request.name(), request.action(), next);
            records.markWaiting(request, failure.getMessage() + " Next look at " + READABLE.format(next) + ".", next,
                    request.attempts() - 1);
        } finally {
            release(request);
        }
    }

    Duration backoff(int attempts) {
        long base = policy.retryBaseDelay().toMillis();
        long exponential = base << Math.min(20, Math.max(0, attempts - 1));
        long capped = Math.min(policy.retryMaxDelay().toMillis(), exponential);
        // Jitter spreads retries of requests that failed together (one throttled burst) over time.
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) (capped * jitter));
    }

    /** Salesforce's answers to a user who lacks an object, field or record permission (StatusCode). */
    private static final Set<String> ACCESS_REFUSED = Set.of("INSUFFICIENT_ACCESS_OR_READONLY",
            "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY", "INVALID_FIELD_FOR_INSERT_UPDATE");

    private static String explain(MarketplaceRequest request, Throwable failure) {
        if (failure instanceof RequestRejected || failure instanceof MarketplaceRejected) {
            return failure.getMessage();
        }
        if (failure instanceof SalesforceRejected rejected) {
            boolean access = rejected.errors().stream().anyMatch(e -> ACCESS_REFUSED.contains(e.errorCode()));
            return "Salesforce refused a change the connector made for this request: "
                    + rejected.errors().stream().map(e -> e.message()
                            + (e.fields().isEmpty() ? "" : " (fields " + String.join(", ", e.fields()) + ")"))
                    .toList()
                    + (access ? ". The connector's own Salesforce user may not do this: an administrator should check"
                            + " that the integration user holds the permission set Marketplace_Connector as this"
                            + " version of the connector ships it (admin guide, section 3)."
                            : ". An administrator should check the connector's field permissions and the org's"
                            + " validation rules.");
        }
        return "The connector hit an unexpected error (" + failure.getClass().getSimpleName() + ": "
                + failure.getMessage() + "). An administrator can find the details in the connector log under "
                + request.name() + ".";
    }
}
