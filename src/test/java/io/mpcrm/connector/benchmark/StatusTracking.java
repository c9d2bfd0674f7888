package io.mpcrm.connector.benchmark;

import io.mpcrm.connector.changeset.ChangeSetStatusTracker;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Row 4: many offers wait for their change sets and a few end between two tracker cycles. The Marketplace sandbox's
 * clock is set, cycle by cycle, just past the end of the next few change sets (in the order they started), so each
 * cycle sees exactly those end; the calls of every cycle are counted.
 */
final class StatusTracking {

    /** One cycle: how many offers it updated and the calls it made. */
    record Cycle(int updated, CallCounts calls) {
    }

    private StatusTracking() {
    }

    /**
     * Runs one cycle that finds nothing ended (it shows the offers APPLYING: the first cycle after they started), then
     * {@code cycles} cycles in each of which the next {@code perCycle} change sets end.
     *
     * @param starts when the open change sets started, in order
     * @param duration how long each change set runs (preparing and applying)
     * @return the cycles, the first one (nothing ended) first
     */
    static List<Cycle> follow(BenchmarkSeller desk, MarketplaceSandbox marketplace, ChangeSetStatusTracker tracker,
                              List<String> accounts, List<Instant> starts, Duration duration, int perCycle,
                              int cycles) {
        String[] accountIds = accounts.toArray(String[]::new);
        List<Cycle> out = new ArrayList<>();
        try {
            // Half a millisecond before the first end: the sets show APPLYING and none has ended yet.
            marketplace.setClock(Clock.fixed(starts.get(0).plus(duration).minusNanos(500_000), ZoneOffset.UTC));
            out.add(cycle(desk, marketplace, tracker, accountIds));
            for (int c = 1; c <= cycles; c++) {
                int lastEnded = Math.min(starts.size(), c * perCycle) - 1;
                // The watcher saw each start within a millisecond after it happened.
                marketplace.setClock(Clock.fixed(starts.get(lastEnded).plus(duration).plusNanos(200_000),
                        ZoneOffset.UTC));
                out.add(cycle(desk, marketplace, tracker, accountIds));
            }
        } finally {
            marketplace.setClock(Clock.systemUTC());
        }
        return out;
    }

    private static Cycle cycle(BenchmarkSeller desk, MarketplaceSandbox marketplace, ChangeSetStatusTracker tracker,
                               String[] accounts) {
        CallCounts before = CallCounts.now(marketplace, desk.org(), accounts);
        int updated = tracker.track();
        return new Cycle(updated, CallCounts.now(marketplace, desk.org(), accounts).since(before));
    }

    /** What a cycle may cost: three calls to each system for the listing, three per change set that ended. */
    static long budget(int accounts, int ended) {
        return 3L * accounts + 3L * ended;
    }
}
