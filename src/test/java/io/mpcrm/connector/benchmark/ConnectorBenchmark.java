package io.mpcrm.connector.benchmark;

import io.mpcrm.connector.ConnectorApplication;
import io.mpcrm.connector.marketplace.AwsSettings;
import io.mpcrm.connector.changeset.ChangeSetStatusTracker;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.SandboxSalesforce;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How close the connector runs to the APIs' limits, in one table: the connector against the in-process sandboxes,
 * quotas enforced on both sides (scaled, and the scale printed), a per-call latency on the Marketplace sandbox.
 *
 * <pre>mvn -B spring-boot:test-run -Dspring-boot.run.main-class=io.mpcrm.connector.benchmark.ConnectorBenchmark \
 *     -Dspring-boot.run.arguments="offers=500 agreements=10000"</pre>
 * Arguments (name=value, all optional): {@code offers} (500) Create Offer requests for one seller account, then half
 * as many on each of two; {@code offer-scale} (2) multiplies the Catalog API quotas; {@code agreements} (10000) for
 * the refresh rows; {@code refresh-seconds} (60) sets the Agreement API scale so the cold refresh takes about that;
 * {@code latency} (20, ms) added by the Marketplace sandbox to every call; {@code overhead-rate} (50) requests per
 * second for row 5, for 10 seconds, after {@code overhead-warmup} (10) seconds of the same that are reported apart; {@code rows} (offers,refresh,overhead,startup) which groups of rows to run:
 * offers (rows 1 and 4), refresh (2 and 3), overhead (5), startup (6, in child processes); {@code jvm-options}
 * (none) for row 6's JVMs, comma-separated; {@code memory} (chart) the memory row 6's JVMs size themselves by: the
 * chart's container limit, or {@code host}.
 */
public final class ConnectorBenchmark {

    /** Seller accounts of the offer rows (two), and of the refresh rows. */
    static final String FIRST_SELLER = SandboxMarketplace.TRACKED_SELLER;
    static final String SECOND_SELLER = SandboxMarketplace.BULK_SELLER;
    static final String REFRESH_SELLER = SandboxMarketplace.BENCHMARK_SELLER;
    private static final List<String> AGREEMENT_OPERATIONS = AgreementRefresh.OPERATIONS;
    /** Change sets stay open this long (sandbox time), so that row 4 finds every one of them still running. */
    private static final Duration PREPARING = Duration.ofSeconds(1);
    private static final Duration APPLYING = Duration.ofHours(3);

    private ConnectorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int offers = Integer.parseInt(options.getOrDefault("offers", "500"));
        double offerScale = Double.parseDouble(options.getOrDefault("offer-scale", "2"));
        int agreements = Integer.parseInt(options.getOrDefault("agreements", "10000"));
        double refreshSeconds = Double.parseDouble(options.getOrDefault("refresh-seconds", "60"));
        double agreementScale = agreements / (AwsSettings.DOCUMENTED_RATES.get("DescribeAgreement") * refreshSeconds);
        Duration latency = Duration.ofMillis(Long.parseLong(options.getOrDefault("latency", "20")));
        double overheadRate = Double.parseDouble(options.getOrDefault("overhead-rate", "50"));
        int overheadWarmup = Integer.parseInt(options.getOrDefault("overhead-warmup", "10"));
        List<String> groups = List.of(options.getOrDefault("rows", "offers,refresh,overhead,startup").split(","));

        SandboxOrg org = SandboxSalesforce.org();
        MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
        Map<String, Double> rates = scaledRates(offerScale, agreementScale);
        marketplace.setQuotaScale(1);
        MarketplaceSandbox.DEFAULT_QUOTAS.keySet().forEach(op -> marketplace.setQuota(op, rates.get(op)));
        marketplace.setChangeSetDelays(PREPARING, APPLYING);
        marketplace.setLatency(latency);

