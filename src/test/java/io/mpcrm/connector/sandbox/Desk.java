package io.mpcrm.connector.sandbox;

import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrgRestClient;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.awaitility.Awaitility;

/**
 * A person pressing the connector's buttons in the sandbox org, and waiting for the outcome. A button's screen flow
 * creates a {@code Marketplace_Request__c} as the user who pressed it (flows started from a quick action run in that
 * user's context: their permission sets and sharing), the connector takes it up and ends it Succeeded or Failed; the
 * user reads the request's fields. This is the one way the tests press a button.
 */
public final class Desk {

    public static final String REQUEST = "Marketplace_Request__c";
    private static final Set<String> ENDED = Set.of("Succeeded", "Failed");
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private final BiFunction<String, Map<String, Object>, String> create;
    private final Function<String, Map<String, Object>> read;

    private Desk(BiFunction<String, Map<String, Object>, String> create, Function<String, Map<String, Object>> read) {
        this.create = create;
        this.read = read;
    }

    /**
     * Presses over the org's REST API, each as the user who presses (one session per user, as
     * {@link SandboxOrgRestClient#forUser} opens it); reads the requests with {@code reader}.
     */
    public static Desk overRest(SandboxOrg org, SandboxOrgRestClient reader) {
        Map<String, SandboxOrgRestClient> sessions = new ConcurrentHashMap<>();
        return new Desk((user, fields) -> sessions.computeIfAbsent(user, u -> SandboxOrgRestClient.forUser(org, u))
                .create(REQUEST, fields), id -> reader.get(REQUEST, id));
    }

    /**
     * Presses and reads straight in the org's store, as the user and with the same validation as REST, but with no
     * API call: none is counted (the benchmarks count only the connector's calls) and no fault injected into the
     * org's API touches the press (the chaos run's faults are meant for the connector).
     */
    public static Desk inStore(SandboxOrg org) {
        return new Desk((user, fields) -> org.insertAs(user, REQUEST, fields), id -> org.get(REQUEST, id));
    }

    /**
     * The fields a button's flow sets: the action, the seller account, the record pressed on (the seller account
     * itself when {@code target} is null) and the flow's input (left out when null).
     */
    public static Map<String, Object> request(String action, String sellerAccount, String target, String input) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("Action__c", action);
        fields.put("Seller_Account__c", sellerAccount);
        fields.put("Target_Record_Id__c", target == null ? sellerAccount : target);
        if (input != null) {
            fields.put("Input__c", input);
        }
        return fields;
    }

    /** {@code user} presses a button whose flow sets these fields; returns the request's id. */
    public String press(String user, Map<String, ?> fields) {
        return create.apply(user, new HashMap<>(fields));
    }

    /** {@code user} presses the button of {@code action} on {@code target}; returns the request's id. */
    public String press(String user, String action, String sellerAccount, String target, String input) {
        return press(user, request(action, sellerAccount, target, input));
    }

    /** Presses and waits for the request to end; returns its fields. */
    public Map<String, Object> pressAndAwait(String user, Map<String, ?> fields) {
        return awaitEnded(press(user, fields));
    }

    /** Waits (up to two minutes) for the request to end, Succeeded or Failed; returns its fields. */
    public Map<String, Object> awaitEnded(String request) {
        return awaitEnded(request, PATIENCE);
    }

    public Map<String, Object> awaitEnded(String request, Duration atMost) {
        return Awaitility.await("request " + request + " to end").atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> read.apply(request), r -> r != null && ENDED.contains(r.get("Status__c")));
    }

    /**
     * Waits until every request has ended; returns how many ended in each status. Each is read by id, and one that
     * has ended is not read again.
     */
    public Map<String, Integer> awaitAllEnded(Collection<String> requests, Duration atMost) {
        Set<String> open = new HashSet<>(requests);
        Awaitility.await(requests.size() + " requests to end").atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    open.removeIf(r -> ENDED.contains(status(r)));
                    return open.isEmpty();
                });
        Map<String, Integer> statuses = new HashMap<>();
        requests.forEach(r -> statuses.merge(status(r), 1, Integer::sum));
        return statuses;
    }

    private String status(String request) {
        Map<String, Object> r = read.apply(request);
        return r == null ? null : String.valueOf(r.get("Status__c"));
    }
}
