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

    /** A button press: the action, its input, and what the record must show before the seller presses it. */
    record Press(String action, String input, String waitsFor, Predicate<Map<String, Object>> ready) {

        static Press now(String action, String input) {
            return new Press(action, input, "nothing", r -> true);
        }

        static Press whenStatus(String status, String action, String input) {
            return new Press(action, input, "Status__c " + status, r -> status.equals(r.get("Status__c")));
        }
    }

    final String kind;
    final String sobject;
    final String recordId;
    final List<Press> presses;
    /** What the record shows when the story has ended as the seller expects. */
    final Predicate<Map<String, Object>> done;
    private int next;
    private String pending;
    private long readySince = -1;

    SellerStory(String kind, String sobject, String recordId, List<Press> presses,
                Predicate<Map<String, Object>> done) {
        this.kind = kind;
        this.sobject = sobject;
        this.recordId = recordId;
        this.presses = presses;
        this.done = done;
    }

    /** The request last pressed and not yet seen to end, or null. */
    String pending() {
        return pending;
    }

    void pressed(String requestId) {
        pending = requestId;
        next++;
        readySince = -1;
    }

    void ended() {
        pending = null;
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
