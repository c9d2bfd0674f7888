package io.mpcrm.connector.changeset;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * {@code mpcrm_changesets_open{account}}: the change sets the tracker found open (records still PREPARING or
 * APPLYING) in its last cycle, per seller account. An account whose sets all ended shows 0, not its last count.
 */
@Component
public class OpenChangeSetCount {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> byAccount = new ConcurrentHashMap<>();

    public OpenChangeSetCount(MeterRegistry registry) {
        this.registry = registry;
    }

    /** What one tracker cycle saw: the open records by seller account id. */
    public void seen(Map<String, ? extends Collection<?>> openByAccount) {
        byAccount.forEach((account, count) -> {
            if (!openByAccount.containsKey(account)) {
                count.set(0);
            }
        });
        openByAccount.forEach((account, open) -> {
            if (!account.isEmpty()) {
                gauge(account).set(open.size());
            }
        });
    }

    private AtomicInteger gauge(String account) {
        return byAccount.computeIfAbsent(account, id -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("mpcrm.changesets.open", count, AtomicInteger::get)
                    .description("Change sets the tracker saw open in its last cycle").tag("account", id)
                    .register(registry);
            return count;
        });
    }
}
