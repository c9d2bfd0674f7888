package io.mpcrm.connector.chaos;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What one seller does with one record: the buttons pressed in order (validate, create, refresh, modify, cancel ...).
 * A button is pressed once the previous request has ended and the record shows what the seller waits for
 * (e.g. the offer Released before its expiration is moved).
 */
final class SellerStory {

    /**
     * A button press: the action, its input, and what the record must show before the seller presses it; pressed
     * {@code times} times, each {@code apartMillis} after the one before, as a seller who double-clicks or loses
     * patience does.
     */
    record Press(String action, String input, String waitsFor, Predicate<Map<String, Object>> ready, int times,
                 long apartMillis) {

        Press(String action, String input, String waitsFor, Predicate<Map<String, Object>> ready) {
            this(action, input, waitsFor, ready, 1, 0);
        }

        static Press now(String action, String input) {
            return new Press(action, input, "nothing", r -> true);
        }

        static Press whenStatus(String status, String action, String input) {
            return new Press(action, input, "Status__c " + status, r -> status.equals(r.get("Status__c")));
        }

        /** The same press, made {@code times} times in all. */
        Press repeated(int times, long apartMillis) {
            return new Press(action, input, waitsFor, ready, times, apartMillis);
        }
    }

    final String kind;
    final String sobject;
    final String recordId;
    final List<Press> presses;
    /** What the record shows when the story has ended as the seller expects. */
    final Predicate<Map<String, Object>> done;
    private int next;
    private final List<String> pending = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger toCome = new java.util.concurrent.atomic.AtomicInteger();
    private long readySince = -1;

    SellerStory(String kind, String sobject, String recordId, List<Press> presses,
                Predicate<Map<String, Object>> done) {
        this.kind = kind;
        this.sobject = sobject;
        this.recordId = recordId;
        this.presses = presses;
        this.done = done;
    }

    /** The requests of the last press (one per time it was pressed) not yet seen to end. */
    List<String> pending() {
        return pending;
    }

    /** Whether the last press is still being made or one of its requests has not ended. */
    boolean busy() {
        return toCome.get() > 0 || !pending.isEmpty();
    }

    /** The next press is made: its first request now, the others as they come ({@link #pressedAgain}). */
    void pressed(String requestId, int times) {
        toCome.set(times - 1);
        pending.add(requestId);
        next++;
        readySince = -1;
    }

    void pressedAgain(String requestId) {
        pending.add(requestId);
        toCome.decrementAndGet();
    }

    void ended(String requestId) {
        pending.remove(requestId);
    }

    boolean allPressed() {
        return next >= presses.size();
    }

    Press nextPress() {
        return presses.get(next);
    }

    /** When the seller started waiting for the record to be ready for the next press (ms), for the stall check. */
    long waitingSince(long now) {
        if (readySince < 0) {
            readySince = now;
        }
        return readySince;
    }
}
