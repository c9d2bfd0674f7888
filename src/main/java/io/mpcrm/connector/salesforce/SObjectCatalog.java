package io.mpcrm.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.springframework.stereotype.Component;

/**
 * What the org says about its objects: which object a record id belongs to (by its key prefix, which differs from
 * org to org for custom objects) and which fields an object has. Read once and cached; describe calls are cheap but
 * not free.
 */
@Component
public class SObjectCatalog {

    private static final Duration REFRESH_AT_MOST_EVERY = Duration.ofMinutes(1);

    private final SalesforceRecords salesforce;
    private final Clock clock;
    private volatile Map<String, String> objectsByKeyPrefix = Map.of();
    private volatile Instant loadedAt = Instant.MIN;
    private final Map<String, Set<String>> fieldsByObject = new ConcurrentHashMap<>();

    public SObjectCatalog(SalesforceRecords salesforce, Clock clock) {
        this.salesforce = salesforce;
        this.clock = clock;
    }

    /** The API name of the object the record belongs to, if the id is well formed and its object known. */
    public Optional<String> objectOf(String recordId) {
        if (!RecordIds.isRecordId(recordId)) {
            return Optional.empty();
        }
        String prefix = recordId.substring(0, 3);
        String known = objectsByKeyPrefix.get(prefix);
        if (known == null && loadedAt.plus(REFRESH_AT_MOST_EVERY).isBefore(clock.instant())) {
            reload();
            known = objectsByKeyPrefix.get(prefix);
        }
        return Optional.ofNullable(known);
    }

    public boolean hasField(String sobject, String field) {
        return fieldsByObject.computeIfAbsent(sobject, name -> StreamSupport
                .stream(salesforce.describe(name).path("fields").spliterator(), false)
                .map(f -> f.path("name").asText()).collect(Collectors.toUnmodifiableSet())).contains(field);
    }

    private synchronized void reload() {
        Map<String, String> byPrefix = new ConcurrentHashMap<>();
        for (JsonNode object : salesforce.describeGlobal().path("sobjects")) {
            String prefix = object.path("keyPrefix").asText(null);
            if (prefix != null && !prefix.isEmpty()) {
                byPrefix.put(prefix, object.path("name").asText());
            }
        }
        objectsByKeyPrefix = Map.copyOf(byPrefix);
        loadedAt = clock.instant();
    }
}
