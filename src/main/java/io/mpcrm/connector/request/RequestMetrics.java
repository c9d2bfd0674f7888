package io.mpcrm.connector.request;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mpcrm.connector.request.RequestAction;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code mpcrm_requests_total{action,outcome}} and {@code mpcrm_request_duration_seconds{action,outcome}}: each request
 * that ended, timed from the claim of its last attempt to the write of its final status. A request put in Waiting is
 * not counted until a later attempt ends it. The action tag is one of the actions this connector handles, or
 * {@code OTHER}, so that whatever Salesforce sends cannot add series.
 */
@Component
public class RequestMetrics {

    static final String OTHER_ACTION = "OTHER";

    private final MeterRegistry registry;
    private final ObjectProvider<RequestAction> actions;
    private final Map<String, Timer.Sample> started = new ConcurrentHashMap<>();
    private volatile Set<String> known;

    public RequestMetrics(MeterRegistry registry, ObjectProvider<RequestAction> actions) {
        this.registry = registry;
        this.actions = actions;
    }

    public void claimed(String requestId) {
        started.put(requestId, Timer.start(registry));
    }

    public void ended(String requestId, String action, RequestOutcome outcome) {
        String actionTag = actionTag(action);
        Counter.builder("mpcrm.requests").description("Requests that ended, by action and outcome")
                .tags("action", actionTag, "outcome", outcome.tag()).register(registry).increment();
        Timer.Sample sample = started.remove(requestId);
        if (sample != null) {
            sample.stop(Timer.builder("mpcrm.request.duration")
                    .description("From claiming a request to writing its final status")
                    .tags("action", actionTag, "outcome", outcome.tag())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(50)).maximumExpectedValue(Duration.ofHours(3))
                    .register(registry));
        }
    }

    /** The request left this worker (ended, waiting, or handed back): forget when it was claimed. */
    public void released(String requestId) {
        started.remove(requestId);
    }

    private String actionTag(String action) {
        if (known == null) {
            Set<String> names = new TreeSet<>();
            actions.forEach(a -> names.add(a.action()));
            known = names;
        }
        return action != null && known.contains(action) ? action : OTHER_ACTION;
    }
}
