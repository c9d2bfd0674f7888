package io.mpcrm.connector.changeset;

import io.mpcrm.connector.changeset.RecordWrites;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcomes of one tracker cycle, gathered while its change sets are described and then sent in sObject
 * collections of 200: ten offers ending at once cost one Salesforce call, not ten. Each record succeeds or fails on
 * its own; only a written record's follow-up (a domain event) runs.
 */
final class GatheredWrites implements RecordWrites {

    private static final Logger log = LoggerFactory.getLogger(GatheredWrites.class);

    private record Pending(String sobject, String recordId, Map<String, Object> fields, Runnable onceWritten) {
    }

    private final List<Pending> pending = new ArrayList<>();

    @Override
    public synchronized void update(String sobject, String recordId, Map<String, Object> fields,
                                    Runnable onceWritten) {
        pending.add(new Pending(sobject, recordId, fields, onceWritten));
    }

    /** Sends what was gathered; returns the ids of the records written. */
    synchronized Set<String> send(SalesforceRecords salesforce) {
        Map<String, List<Pending>> bySobject = new LinkedHashMap<>();
        pending.forEach(p -> bySobject.computeIfAbsent(p.sobject(), s -> new ArrayList<>()).add(p));
        Set<String> written = new HashSet<>();
        for (var sobject : bySobject.entrySet()) {
            List<Map<String, Object>> records = new ArrayList<>();
            Map<String, Pending> byId = new LinkedHashMap<>();
            for (Pending p : sobject.getValue()) {
                Map<String, Object> record = new LinkedHashMap<>(p.fields());
                record.put("Id", p.recordId());
                records.add(record);
                byId.put(p.recordId(), p);
            }
            try {
                for (SalesforceRecords.WriteResult result : salesforce.updateAll(sobject.getKey(), records)) {
                    if (result.success()) {
                        written.add(result.key());
                        byId.get(result.key()).onceWritten().run();
                    } else {
                        log.warn("Record {} not updated this cycle: {}", result.key(), result.errors());
                    }
                }
            } catch (RuntimeException e) {
                log.warn("{} records of {} not updated this cycle: {}", records.size(), sobject.getKey(),
                        e.getMessage());
            }
        }
        pending.clear();
        return written;
    }
}
