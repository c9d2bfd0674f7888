package io.mpcrm.connector.benchmark;

import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Calls counted by the sandboxes between two moments: the Marketplace's per seller account and operation, and the
 * org's per kind of REST call ({@code query}, {@code update}, {@code collections.upsert} ...).
 */
record CallCounts(Map<String, Long> marketplace, Map<String, Long> salesforce) {

    private static final Set<String> SALESFORCE_READS = Set.of("query", "queryAll", "get", "describe", "download",
            "queryMore", "collections.retrieve", "resources", "limits");

    /** What the sandboxes have counted so far for these accounts. */
    static CallCounts now(MarketplaceSandbox marketplace, SandboxOrg org, String... accounts) {
        Map<String, Long> aws = new TreeMap<>();
        for (String account : accounts) {
            marketplace.callCounts(account).forEach((operation, n) -> aws.merge(operation, n, Long::sum));
        }
        return new CallCounts(aws, new TreeMap<>(org.callCounts()));
    }

    /** The calls made since {@code before}. */
    CallCounts since(CallCounts before) {
        return new CallCounts(minus(marketplace, before.marketplace), minus(salesforce, before.salesforce));
    }

    long marketplaceTotal() {
        return marketplace.values().stream().mapToLong(Long::longValue).sum();
    }

    long marketplace(String operation) {
        return marketplace.getOrDefault(operation, 0L);
    }

    long salesforceTotal() {
        return salesforce.entrySet().stream().filter(e -> !e.getKey().equals("login"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Creates, updates, upserts and deletes, one by one or in collections. */
    long salesforceWrites() {
        return salesforce.entrySet().stream()
                .filter(e -> !SALESFORCE_READS.contains(e.getKey()) && !e.getKey().equals("login"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    long salesforce(String kind) {
        return salesforce.getOrDefault(kind, 0L);
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }
}
