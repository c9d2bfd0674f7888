package io.mpcrm.connector.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.observability.SalesforceApiUsage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

// Over 300 lines on purpose: the one gateway to the org's REST API; its calls, collections and errors belong together.
/**
 * Records in the Salesforce org, read and written over its REST API through camel-salesforce's authenticated client
 * (which logs in, and logs in again when a session expires). Writes of many records go in sObject collections of 200.
 * Rows are never deleted on their own: a delete goes with the writes that replace the rows, in one all-or-none
 * transaction ({@link #write}), so that a refused insert cannot leave a record without them.
 */
@Component
public class SalesforceRecords {

    public static final int COLLECTION_LIMIT = 200;
    private static final String ENDPOINT = "salesforce:raw?format=JSON";
    private static final String COMPOSITE = "salesforce:composite?format=JSON";
    /** Subrequest errors that say why a composite request was rolled back, not what failed. */
    private static final Set<String> ROLLED_BACK = Set.of("PROCESSING_HALTED", "ALL_OR_NONE_OPERATION_ROLLED_BACK");
    /** Subrequest errors that pass with time, as the same call on its own would have been retried. */
    private static final Set<String> PASSING =
            Set.of("REQUEST_LIMIT_EXCEEDED", "SERVER_UNAVAILABLE", "UNABLE_TO_LOCK_ROW");

    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final String apiVersion;
    private final String dataPath;
    private final SalesforceApiUsage apiUsage;

    public SalesforceRecords(ProducerTemplate producer, ObjectMapper json,
                             @Value("${camel.component.salesforce.api-version:62.0}") String apiVersion,
                             SalesforceApiUsage apiUsage) {
        this.producer = producer;
        this.json = json;
        this.apiUsage = apiUsage;
        this.apiVersion = apiVersion;
        this.dataPath = "/services/data/v" + apiVersion;
    }

    /** Writes that will be made in one transaction, all or none; {@link #write} sends them. */
    public AllOrNone allOrNone() {
        return new AllOrNone();
    }

    /**
     * Makes the writes in one Salesforce transaction, a composite request with {@code allOrNone} true (one API call,
     * through camel-salesforce's composite operation): when Salesforce refuses any of them, none is made.
     *
     * @return the ids of the records {@link AllOrNone#create} created, by the reference it returned
     * @throws SalesforceRejected    when Salesforce refused a write; nothing was written
     * @throws SalesforceUnavailable when Salesforce could not complete it for now; nothing was written
     */
    public Map<String, String> write(AllOrNone writes) {
        if (writes.isEmpty()) {
            return Map.of();
        }
        String call = dataPath + "/composite";
        Exchange exchange = producer.send(COMPOSITE, ex -> ex.getIn().setBody(writes.composite(apiVersion)));
        apiUsage.called("POST", call, exchange);
        if (exchange.getException() != null) {
            throw translate("POST", call, exchange.getException());
        }
        SObjectCompositeResponse response = exchange.getMessage().getBody(SObjectCompositeResponse.class);
        Map<String, String> created = new LinkedHashMap<>();
        List<SalesforceRejected.SalesforceError> errors = new ArrayList<>();
        boolean passing = false;
        for (SObjectCompositeResult result : response.getCompositeResponse()) {
            JsonNode body = json.valueToTree(result.getBody());
            if (result.getHttpStatusCode() >= 400) {
                passing |= result.getHttpStatusCode() >= 500 || result.getHttpStatusCode() == 429;
                for (JsonNode error : body.isArray() ? body : json.createArrayNode().add(body)) {
                    errors.add(new SalesforceRejected.SalesforceError(error.path("errorCode").asText(),
                            error.path("message").asText(), texts(error.path("fields"))));
                }
            } else if (body.isArray()) {
                int index = 0;
                for (JsonNode record : body) {
                    index++;
                    for (JsonNode error : record.path("success").asBoolean(true) ? json.createArrayNode()
                            : record.path("errors")) {
                        errors.add(new SalesforceRejected.SalesforceError(error.path("statusCode").asText(),
                                "record " + index + ": " + error.path("message").asText(),
                                texts(error.path("fields"))));
                    }
                }
            } else if (body.hasNonNull("id")) {
                created.put("@{" + result.getReferenceId() + ".id}", body.path("id").asText());
            }
        }
        List<SalesforceRejected.SalesforceError> causes = errors.stream()
                .filter(e -> !ROLLED_BACK.contains(e.errorCode())).toList();
        List<SalesforceRejected.SalesforceError> reasons = causes.isEmpty() ? errors : causes;
        if (reasons.isEmpty()) {
            return created;
        }
        String said = reasons.stream().map(e -> e.errorCode() + ": " + e.message()).collect(Collectors.joining("; "));
        if (passing || reasons.stream().anyMatch(e -> PASSING.contains(e.errorCode()))) {
            throw new SalesforceUnavailable("Salesforce did not complete the writes of one transaction, so none was"
                    + " made (" + said + ").", null);
        }
        throw new SalesforceRejected(400, reasons, "Salesforce refused a write of one transaction, so none was made ("
                + said + ").");
    }

