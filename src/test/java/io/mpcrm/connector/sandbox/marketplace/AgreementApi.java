package io.mpcrm.connector.sandbox.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The Agreement API (awsJson1_0, camelCase, epoch-second timestamps): seller-side read operations. */
final class AgreementApi {

    static final String TARGET_PREFIX = "AWSMPCommerceService_v20200301.";
    static final Set<String> STATUSES = Set.of("ACTIVE", "ARCHIVED", "CANCELLED", "EXPIRED", "RENEWED", "REPLACED",
            "ROLLED_BACK", "SUPERSEDED", "TERMINATED");
    private static final Set<String> FILTER_NAMES = Set.of("PartyType", "AgreementType", "ResourceIdentifier",
            "ResourceType", "AcceptorAccountId", "OfferId", "Status", "BeforeEndTime", "AfterEndTime");

    /** The filter sets allowed after PartyType=Proposer + AgreementType (end-time filters may be added to any). */
    private static final Set<Set<String>> COMBOS = Set.of(
            Set.of(),
            Set.of("ResourceIdentifier"), Set.of("OfferId"), Set.of("AcceptorAccountId"), Set.of("Status"),
            Set.of("ResourceIdentifier", "Status"), Set.of("OfferId", "Status"), Set.of("AcceptorAccountId", "Status"),
            Set.of("ResourceType", "Status"),
            Set.of("AcceptorAccountId", "ResourceType"), Set.of("AcceptorAccountId", "ResourceType", "Status"),
            Set.of("AcceptorAccountId", "OfferId"), Set.of("AcceptorAccountId", "OfferId", "Status"),
            Set.of("AcceptorAccountId", "ResourceIdentifier"),
            Set.of("AcceptorAccountId", "ResourceIdentifier", "Status"));

    /** An agreement: {@code view} is the DescribeAgreement body (status kept current), terms are AcceptedTerm unions. */
    static final class StoredAgreement {
        final String id;
        final String proposer;
        final ObjectNode view;
        final List<ObjectNode> terms;

        StoredAgreement(String id, String proposer, ObjectNode view, List<ObjectNode> terms) {
            this.id = id;
            this.proposer = proposer;
            this.view = view;
            this.terms = terms;
        }

        synchronized ObjectNode snapshot() {
            return view.deepCopy();
        }

        synchronized String get(String field) {
            JsonNode v = view.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }

        synchronized void status(String status) {
            view.put("status", status);
        }

        synchronized long time(String field) {
            JsonNode v = view.get(field);
            return v == null || v.isNull() ? Long.MIN_VALUE : v.asLong();
        }
    }

    final Map<String, StoredAgreement> agreements = new ConcurrentHashMap<>();

    ObjectNode handle(String op, String account, JsonNode body) {
        return switch (op) {
            case "SearchAgreements" -> search(account, body);
            case "DescribeAgreement" -> describe(account, body);
            case "GetAgreementTerms" -> terms(account, body);
            default -> throw new ApiError(400, "UnknownOperationException", "The sandbox does not serve " + op);
        };
    }

    private static ApiError invalid(String reason, String message) {
        return new ApiError(400, "ValidationException", message).with("reason", reason);
    }

    private static int maxResults(JsonNode body) {
        int max = body.hasNonNull("maxResults") ? body.get("maxResults").asInt() : 50;
        if (max < 1 || max > 50) {
            throw invalid("INVALID_MAX_RESULTS", "maxResults must be between 1 and 50");
        }
        return max;
    }

    private int pageStart(JsonNode body, String queryKey, int size) {
        if (!body.hasNonNull("nextToken")) {
            return 0;
        }
        int from = Json.offset(body.get("nextToken").asText(), queryKey);
        if (from < 0 || from > size) {
            throw invalid("INVALID_NEXT_TOKEN", "The nextToken is invalid");
        }
        return from;
    }

