package io.mpcrm.connector.benchmark;

import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Row 5: requests arrive at a steady rate and the sandboxes answer at once; the time from a request's insert to its
 * outcome written back is then the connector's own (plus the in-process sandboxes' work, which shares the CPU).
 * Validate Offer is used: it reads the offer, its rates and product, validates, builds the change set and writes the
 * outcome, and stays clear of the StartChangeSet quota, so the rate measures the connector and not the quota.
 */
final class ConnectorOverhead {

    /**
     * @param claimP50Millis from insert to the connector's claim (the event's way to the connector and the claim)
     * @param cpuMillisPerRequest CPU of the whole JVM per request
     * @param sandboxCpuMillisPerRequest the part of it spent on the sandboxes' own threads
     */
    record Result(int requests, double perSecond, long p50Millis, long p99Millis, long claimP50Millis,
                  long claimP99Millis, double cpuMillisPerRequest,
                  double sandboxCpuMillisPerRequest, Map<String, Integer> outcomes) {
    }

    private ConnectorOverhead() {
    }

    static Result validateAtRate(BenchmarkSeller desk, MarketplaceSandbox marketplace, String accountId,
                                 List<String> offers, double perSecond) {
        String sellerAccount = desk.sellerAccount(accountId);
        marketplace.setLatency(Duration.ZERO);
        long cpuBefore = processCpuNanos();
        Map<Long, Long> sandboxBefore = sandboxThreadCpu();
        long interval = (long) (1_000_000_000L / perSecond);
        long next = System.nanoTime();
        List<String> requests = new ArrayList<>();
        for (String offer : offers) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += interval;
            requests.add(desk.press("VALIDATE_OFFER", sellerAccount, offer));
        }
        Map<String, Integer> outcomes = desk.awaitFinished(requests, Duration.ofMinutes(10));
        long cpu = processCpuNanos() - cpuBefore;
        long sandboxCpu = 0;
        for (var thread : sandboxThreadCpu().entrySet()) {
            sandboxCpu += thread.getValue() - sandboxBefore.getOrDefault(thread.getKey(), 0L);
        }
        List<Long> latencies = new ArrayList<>();
        List<Long> waits = new ArrayList<>();
        for (String request : requests) {
            var times = desk.insertedAndFinished(request);
            latencies.add(Duration.between(times[0], times[1]).toMillis());
            waits.add(Duration.between(times[0], times[2]).toMillis());
        }
        Collections.sort(latencies);
        Collections.sort(waits);
        return new Result(requests.size(), perSecond, percentile(latencies, 50), percentile(latencies, 99),
                percentile(waits, 50), percentile(waits, 99), cpu / 1e6 / requests.size(), sandboxCpu / 1e6 / requests.size(), outcomes);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time so far of each thread the sandboxes serve on (the org's HTTP and Pub/Sub, the Marketplace's). */
    private static Map<Long, Long> sandboxThreadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("sandbox-")
                    || info.getThreadName().startsWith("marketplace-sandbox"))) {
                cpu.put(info.getThreadId(), threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return cpu;
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
