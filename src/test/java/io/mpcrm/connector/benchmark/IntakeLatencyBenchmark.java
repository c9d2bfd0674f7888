package io.mpcrm.connector.benchmark;

import io.mpcrm.connector.sandbox.Desk;
import io.mpcrm.connector.ConnectorApplication;
import io.mpcrm.connector.sandbox.SandboxSalesforce;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long a seller waits between pressing a button and the connector starting the request: inserts requests into
 * the sandbox org at a steady rate and reports the time from each request's CreatedDate to its Started_At__c (both
 * stamped in this JVM), and which path started it (event or sweep).
 *
 * <pre>mvn -B spring-boot:test-run -Dspring-boot.run.main-class=io.mpcrm.connector.benchmark.IntakeLatencyBenchmark \
 *     -Dspring-boot.run.arguments="300 10"</pre>
 * Arguments: number of requests (300), requests per second (10).
 */
public final class IntakeLatencyBenchmark {

    private static final DateTimeFormatter SALESFORCE_DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private IntakeLatencyBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        double perSecond = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        SandboxOrg org = SandboxSalesforce.org();
        String user = org.createUser("Benchmark Seller", "Marketplace_User");
        Desk desk = Desk.inStore(org);
        String seller = org.insertAs(user, "AWS_Seller_Account__c",
                Map.of("Name", "Benchmark seller", "Account_Id__c", "111122223333", "Role__c", "ISV"));
        List<String> offers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            offers.add(org.insertAs(user, "MP_Private_Offer__c",
                    Map.of("Name", "Benchmark offer " + i, "Seller_Account__c", seller, "Currency__c", "USD")));
        }

        Map<String, Object> properties = new LinkedHashMap<>(SandboxSalesforce.connectorProperties());
        // The seller account the requests name, as the connector's configuration holds it (and AWS's sandbox).
        properties.putAll(io.mpcrm.connector.sandbox.SandboxMarketplace.connectorProperties());
        properties.put("connector.sweep.period", "30000");
        properties.put("logging.level.io.mpcrm.connector.request", "WARN");
        SpringApplication connector = new SpringApplication(ConnectorApplication.class);
        connector.setAdditionalProfiles("sandbox");
        ConfigurableApplicationContext context = connector.run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        // Let the first sweep (which finds nothing) and the subscription settle before measuring.
        Awaitility.await().pollDelay(Duration.ofSeconds(3)).until(() -> true);

        long interval = (long) (1_000_000_000L / perSecond);
        long next = System.nanoTime();
        List<String> requests = new ArrayList<>();
        for (String offer : offers) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += interval;
            int year = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear() + 1;
            requests.add(desk.press(user, "GENERATE_PAYMENT_SCHEDULE", seller, offer,
                    "{\"totalAmount\":\"12000.00\",\"currency\":\"USD\",\"firstPaymentDate\":"
                    + "\"" + year + "-01-15\",\"endDate\":\"" + year + "-12-31\",\"frequencyDays\":30,"
                    + "\"remainder\":\"Frontload\",\"dayCounting\":\"Calendar Day\"}"));
        }
        Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() ->
                org.query("SELECT Id FROM Marketplace_Request__c WHERE Status__c IN ('Queued','Processing','Waiting')")
                        .isEmpty());

        List<Long> latencies = new ArrayList<>();
        Map<String, Integer> byIntake = new HashMap<>();
        Map<String, Integer> byStatus = new HashMap<>();
        String firstError = null;
        for (Map<String, Object> r : org.query("SELECT Id, CreatedDate, Started_At__c, Claimed_By__c, Status__c,"
                + " Error__c FROM Marketplace_Request__c")) {
            if (firstError == null && r.get("Error__c") != null) {
                firstError = String.valueOf(r.get("Error__c"));
            }
            latencies.add(Duration.between(parse(r.get("CreatedDate")), parse(r.get("Started_At__c"))).toMillis());
            String claimedBy = String.valueOf(r.get("Claimed_By__c"));
            byIntake.merge(claimedBy.substring(claimedBy.lastIndexOf(' ') + 1), 1, Integer::sum);
            byStatus.merge(String.valueOf(r.get("Status__c")), 1, Integer::sum);
        }
        Collections.sort(latencies);
        System.out.printf("%nIntake latency, request insert -> processing start (%d requests at %.1f/s)%n",
                latencies.size(), perSecond);
        System.out.printf("  median %d ms   p90 %d ms   p99 %d ms   max %d ms%n", percentile(latencies, 50),
                percentile(latencies, 90), percentile(latencies, 99), latencies.get(latencies.size() - 1));
        System.out.printf("  started via %s; outcomes %s%n%n", byIntake, byStatus);
        if (firstError != null) {
            System.out.printf("  first error: %s%n%n", firstError);
        }
        context.close();
        org.close();
        System.exit(0);
    }

    private static OffsetDateTime parse(Object salesforceDateTime) {
        return OffsetDateTime.parse(salesforceDateTime.toString(), SALESFORCE_DATE_TIME);
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
