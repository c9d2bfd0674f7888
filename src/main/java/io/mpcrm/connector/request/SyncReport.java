package io.mpcrm.connector.request;

import io.mpcrm.connector.salesforce.SalesforceRecords.WriteResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sync wrote: created, updated, and every record that could not be written, by its key. A failed record
 * does not hold back the others, but it fails the request, so that a seller sees it.
 */
public final class SyncReport {

    private static final int LISTED_FAILURES = 20;

    private final String noun;
    private int created;
    private int updated;
    private int unchangedCount;
    private final List<String> failures = new ArrayList<>();

    public SyncReport(String noun) {
        this.noun = noun;
    }

    public void add(List<WriteResult> results) {
        for (WriteResult result : results) {
            if (!result.success()) {
                failed(result.key(), String.join("; ", result.errors()));
            } else if (result.created()) {
                created++;
            } else {
                updated++;
            }
        }
    }

    public void failed(String key, String reason) {
        failures.add(key + ": " + reason);
    }

    public void unchanged(int count) {
        unchangedCount += count;
    }

    /** How many records the sync wrote or found unchanged. */
    public int records() {
        return created + updated + unchangedCount;
    }

    /** e.g. "12 products written (3 new, 9 updated), 40 unchanged". */
    public String summary() {
        String text = (created + updated) + " " + plural(created + updated) + " written (" + created + " new, "
                + updated + " updated)";
        return unchangedCount == 0 ? text : text + ", " + unchangedCount + " unchanged";
    }

    /** The result for the request, or a rejection naming every record that could not be written. */
    public String conclude(String more) {
        String text = summary() + (more == null || more.isEmpty() ? "" : "; " + more) + ".";
        if (failures.isEmpty()) {
            return text;
        }
        List<String> listed = failures.subList(0, Math.min(LISTED_FAILURES, failures.size()));
        throw new RequestRejected(text + " " + failures.size() + " " + plural(failures.size())
                + " could not be synced:\n" + String.join("\n", listed)
                + (failures.size() > listed.size() ? "\n... and " + (failures.size() - listed.size()) + " more" : ""));
    }

    private String plural(int count) {
        return count == 1 ? noun : noun + "s";
    }
}
