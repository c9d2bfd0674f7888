package io.mpcrm.connector.request;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mpcrm.connector.request.SyncReport;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * {@code mpcrm_sync_records_total{sync,account}}: records a sync wrote or checked unchanged; and
 * {@code mpcrm_sync_last_success_timestamp_seconds{sync}}: when a sync last ended with every record synced (absent
 * until one did since the start). A sync that could not write some records still counts what it did write.
 */
@Component
public class SyncMetrics {

    public static final String PRODUCTS = "products";
    public static final String AGREEMENTS = "agreements";
    public static final String SHARED_RESALE_AUTHORIZATIONS = "shared_resale_authorizations";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    public SyncMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Counts what the report holds, then concludes it: the sync's result, or its rejection naming failed records. */
    public String conclude(String sync, String account, SyncReport report, String more) {
        Counter.builder("mpcrm.sync.records").description("Records a sync wrote or checked")
                .tags("sync", sync, "account", String.valueOf(account)).register(registry).increment(report.records());
        String result = report.conclude(more);
        lastSuccess.computeIfAbsent(sync, name -> {
            AtomicLong seconds = new AtomicLong();
            Gauge.builder("mpcrm.sync.last.success.timestamp", seconds, AtomicLong::get).baseUnit("seconds")
                    .description("When the sync last completed without failures (Unix time)").tag("sync", name)
                    .register(registry);
            return seconds;
        }).set(clock.instant().getEpochSecond());
        return result;
    }
}
