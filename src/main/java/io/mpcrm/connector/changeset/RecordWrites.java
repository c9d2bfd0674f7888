package io.mpcrm.connector.changeset;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Where a change set's outcome goes onto its Salesforce record: at once (a Refresh Status button), or gathered with the
 * other outcomes of a tracker cycle and sent in sObject collections. {@code onceWritten} runs only after the record
 * was written, so nothing is announced for a record that still shows its old state.
 */
@FunctionalInterface
public interface RecordWrites {

    void update(String sobject, String recordId, Map<String, Object> fields, Runnable onceWritten);

    /** Each record written when its outcome is known, by {@code write} (record id, fields). */
    static RecordWrites atOnce(BiConsumer<String, Map<String, Object>> write) {
        return (sobject, recordId, fields, onceWritten) -> {
            write.accept(recordId, fields);
            onceWritten.run();
        };
    }
}
