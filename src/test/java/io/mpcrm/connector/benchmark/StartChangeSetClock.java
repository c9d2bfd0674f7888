package io.mpcrm.connector.benchmark;

import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the Marketplace sandbox's StartChangeSet counter of some seller accounts and notes when each accepted
 * (not throttled) change set started, to the millisecond: the achieved rate, and the order in which they will end.
 */
final class StartChangeSetClock implements AutoCloseable {

    private static final String START = "StartChangeSet";

    private final MarketplaceSandbox marketplace;
    private final List<String> accounts;
    private final Thread watcher;
    private final List<Instant> starts = new ArrayList<>();
    private volatile boolean running = true;

    StartChangeSetClock(MarketplaceSandbox marketplace, List<String> accounts) {
        this.marketplace = marketplace;
        this.accounts = List.copyOf(accounts);
        long initial = accepted();
        this.watcher = new Thread(() -> {
            long seen = initial;
            while (running) {
                long now = accepted();
                Instant at = Instant.now();
                synchronized (starts) {
                    for (long i = seen; i < now; i++) {
                        starts.add(at);
                    }
                }
                seen = now;
                LockSupport.parkNanos(500_000);
            }
        }, "benchmark-start-change-set-clock");
        watcher.setDaemon(true);
        watcher.start();
    }

    private long accepted() {
        long total = 0;
        for (String account : accounts) {
            Map<String, Long> calls = marketplace.callCounts(account);
            Map<String, Long> throttled = marketplace.throttledCounts(account);
            total += calls.getOrDefault(START, 0L) - throttled.getOrDefault(START, 0L);
        }
        return total;
    }

    /** Accepted StartChangeSet calls per second between the first and the last one seen. */
    double rate() {
        List<Instant> seen = starts();
        if (seen.size() < 2) {
            return 0;
        }
        double seconds = (seen.get(seen.size() - 1).toEpochMilli() - seen.get(0).toEpochMilli()) / 1000.0;
        return seconds <= 0 ? 0 : (seen.size() - 1) / seconds;
    }

    List<Instant> starts() {
        synchronized (starts) {
            return List.copyOf(starts);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        watcher.join();
    }
}