        BenchmarkTable table = new BenchmarkTable();
        if (groups.contains("startup")) {
            // Row 6 first: its connectors start against sandboxes not yet filled by the other rows, and no connector
            // runs in this JVM meanwhile.
            StartupFootprint.measure(table, Stream.of(options.getOrDefault("jvm-options", "").split(","))
                    .filter(o -> !o.isBlank()).toList(), "host".equals(options.get("memory")) ? null
                    : ChartContainer.defaults());
        }
        ConfigurableApplicationContext connector = start(rates);
        CamelContext camel = connector.getBean(CamelContext.class);
        ChangeSetStatusTracker tracker = connector.getBean(ChangeSetStatusTracker.class);
        BenchmarkSeller desk = new BenchmarkSeller(org, marketplace);
        table.note(String.format(Locale.ROOT, "Quotas enforced by the sandbox and paced by the connector: Catalog API"
                + " x%.1f (StartChangeSet %.0f/s), Agreement API x%.1f (%.0f/s per operation); Marketplace latency"
                + " %d ms per call; sandboxes in the same JVM on %d cores.", offerScale, rates.get("StartChangeSet"),
                agreementScale, rates.get("DescribeAgreement"), latency.toMillis(),
                Runtime.getRuntime().availableProcessors()));

        String firstProduct = desk.syncedProduct(FIRST_SELLER);
        if (groups.contains("offers")) {
            offerRows(table, desk, marketplace, camel, tracker, firstProduct, offers, rates.get("StartChangeSet"));
        }
        if (groups.contains("refresh")) {
            refreshRows(table, desk, marketplace, camel, agreements, agreementScale, rates);
        }
        if (groups.contains("overhead")) {
            // Row 5: zero-latency sandboxes, requests at a steady rate; first as long again unmeasured, so that the
            // figures are those of a connector that has run for a while (compiled code, filled pools), as in production.
            ConnectorOverhead.Result first = overheadWarmup <= 0 ? null : ConnectorOverhead.validateAtRate(desk,
                    marketplace, FIRST_SELLER, desk.offers(FIRST_SELLER, firstProduct,
                            (int) (overheadRate * overheadWarmup)), overheadRate);
            List<String> validated = desk.offers(FIRST_SELLER, firstProduct, (int) (overheadRate * 10));
            ConnectorOverhead.Result overhead = ConnectorOverhead.validateAtRate(desk, marketplace, FIRST_SELLER,
                    validated, overheadRate);
            addOverhead(table, overhead, first, overheadWarmup);
        }
        connector.close();
        System.out.printf("%n%s%n", table.render());
        org.close();
        System.exit(0);
    }

    /** Rows 1 and 4: one seller account, then two at once; then the tracker follows all those change sets. */
    private static void offerRows(BenchmarkTable table, BenchmarkSeller desk, MarketplaceSandbox marketplace,
                                  CamelContext camel, ChangeSetStatusTracker tracker, String firstProduct, int offers,
                                  double quota) throws Exception {
        String secondProduct = desk.syncedProduct(SECOND_SELLER);
        List<String> firstOffers = desk.offers(FIRST_SELLER, firstProduct, offers);
        List<String> moreOffers = desk.offers(FIRST_SELLER, firstProduct, offers / 2);
        List<String> secondOffers = desk.offers(SECOND_SELLER, secondProduct, offers / 2);
        OfferThroughput.Result one = OfferThroughput.createAll(desk, marketplace, Map.of(FIRST_SELLER, firstOffers));
        addThroughput(table, "1. Offer throughput, 1 account", one, quota);
        OfferThroughput.Result two = OfferThroughput.createAll(desk, marketplace,
                orderedMap(FIRST_SELLER, moreOffers, SECOND_SELLER, secondOffers));
        addThroughput(table, "1. Offer throughput, 2 accounts", two, 2 * quota);
        table.note("Row 1 Salesforce calls per Create Offer: " + String.format(Locale.ROOT, "%.1f",
                (double) one.calls().salesforceTotal() / one.offers()) + " " + one.calls().salesforce()
                + "; Marketplace: " + one.calls().marketplace() + "; outcomes " + one.outcomes() + ", "
                + two.outcomes());

        // Row 4 counts calls: nothing else may run meanwhile.
        camel.getRouteController().stopRoute("request-sweep");
        camel.getRouteController().stopRoute("offer-status-tracker");
        // Row 4: every change set started in row 1 is open; a few end between cycles.
        List<Instant> starts = new ArrayList<>(one.starts());
        starts.addAll(two.starts());
        int cycles = 3;
        List<StatusTracking.Cycle> tracked = StatusTracking.follow(desk, marketplace, tracker,
                List.of(FIRST_SELLER, SECOND_SELLER), starts, PREPARING.plus(APPLYING), 10, cycles);
        addTracking(table, starts.size(), tracked);
        camel.getRouteController().startRoute("request-sweep");
    }

    /** Rows 2 and 3: cold, then warm refresh, with the sweep paused so that only the refresh's calls are counted. */
    private static void refreshRows(BenchmarkTable table, BenchmarkSeller desk, MarketplaceSandbox marketplace,
                                    CamelContext camel, int agreements, double agreementScale,
                                    Map<String, Double> rates) throws Exception {
        camel.getRouteController().stopRoute("request-sweep");
        camel.getRouteController().stopRoute("offer-status-tracker");
        marketplace.generateAgreements(REFRESH_SELLER, agreements, new Random(7));
        AgreementRefresh.Result cold = AgreementRefresh.refresh(desk, marketplace, REFRESH_SELLER, rates);
        addColdRefresh(table, agreements, agreementScale, cold);
        AgreementRefresh.Result warm = AgreementRefresh.refresh(desk, marketplace, REFRESH_SELLER, rates);
        addWarmRefresh(table, agreements, warm);
        camel.getRouteController().startRoute("request-sweep");
    }

    private static ConfigurableApplicationContext start(Map<String, Double> rates) {
        Map<String, Object> properties = new LinkedHashMap<>(SandboxSalesforce.connectorProperties());
        properties.putAll(SandboxMarketplace.connectorProperties());
        rates.forEach((op, rate) -> properties.put("connector.aws.rates." + op, rate));
        properties.put("connector.sweep.initial-delay", "500");
        properties.put("connector.sweep.period", "5000");
        properties.put("connector.offers.tracker-period", "3600000");
        properties.put("logging.level.io.mpcrm.connector", "WARN");
        SpringApplication connector = new SpringApplication(ConnectorApplication.class);
        connector.setAdditionalProfiles("sandbox");
        ConfigurableApplicationContext context = connector.run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        // Let the first sweep and the event subscription settle before measuring.
        Awaitility.await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        return context;
    }

    /** The documented quotas, the Agreement API's scaled by one factor and every other by another. */
    static Map<String, Double> scaledRates(double offerScale, double agreementScale) {
        Map<String, Double> rates = new LinkedHashMap<>();
        MarketplaceSandbox.DEFAULT_QUOTAS.forEach((op, rate) -> rates.put(op,
                rate * (AGREEMENT_OPERATIONS.contains(op) ? agreementScale : offerScale)));
        return rates;
    }

    private static void addThroughput(BenchmarkTable table, String name, OfferThroughput.Result r, double quota) {
        double ratio = r.rate() / quota;
        table.add(name + " (" + r.offers() + " Create Offer)", String.format(Locale.ROOT,
                        "%.2f StartChangeSet/s, %d throttled", r.rate(), r.throttled()),
                String.format(Locale.ROOT, "quota %.0f/s", quota), ratio, ">= 0.95, 0 throttled",
                ratio >= 0.95 && r.throttled() == 0);
    }

    private static void addTracking(BenchmarkTable table, int open, List<StatusTracking.Cycle> cycles) {
        StatusTracking.Cycle quiet = cycles.get(0);
        table.add("4. Tracker cycle, " + open + " open, none ended (first cycle: shows APPLYING)",
                callsOf(quiet.calls()) + ", " + quiet.updated() + " offers updated",
                "-", Double.NaN, "once, after the sets start", true);
        for (StatusTracking.Cycle cycle : cycles.subList(1, cycles.size())) {
            long budget = StatusTracking.budget(2, cycle.updated());
            long most = Math.max(cycle.calls().marketplaceTotal(), cycle.calls().salesforceTotal());
            table.add("4. Tracker cycle, " + open + " open, " + cycle.updated() + " ended",
                    callsOf(cycle.calls()), "budget " + budget + " each (3/account + 3/ended)",
                    (double) most / budget, "<= 1: grows with the ended", most <= budget);
        }
    }

    private static String callsOf(CallCounts calls) {
        return "Marketplace " + calls.marketplaceTotal() + " " + calls.marketplace() + ", Salesforce "
                + calls.salesforceTotal() + " " + calls.salesforce();
    }

    private static void addColdRefresh(BenchmarkTable table, int n, double scale, AgreementRefresh.Result r) {
        double ratio = (double) r.wall().toMillis() / Math.max(1, r.quotaBound().toMillis());
        table.add("2. Cold refresh of " + n + " agreements, wall time (" + r.status() + ")",
                String.format(Locale.ROOT, "%.1f s", r.wall().toMillis() / 1000.0),
                String.format(Locale.ROOT, "%.1f s at quota x%.1f", r.quotaBound().toMillis() / 1000.0, scale),
                ratio, "<= 1.2", ratio <= 1.2 && r.status().equals("Succeeded"));
        long budget = AgreementRefresh.salesforceBudget(n);
        long own = r.calls().salesforceTotal() - AgreementRefresh.REQUEST_LIFECYCLE_CALLS;
        table.add("2. Cold refresh, Salesforce calls besides the request's own 4", own + " (all "
                        + r.calls().salesforceTotal() + " " + r.calls().salesforce() + ")",
                "ceil(N/200)+5 = " + budget, (double) own / budget, "<= 1", own <= budget);
        long floor = AgreementRefresh.ceil(n, AgreementRefresh.SEARCH_PAGE) + 2L * n;
        table.add("2. Cold refresh, Marketplace calls", r.calls().marketplaceTotal() + " " + r.calls().marketplace(),
                "pages + 2 per agreement = " + floor, (double) r.calls().marketplaceTotal() / floor, "<= 1 (+ AssumeRole)",
                r.calls().marketplaceTotal() <= floor + 1);
    }

    private static void addWarmRefresh(BenchmarkTable table, int n, AgreementRefresh.Result r) {
        long budget = AgreementRefresh.warmMarketplaceBudget(n);
        table.add("3. Warm refresh, nothing changed: Marketplace calls (" + r.status() + ")",
                r.calls().marketplaceTotal() + " " + r.calls().marketplace(), "ceil(N/50)+5 = " + budget,
                (double) r.calls().marketplaceTotal() / budget, "<= 1", r.calls().marketplaceTotal() <= budget);
        // The request's own Processing and Succeeded are the two writes every request makes.
        long writes = r.calls().salesforceWrites() - 2;
        table.add("3. Warm refresh: Salesforce writes besides the request's start and end",
                writes + " (all calls " + r.calls().salesforce() + ")", "0", Double.NaN, "0", writes == 0);
    }

    private static void addOverhead(BenchmarkTable table, ConnectorOverhead.Result r, ConnectorOverhead.Result first,
                                    int warmupSeconds) {
        table.add(String.format(Locale.ROOT, "5. Insert to write-back at %.0f/s, zero latency (%d Validate Offer%s)",
                        r.perSecond(), r.requests(), first == null ? "" : ", after " + warmupSeconds + " s of the same"),
                latencies(r), "p99 50 ms", r.p99Millis() / 50.0, "<= 1", r.p99Millis() <= 50);
        if (first != null) {
            table.add(String.format(Locale.ROOT, "5. The same in the first %d s after start (%d Validate Offer)",
                    warmupSeconds, first.requests()), latencies(first), "p99 50 ms", first.p99Millis() / 50.0,
                    "(reported)", true);
        }
        table.add("5. CPU per request (whole JVM; of it the sandboxes' threads)", String.format(Locale.ROOT,
                "%.1f ms (sandboxes %.1f ms)", r.cpuMillisPerRequest(), r.sandboxCpuMillisPerRequest())
                + (first == null ? "" : String.format(Locale.ROOT, "; first %d s: %.1f ms", warmupSeconds,
                first.cpuMillisPerRequest())), "-", Double.NaN, "(reported)", true);
    }

    private static String latencies(ConnectorOverhead.Result r) {
        return "p50 " + r.p50Millis() + " ms, p99 " + r.p99Millis() + " ms (insert to claim: p50 " + r.claimP50Millis()
                + ", p99 " + r.claimP99Millis() + ") " + r.outcomes();
    }

    private static <V> Map<String, V> orderedMap(String k1, V v1, String k2, V v2) {
        Map<String, V> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static Map<String, String> options(String[] args) {
        return java.util.Arrays.stream(args).filter(a -> a.contains("="))
                .collect(Collectors.toMap(a -> a.substring(0, a.indexOf('=')), a -> a.substring(a.indexOf('=') + 1),
                        (a, b) -> b, LinkedHashMap::new));
    }
}