    /** Every record the query matches, following {@code nextRecordsUrl} page by page. */
    public List<ObjectNode> query(String soql) {
        List<ObjectNode> records = new ArrayList<>();
        JsonNode page = call("GET", dataPath + "/query/", Map.of("q", soql), null);
        while (true) {
            page.path("records").forEach(r -> records.add((ObjectNode) r));
            if (page.path("done").asBoolean(true) || page.path("nextRecordsUrl").isMissingNode()) {
                return records;
            }
            page = call("GET", page.get("nextRecordsUrl").asText(), Map.of(), null);
        }
    }

    /** Every object of the org with its key prefix ({@code GET sobjects/}). */
    public JsonNode describeGlobal() {
        return call("GET", dataPath + "/sobjects/", Map.of(), null);
    }

    /** One object's fields ({@code GET sobjects/Obj/describe}). */
    public JsonNode describe(String sobject) {
        return call("GET", dataPath + "/sobjects/" + sobject + "/describe", Map.of(), null);
    }

    public String create(String sobject, Map<String, ?> fields) {
        return call("POST", dataPath + "/sobjects/" + sobject, Map.of(), fields).path("id").asText();
    }

    public void update(String sobject, String id, Map<String, ?> fields) {
        call("PATCH", dataPath + "/sobjects/" + sobject + "/" + id, Map.of(), fields);
    }

    /** Creates the records in collections of 200, all or none per collection; returns the new ids in input order. */
    public List<String> createAll(String sobject, List<? extends Map<String, ?>> records) {
        List<String> ids = new ArrayList<>(records.size());
        for (int from = 0; from < records.size(); from += COLLECTION_LIMIT) {
            List<? extends Map<String, ?>> chunk = records.subList(from, Math.min(records.size(), from + COLLECTION_LIMIT));
            ids.addAll(collectionIds(sobject, call("POST", dataPath + "/composite/sobjects", Map.of(),
                    collection(sobject, chunk, true))));
        }
        return ids;
    }

    /**
     * Upserts the records by an external id field in collections of 200. Each record succeeds or fails on its own:
     * one bad record does not hold back the others, and every failure is in the result.
     */
    public List<WriteResult> upsertAll(String sobject, String externalIdField, List<? extends Map<String, ?>> records) {
        return eachOnItsOwn("PATCH", "/composite/sobjects/" + sobject + "/" + externalIdField, sobject,
                externalIdField, records);
    }

    /** Updates the records (each with its {@code Id}) in collections of 200, each record on its own. */
    public List<WriteResult> updateAll(String sobject, List<? extends Map<String, ?>> records) {
        return eachOnItsOwn("PATCH", "/composite/sobjects", sobject, "Id", records);
    }

    /** The outcome of writing one record of a collection, named by its key. */
    public record WriteResult(String key, String id, boolean success, boolean created, List<String> errors) {
    }

    private List<WriteResult> eachOnItsOwn(String method, String path, String sobject, String keyField,
                                           List<? extends Map<String, ?>> records) {
        List<WriteResult> results = new ArrayList<>(records.size());
        for (int from = 0; from < records.size(); from += COLLECTION_LIMIT) {
            List<? extends Map<String, ?>> chunk = records.subList(from, Math.min(records.size(), from + COLLECTION_LIMIT));
            int index = 0;
            for (JsonNode result : call(method, dataPath + path, Map.of(), collection(sobject, chunk, false))) {
                List<String> errors = new ArrayList<>();
                result.path("errors").forEach(e -> errors.add(e.path("statusCode").asText() + ": "
                        + e.path("message").asText() + (e.path("fields").isEmpty() ? "" : " " + e.path("fields"))));
                results.add(new WriteResult(String.valueOf(chunk.get(index++).get(keyField)),
                        result.path("id").asText(null), result.path("success").asBoolean(),
                        result.path("created").asBoolean(false), errors));
            }
        }
        return results;
    }

    private ObjectNode collection(String sobject, List<? extends Map<String, ?>> records, boolean allOrNone) {
        ObjectNode body = json.createObjectNode().put("allOrNone", allOrNone);
        ArrayNode array = body.putArray("records");
        for (Map<String, ?> fields : records) {
            ObjectNode record = json.valueToTree(fields);
            record.putObject("attributes").put("type", sobject);
            array.add(record);
        }
        return body;
    }

