package io.mpcrm.connector.benchmark;

import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Rows 2 and 3: a seller presses Refresh Agreements on an account with many agreements, first with none of them in
 * Salesforce (cold), then again with nothing changed (warm).
 */
final class AgreementRefresh {

    /** Agreements per SearchAgreements page (the API's largest page). */
    static final int SEARCH_PAGE = 50;
    /** Every request reads itself when claimed, marks itself Processing, checks the user's access and records its end. */
    static final int REQUEST_LIFECYCLE_CALLS = 4;
    /** The Agreement API operations a refresh uses. */
    static final List<String> OPERATIONS = List.of("SearchAgreements", "DescribeAgreement", "GetAgreementTerms");

    /**
     * @param wall from the request's insert to its outcome written back
     * @param quotaBound the least time the calls made can take at the quotas: the busiest operation's calls divided
     *        by its rate (operations run side by side)
     */
    record Result(String status, String result, Duration wall, Duration quotaBound, CallCounts calls) {
    }

    private AgreementRefresh() {
    }

    static Result refresh(BenchmarkSeller desk, MarketplaceSandbox marketplace, String accountId,
                          Map<String, Double> ratesPerSecond) {
        String sellerAccount = desk.sellerAccount(accountId);
        CallCounts before = CallCounts.now(marketplace, desk.org(), accountId);
        String request = desk.press("REFRESH_AGREEMENTS", sellerAccount, sellerAccount);
        desk.awaitFinished(List.of(request), Duration.ofMinutes(60));
        CallCounts calls = CallCounts.now(marketplace, desk.org(), accountId).since(before);
        Map<String, Object> record = desk.org().get("Marketplace_Request__c", request);
        var times = desk.insertedAndFinished(request);
        double boundSeconds = OPERATIONS.stream()
                .mapToDouble(op -> calls.marketplace(op) / ratesPerSecond.get(op)).max().orElse(0);
        return new Result(String.valueOf(record.get("Status__c")),
                String.valueOf(record.get("Status__c").equals("Succeeded") ? record.get("Result__c")
                        : record.get("Error__c")),
                Duration.between(times[0], times[1]), Duration.ofMillis((long) (boundSeconds * 1000)), calls);
    }

    /** The Salesforce budget of a cold refresh: one collection per 200 agreements, and five calls besides. */
    static long salesforceBudget(int agreements) {
        return ceil(agreements, 200) + 5;
    }

    /** The Marketplace budget of a warm refresh: the search pages, and five calls besides. */
    static long warmMarketplaceBudget(int agreements) {
        return ceil(agreements, SEARCH_PAGE) + 5;
    }

    static long ceil(long n, long per) {
        return (n + per - 1) / per;
    }
}
