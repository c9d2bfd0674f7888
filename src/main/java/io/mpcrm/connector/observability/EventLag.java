package io.mpcrm.connector.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import org.apache.avro.generic.GenericRecord;
import org.springframework.stereotype.Component;

/**
 * {@code mpcrm_event_lag_seconds}: from the creation of a {@code Marketplace_Request_Event__e} (its CreatedDate, set by
 * Salesforce when the Flow published it) to this connector claiming the request it announced. Requests found by the
 * sweep instead are not counted: their delay is the sweep period by design. Growing lag means events queue up behind
 * busy workers or the subscription fell behind.
 */
@Component
public class EventLag {

    private final Clock clock;
    private final Timer lag;

    public EventLag(Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.lag = Timer.builder("mpcrm.event.lag")
                .description("From a request event's creation in Salesforce to the connector claiming the request")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
    }

    /** The event's CreatedDate in epoch milliseconds, or null when it has none. */
    public Long createdAt(GenericRecord event) {
        Object created = event.hasField("CreatedDate") ? event.get("CreatedDate") : null;
        return created instanceof Number millis ? millis.longValue() : null;
    }

    /** The request an event announced was claimed now; {@code createdAt} is null for requests the sweep found. */
    public void claimed(Long createdAt) {
        if (createdAt != null) {
            lag.record(Duration.ofMillis(Math.max(0, clock.millis() - createdAt)));
        }
    }
}