    private List<String> collectionIds(String sobject, JsonNode results) {
        List<String> ids = new ArrayList<>();
        List<SalesforceRejected.SalesforceError> errors = new ArrayList<>();
        int index = 0;
        for (JsonNode result : results) {
            if (result.path("success").asBoolean()) {
                ids.add(result.path("id").asText());
            } else {
                for (JsonNode error : result.path("errors")) {
                    errors.add(new SalesforceRejected.SalesforceError(error.path("statusCode").asText(),
                            "record " + (index + 1) + ": " + error.path("message").asText(), texts(error.path("fields"))));
                }
            }
            index++;
        }
        if (!errors.isEmpty()) {
            throw new SalesforceRejected(400, errors, "Salesforce refused to write " + sobject + ": "
                    + errors.stream().map(SalesforceRejected.SalesforceError::message).toList());
        }
        return ids;
    }

    /**
     * The bytes of a binary resource, such as a ContentVersion's {@code VersionData}: {@code path} as a query returned
     * it ({@code /services/data/vXX.X/sobjects/ContentVersion/<id>/VersionData}) or relative to the API version
     * ({@code /sobjects/...}). camel-salesforce buffers the whole response, up to its {@code http-max-content-length}.
     */
    public byte[] download(String path) {
        String fullPath = path.startsWith("/services/") ? path : dataPath + path;
        Exchange exchange = send("GET", fullPath, Map.of(), null, Map.of("rawHttpHeaders", "Accept", "Accept", "*/*"));
        try (InputStream in = exchange.getMessage().getBody(InputStream.class)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new SalesforceUnavailable("Salesforce sent an unreadable download of " + path, e);
        }
    }

    private JsonNode call(String method, String path, Map<String, String> queryParameters, Object body) {
        return readJson(send(method, path, queryParameters, body, Map.of()).getMessage().getBody(InputStream.class));
    }

    private Exchange send(String method, String path, Map<String, String> queryParameters, Object body,
                          Map<String, String> extraHeaders) {
        Map<String, Object> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("rawMethod", method);
        headers.put("rawPath", path);
        if (!queryParameters.isEmpty()) {
            headers.put("rawQueryParameters", String.join(",", queryParameters.keySet()));
            headers.putAll(queryParameters);
        }
        Exchange exchange = producer.send(ENDPOINT, ex -> {
            ex.getIn().setHeaders(headers);
            ex.getIn().setBody(body == null ? null : toJson(body));
        });
        apiUsage.called(method, path, exchange);
        if (exchange.getException() != null) {
            throw translate(method, path, exchange.getException());
        }
        return exchange;
    }

    private RuntimeException translate(String method, String path, Exception failure) {
        String call = method + " " + path.replace(dataPath, "");
        if (!(failure instanceof SalesforceException sf) || sf.getStatusCode() == 0) {
            return new SalesforceUnavailable("Salesforce could not be reached for " + call + " ("
                    + firstCause(failure) + ").", failure);
        }
        List<SalesforceRejected.SalesforceError> errors = parseErrors(sf.getMessage());
        String said = errors.stream().map(e -> e.errorCode() + ": " + e.message()).collect(Collectors.joining("; "));
        // REQUEST_LIMIT_EXCEEDED (403) and UNABLE_TO_LOCK_ROW (400) are 4xx that pass with time, as in a transaction.
        boolean passes = errors.stream().anyMatch(e -> PASSING.contains(e.errorCode()));
        if (sf.getStatusCode() >= 400 && sf.getStatusCode() < 500 && !passes && sf.getStatusCode() != 429) {
            return new SalesforceRejected(sf.getStatusCode(), errors, "Salesforce refused " + call + " (" + said + ").");
        }
        return new SalesforceUnavailable("Salesforce did not complete " + call + " (HTTP " + sf.getStatusCode() + " "
                + said + ").", failure);
    }

    /**
     * What went wrong on the wire (a timeout, a reset connection), rather than camel-salesforce's wrapper of it
     * ("Unexpected error {0:null} executing {PATCH:...}"), which names neither.
     */
    private static String firstCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root == failure) {
            return String.valueOf(failure.getMessage());
        }
        if (root instanceof java.io.EOFException) {
            // Jetty's message is a dump of the connection's state.
            return "the connection closed before Salesforce answered";
        }
        String said = root.getMessage();
        return said == null || said.length() > 200 ? root.getClass().getSimpleName() : said;
    }

    private List<SalesforceRejected.SalesforceError> parseErrors(String body) {
        List<SalesforceRejected.SalesforceError> errors = new ArrayList<>();
        try {
            JsonNode node = json.readTree(body);
            for (JsonNode error : node.isArray() ? node : json.createArrayNode().add(node)) {
                errors.add(new SalesforceRejected.SalesforceError(error.path("errorCode").asText(),
                        error.path("message").asText(), texts(error.path("fields"))));
            }
        } catch (IOException | RuntimeException notJson) {
            errors.add(new SalesforceRejected.SalesforceError("UNKNOWN", String.valueOf(body), List.of()));
        }
        return errors;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write record as JSON", e);
        }
    }

    private JsonNode readJson(InputStream in) {
        if (in == null) {
            return json.createObjectNode();
        }
        try (in) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        } catch (IOException e) {
            throw new SalesforceUnavailable("Salesforce sent an unreadable response", e);
        }
    }
}