    private ObjectNode search(String account, JsonNode body) {
        if (!"AWSMarketplace".equals(body.path("catalog").asText(null))) {
            throw invalid("INVALID_CATALOG", "catalog must be AWSMarketplace");
        }
        Map<String, String> filters = new LinkedHashMap<>();
        JsonNode list = body.get("filters");
        if (list == null || !list.isArray() || list.size() < 1 || list.size() > 10) {
            throw invalid("UNSUPPORTED_FILTERS", "filters must hold 1 to 10 filters");
        }
        for (JsonNode f : list) {
            String name = f.path("name").asText(null);
            if (name == null || !FILTER_NAMES.contains(name)) {
                throw invalid("INVALID_FILTER_NAME", "Unknown filter name " + name);
            }
            JsonNode values = f.get("values");
            if (values == null || values.size() != 1) {
                throw invalid("INVALID_FILTER_VALUES", "Filter " + name + " takes exactly one value");
            }
            String value = values.get(0).asText();
            if (!value.matches("^[A-Za-z0-9+:_-]{1,64}$")) {
                throw invalid("INVALID_FILTER_VALUES", "Filter " + name + " has an invalid value");
            }
            if (filters.put(name, value) != null) {
                throw invalid("UNSUPPORTED_FILTERS", "Filter " + name + " given twice");
            }
        }
        if (!"Proposer".equals(filters.get("PartyType")) || !filters.containsKey("AgreementType")) {
            throw invalid("UNSUPPORTED_FILTERS", "Searches must filter on PartyType=Proposer and AgreementType");
        }
        Set<String> rest = new TreeSet<>(filters.keySet());
        rest.removeAll(Set.of("PartyType", "AgreementType", "BeforeEndTime", "AfterEndTime"));
        if (!COMBOS.contains(rest)) {
            throw invalid("UNSUPPORTED_FILTERS", "Unsupported filter combination " + filters.keySet());
        }
        if (filters.containsKey("Status") && !STATUSES.contains(filters.get("Status"))) {
            throw invalid("INVALID_FILTER_VALUES", "Unknown status " + filters.get("Status"));
        }
        long before = endTime(filters.get("BeforeEndTime"));
        long after = endTime(filters.get("AfterEndTime"));

        JsonNode sort = body.get("sort");
        String sortBy = sort != null && sort.hasNonNull("sortBy") ? sort.get("sortBy").asText() : "EndTime";
        if (!sortBy.equals("EndTime") && !sortBy.equals("StartTime")) {
            throw invalid("INVALID_SORT_BY", "sortBy must be StartTime or EndTime");
        }
        String sortOrder = sort != null && sort.hasNonNull("sortOrder") ? sort.get("sortOrder").asText() : "DESCENDING";
        if (!sortOrder.equals("ASCENDING") && !sortOrder.equals("DESCENDING")) {
            throw invalid("INVALID_SORT_ORDER", "sortOrder must be ASCENDING or DESCENDING");
        }
        int max = maxResults(body);

        List<StoredAgreement> matches = new ArrayList<>();
        for (StoredAgreement a : agreements.values()) {
            if (!a.proposer.equals(account)) {
                continue;
            }
            ObjectNode v = a.view;
            synchronized (a) {
                if (!filters.get("AgreementType").equals(v.path("agreementType").asText())
                        || !eq(filters, "Status", v.path("status").asText())
                        || !eq(filters, "AcceptorAccountId", v.path("acceptor").path("accountId").asText())
                        || !eq(filters, "OfferId", v.path("proposalSummary").path("offerId").asText())) {
                    continue;
                }
                JsonNode resource = v.path("proposalSummary").path("resources").path(0);
                if (!eq(filters, "ResourceIdentifier", resource.path("id").asText())
                        || !eq(filters, "ResourceType", resource.path("type").asText())) {
                    continue;
                }
                long end = v.hasNonNull("endTime") ? v.get("endTime").asLong() : Long.MAX_VALUE;
                if ((before != Long.MIN_VALUE && end >= before) || (after != Long.MIN_VALUE && end <= after)) {
                    continue;
                }
            }
            matches.add(a);
        }
        String field = sortBy.equals("EndTime") ? "endTime" : "startTime";
        Comparator<StoredAgreement> order = Comparator.comparingLong(a -> {
            long t = a.time(field);
            return t == Long.MIN_VALUE ? Long.MAX_VALUE : t;
        });
        if (sortOrder.equals("DESCENDING")) {
            order = order.reversed();
        }
        matches.sort(order.thenComparing(a -> a.id));
        String queryKey = account + "|" + filters + "|" + sortBy + sortOrder;
        int from = pageStart(body, queryKey, matches.size());
        ObjectNode out = Json.object();
        ArrayNode summaries = out.putArray("agreementViewSummaries");
        for (int i = from; i < Math.min(matches.size(), from + max); i++) {
            ObjectNode s = matches.get(i).snapshot();
            s.remove("estimatedCharges");
            summaries.add(s);
        }
        if (from + max < matches.size()) {
            out.put("nextToken", Json.token(queryKey, from + max));
        }
        return out;
    }

    private static boolean eq(Map<String, String> filters, String name, String actual) {
        return !filters.containsKey(name) || filters.get(name).equals(actual);
    }

    private static long endTime(String value) {
        if (value == null) {
            return Long.MIN_VALUE;
        }
        java.time.Instant t = Json.parseInstant(value);
        if (t == null) {
            throw invalid("INVALID_FILTER_VALUES", "End-time filters take YYYY-MM-DDTHH:MM:SSZ");
        }
        return t.getEpochSecond();
    }

    private StoredAgreement own(String account, JsonNode body) {
        String id = body.path("agreementId").asText(null);
        if (id == null || id.isEmpty()) {
            throw invalid("MISSING_AGREEMENT_ID", "agreementId is required");
        }
        if (!id.matches("^[A-Za-z0-9_/-]{1,64}$")) {
            throw invalid("INVALID_AGREEMENT_ID", "agreementId is not valid");
        }
        StoredAgreement a = agreements.get(id);
        if (a == null || !a.proposer.equals(account)) {
            throw new ApiError(400, "ResourceNotFoundException", "Agreement " + id + " not found")
                    .with("resourceId", id).with("resourceType", "Agreement");
        }
        return a;
    }

    private ObjectNode describe(String account, JsonNode body) {
        return own(account, body).snapshot();
    }

    private ObjectNode terms(String account, JsonNode body) {
        StoredAgreement a = own(account, body);
        int max = maxResults(body);
        String queryKey = "terms|" + a.id;
        int from = pageStart(body, queryKey, a.terms.size());
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("acceptedTerms");
        for (int i = from; i < Math.min(a.terms.size(), from + max); i++) {
            list.add(a.terms.get(i).deepCopy());
        }
        if (from + max < a.terms.size()) {
            out.put("nextToken", Json.token(queryKey, from + max));
        }
        return out;
    }
}
