package io.mpcrm.connector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrgRestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A seller's button presses as Salesforce receives them: several requests made in one API call (one sObject
 * Collections insert, as a Flow or a data load makes them), or the same button pressed again a given time later.
 */
public final class Presses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Presses() {
    }

    /** Inserts the requests in one call, as the user; returns their ids in order. */
    public static List<String> atOnce(SandboxOrgRestClient user, List<Map<String, Object>> requests) {
        ObjectNode body = JSON.createObjectNode().put("allOrNone", true);
        ArrayNode records = body.putArray("records");
        for (Map<String, Object> request : requests) {
            ObjectNode record = JSON.valueToTree(request);
            record.putObject("attributes").put("type", "Marketplace_Request__c");
            records.add(record);
        }
        JsonNode results;
        try {
            results = JSON.readTree(user.call("POST", "composite/sobjects", JSON.writeValueAsString(body)).body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode result : results) {
            if (!result.path("success").asBoolean()) {
                throw new IllegalStateException("Salesforce refused a request: " + result);
            }
            ids.add(result.path("id").asText());
        }
        return ids;
    }

    /**
     * The same request pressed {@code times} times, each {@code apartMillis} after the one before (0: all in one
     * call); returns the ids in the order pressed.
     */
    public static List<String> repeated(SandboxOrgRestClient user, Map<String, Object> request, int times,
                                        long apartMillis) {
        if (apartMillis == 0) {
            return atOnce(user, java.util.Collections.nCopies(times, request));
        }
        List<String> ids = new ArrayList<>(atOnce(user, List.of(request)));
        for (int i = 1; i < times; i++) {
            Executor later = CompletableFuture.delayedExecutor(apartMillis, TimeUnit.MILLISECONDS);
            ids.add(CompletableFuture.supplyAsync(() -> atOnce(user, List.of(request)).get(0), later).join());
        }
        return ids;
    }
}
