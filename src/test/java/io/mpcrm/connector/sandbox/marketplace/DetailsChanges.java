package io.mpcrm.connector.sandbox.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a change type of a change set changes an entity's DetailsDocument, for every entity type the sandbox holds:
 * each type (offer, resale authorization) gives a table of its change types; the changes they share are built here.
 * A change type missing from the table changes nothing (its checks alone decide whether it passes).
 */
final class DetailsChanges {

    /** One change type applied in place to the DetailsDocument {@code details}, from the change's {@code doc}. */
    @FunctionalInterface
    interface Change {
        void apply(JsonNode doc, ObjectNode details);
    }

    private DetailsChanges() {
    }

    /** Applies {@code changeType} as the entity type's table {@code changes} says. */
    static void apply(String changeType, JsonNode doc, ObjectNode details, Map<String, Change> changes) {
        Change change = changes.get(changeType);
        if (change != null) {
            change.apply(doc, details);
        }
    }

    /**
     * UpdateInformation: Name and Description when given; the pre-existing agreement field of the entity type
     * ({@code preExistingField}) set, or removed when given as null.
     */
    static Change information(String preExistingField) {
        return (doc, d) -> {
            for (String f : List.of("Name", "Description")) {
                if (doc.hasNonNull(f)) {
                    d.put(f, doc.get(f).asText());
                }
            }
            if (doc.has(preExistingField)) {
                if (doc.get(preExistingField).isNull()) {
                    d.remove(preExistingField);
                } else {
                    d.set(preExistingField, doc.get(preExistingField).deepCopy());
                }
            }
        };
    }

    /** The first term of the change, as DescribeEntity shows it: its charge dates (yyyy-MM-dd) at midnight UTC. */
    static ObjectNode datedSchedule(JsonNode doc) {
        ObjectNode term = (ObjectNode) doc.path("Terms").get(0).deepCopy();
        for (JsonNode charge : term.path("Schedule")) {
            ((ObjectNode) charge).put("ChargeDate", charge.get("ChargeDate").asText() + "T00:00:00.000Z");
        }
        return term;
    }

    /** Copies of the change's terms. */
    static List<ObjectNode> terms(JsonNode doc) {
        List<ObjectNode> terms = new ArrayList<>();
        doc.path("Terms").forEach(t -> terms.add((ObjectNode) t.deepCopy()));
        return terms;
    }
}
