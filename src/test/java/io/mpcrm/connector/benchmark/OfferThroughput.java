package io.mpcrm.connector.benchmark;

import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Row 1: sellers press Create Offer on many offers at once; the connector should start their change sets at the
 * StartChangeSet quota of each seller account, and never be throttled.
 */
final class OfferThroughput {

    /**
     * @param rate accepted StartChangeSet calls per second, all accounts together
     * @param starts when each change set started, in order
     */
    record Result(int offers, double rate, long throttled, Map<String, Integer> outcomes, List<Instant> starts,
                  CallCounts calls) {
    }

    private OfferThroughput() {
    }

    /** Presses Create Offer on every offer (offers by AWS account), interleaving the accounts, and waits for all. */
    static Result createAll(BenchmarkSeller desk, MarketplaceSandbox marketplace, Map<String, List<String>> offersByAccount)
            throws InterruptedException {
        List<String> accounts = List.copyOf(offersByAccount.keySet());
        CallCounts before = CallCounts.now(marketplace, desk.org(), accounts.toArray(String[]::new));
        long throttledBefore = throttled(marketplace, accounts);
        List<String> requests = new ArrayList<>();
        int most = offersByAccount.values().stream().mapToInt(List::size).max().orElse(0);
        try (StartChangeSetClock clock = new StartChangeSetClock(marketplace, accounts)) {
            for (int i = 0; i < most; i++) {
                for (String account : accounts) {
                    List<String> offers = offersByAccount.get(account);
                    if (i < offers.size()) {
                        requests.add(desk.press("CREATE_OFFER", desk.sellerAccount(account), offers.get(i)));
                    }
                }
            }
            Map<String, Integer> outcomes = desk.awaitFinished(requests, Duration.ofMinutes(30));
            clock.close();
            return new Result(requests.size(), clock.rate(), throttled(marketplace, accounts) - throttledBefore,
                    outcomes, clock.starts(),
                    CallCounts.now(marketplace, desk.org(), accounts.toArray(String[]::new)).since(before));
        }
    }

    private static long throttled(MarketplaceSandbox marketplace, List<String> accounts) {
        return accounts.stream().mapToLong(a -> marketplace.throttledCounts(a).values().stream()
                .mapToLong(Long::longValue).sum()).sum();
    }
}
