package io.mpcrm.connector.sandbox;

import io.mpcrm.connector.ConnectorApplication;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import io.mpcrm.connector.sandbox.salesforce.SandboxTls;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the connector on its embedded sandbox: a stand-in Salesforce org, seeded, and the real connector pointed at
 * it. Started by {@code mvn -B -Psandbox spring-boot:test-run} (see the README). Prints the endpoints, the file of the
 * sandbox's TLS certificate authority and throwaway credentials, so that any Salesforce or AWS client can be pointed at
 * the sandboxes too, then one line starting {@code sandbox ready:} once its own stories are done. Ctrl-C stops the
 * connector first, then the sandboxes ({@link SandboxExit}).
 */
public final class SandboxConnector {

    private static final Logger log = LoggerFactory.getLogger(SandboxConnector.class);
    /** Where the sandbox's CA certificate is written (PEM); {@code -Dsandbox.ca-file=...} to change it. */
    static final String CA_FILE = "target/sandbox/sandbox-ca.pem";

    private SandboxConnector() {
    }

    public static void main(String[] args) {
        SandboxOrg org = SandboxSalesforce.org();
        SandboxSeed seed = SandboxSeed.plant(org);
        Path ca = SandboxTls.install().writeCaPem(Path.of(System.getProperty("sandbox.ca-file", CA_FILE)))
                .toAbsolutePath().normalize();
        System.out.print(banner(org, seed, ca));

        SpringApplication connector = new SpringApplication(ConnectorApplication.class);
        connector.setAdditionalProfiles("sandbox");
        ConfigurableApplicationContext context = connector.run(SandboxSalesforce.withConnectorProperties(args));
        SandboxExit.stopFirst(context::close);

        try {
            tellStories(org, seed);
        } catch (RuntimeException e) {
            log.warn("The sandbox's own stories did not all finish ({}); the sandboxes still answer.", e.toString());
        }
        System.out.println(readyLine(org, ca, context.getEnvironment().getProperty("local.server.port")));
    }

    /** The endpoints and throwaway credentials, one item a line, values in one column. */
    static String banner(SandboxOrg org, SandboxSeed seed, Path ca) {
        SandboxMarketplace.UserKeys keys = SandboxMarketplace.sellerUser();
        String[][] rows = {
                {"Salesforce org (stand-in)", "login and instance URL  " + org.loginUrl()},
                {"", "client id               " + org.clientId()},
                {"", "client secret           " + org.clientSecret() + "  (throwaway; client credentials flow)"},
                {"", "org id                  " + org.orgId()},
                {"", "identity                " + org.loginUrl() + "/services/oauth2/userinfo"},
                {"Pub/Sub API (gRPC, TLS)", SandboxSalesforce.pubsub().host() + ":" + SandboxSalesforce.pubsub().port()},
                {"TLS certificate (CA)", ca + "  (curl --cacert, NODE_EXTRA_CA_CERTS, a Java trust store)"},
                {"AWS Marketplace (stand-in)", SandboxMarketplace.marketplace().endpoint()
                        + "  (Catalog API, Agreement API and STS; SigV4)"},
                {"S3 (stand-in)", SandboxMarketplace.s3().endpoint() + "  (path-style; bucket "
                        + SandboxMarketplace.eulaBucket(SandboxMarketplace.SELLER) + ")"},
                {"AWS keys (throwaway)", "AWS_ACCESS_KEY_ID=" + keys.accessKeyId()},
                {"", "AWS_SECRET_ACCESS_KEY=" + keys.secretAccessKey()},
                {"", "AWS_DEFAULT_REGION=" + MarketplaceSandbox.REGION + "  (an IAM user of account "
                        + keys.accountId() + ")"},
                {"Role a client may assume", SandboxMarketplace.roleArn(keys.accountId())},
                {"Seeded", "seller account " + seed.sellerAccount() + " (AWS " + SandboxSeed.ACCOUNT_ID
                        + "), product " + seed.product() + ", offer " + seed.offer()},
                {"", "GENERATE_PAYMENT_SCHEDULE request " + seed.scheduleRequest() + " (Queued)"},
                {"Pin the ports", "-Dsandbox.salesforce.port -Dsandbox.pubsub.port -Dsandbox.marketplace.port"
                        + " -Dsandbox.s3.port"},
                {"", "(admin guide, \"Try it on the sandbox\"); Ctrl-C stops the run"},
        };
        StringBuilder out = new StringBuilder("\n==== marketplace-crm-connector sandbox ====\n");
        for (String[] row : rows) {
            out.append(String.format("%-28s%s%n", row[0], row[1]));
        }
        return out.append("===========================================\n\n").toString();
    }

    /** The one line a script waits for: every endpoint, once the sandbox run's own stories are done. */
    static String readyLine(SandboxOrg org, Path ca, String connectorPort) {
        return "sandbox ready: salesforce " + org.loginUrl() + " pubsub " + SandboxSalesforce.pubsub().host() + ":"
                + SandboxSalesforce.pubsub().port() + " aws " + SandboxMarketplace.marketplace().endpoint() + " s3 "
                + SandboxMarketplace.s3().endpoint() + " ca " + ca + " connector http://localhost:" + connectorPort
                + " (Ctrl-C stops it)";
    }

    /**
     * The sandbox run's own stories, each logged as it ends: the seeded payment schedule, the three sync buttons, the
     * seeded offer sent to AWS, then {@link SandboxJourneys}. {@code SandboxStoriesIT} tells them too and expects
     * every request to succeed.
     */
    static void tellStories(SandboxOrg org, SandboxSeed seed) {
        reportWhenDone(org, seed.scheduleRequest());
        syncTheCatalogue(org, seed);
    }

    /** Presses the three sync buttons, as a seller and a channel partner would, and logs what arrived. */
    private static void syncTheCatalogue(SandboxOrg org, SandboxSeed seed) {
        List<String> syncs = List.of(
                sync(org, seed, "REFRESH_PRODUCTS", seed.sellerAccount()),
                sync(org, seed, "REFRESH_AGREEMENTS", seed.sellerAccount()),
                sync(org, seed, "REFRESH_SHARED_RESALE_AUTHORIZATIONS", seed.channelPartnerAccount()));
        for (String id : syncs) {
            Map<String, Object> request = Awaitility.await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200)).until(() -> org.get("Marketplace_Request__c", id),
                            r -> "Succeeded".equals(r.get("Status__c")) || "Failed".equals(r.get("Status__c")));
            log.info("Sandbox request {} {} {}: {}", request.get("Name"), request.get("Action__c"),
                    request.get("Status__c"), "Succeeded".equals(request.get("Status__c"))
                            ? request.get("Result__c") : request.get("Error__c"));
        }
        log.info("In the sandbox org now: {} products, {} product dimensions, {} agreements, {} shared resale"
                        + " authorizations", count(org, "MP_Product__c"), count(org, "MP_Product_Dimension__c"),
                count(org, "MP_Agreement__c"), count(org, "MP_Shared_Resale_Authorization__c"));
        createTheSeededOffer(org, seed);
        new SandboxJourneys(org, seed).run();
    }

    /**
     * Prices the seeded offer's contract dimensions so that they come to its installments' total (the connector
     * refuses an offer whose rates and installments disagree), presses Create Offer and follows it to its buyer URL.
     */
    private static void createTheSeededOffer(SandboxOrg org, SandboxSeed seed) {
        List<Object> contract = org.query("SELECT Dimension_Key__c, Types__c FROM MP_Product_Dimension__c"
                        + " WHERE Product__c = '" + seed.product() + "'").stream()
                .filter(d -> String.valueOf(d.get("Types__c")).contains("Entitled"))
                .map(d -> d.get("Dimension_Key__c")).toList();
        BigDecimal total = org.query("SELECT Charge_Amount__c FROM MP_Payment_Installment__c"
                        + " WHERE Private_Offer__c = '" + seed.offer() + "'").stream()
                .map(i -> new BigDecimal(String.valueOf(i.get("Charge_Amount__c"))))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        int units = 25;
        BigDecimal rate = contract.isEmpty() ? BigDecimal.ZERO
                : total.divide(BigDecimal.valueOf((long) contract.size() * units), 2,
                        RoundingMode.UNNECESSARY);
        for (Object key : contract) {
            org.insertAs(seed.userId(), "MP_Offer_Dimension__c", Map.of("Private_Offer__c", seed.offer(),
                    "Name", key, "Dimension_Key__c", key, "Rate__c", rate, "Rate_Kind__c", "Upfront",
                    "Quantity__c", units));
        }
        Desk desk = Desk.inStore(org);
        Map<String, Object> request = desk.awaitEnded(desk.press(seed.userId(), "CREATE_OFFER", seed.sellerAccount(),
                seed.offer(), null), Duration.ofMinutes(2));
        log.info("Sandbox request {} CREATE_OFFER {}: {}", request.get("Name"), request.get("Status__c"),
                "Succeeded".equals(request.get("Status__c")) ? request.get("Result__c") : request.get("Error__c"));
        if (!"Succeeded".equals(request.get("Status__c"))) {
            return;
        }
        Map<String, Object> offer = Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> org.get("MP_Private_Offer__c", seed.offer()),
                        o -> "Released".equals(o.get("Status__c")) || "FAILED".equals(o.get("Status__c")));
        log.info("Seeded offer {}: {} {}", offer.get("Offer_Id__c"), offer.get("Status__c"),
                "Released".equals(offer.get("Status__c")) ? "- buyers open it at " + offer.get("Offer_URL__c")
                        : offer.get("Last_Error__c"));
    }

    private static String sync(SandboxOrg org, SandboxSeed seed, String action, String sellerAccount) {
        return Desk.inStore(org).press(seed.userId(), action, sellerAccount, null, null);
    }

    private static int count(SandboxOrg org, String sobject) {
        return org.query("SELECT Id FROM " + sobject).size();
    }

    /** Logs the seeded request's outcome and the installments it produced, as a seller would see them. */
    private static void reportWhenDone(SandboxOrg org, String requestId) {
        Map<String, Object> request;
        try {
            request = Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> org.get("Marketplace_Request__c", requestId),
                            r -> "Succeeded".equals(r.get("Status__c")) || "Failed".equals(r.get("Status__c")));
        } catch (ConditionTimeoutException notYet) {
            log.warn("The seeded request did not finish within two minutes; see the log above.");
            return;
        }
        Object status = request.get("Status__c");
        log.info("Sandbox request {} {}: {}", request.get("Name"), status,
                "Succeeded".equals(status) ? request.get("Result__c") : request.get("Error__c"));
        org.query("SELECT Installment_Number__c, Charge_Date__c, Charge_Amount__c, Currency__c"
                        + " FROM MP_Payment_Installment__c WHERE Private_Offer__c = '"
                        + request.get("Target_Record_Id__c") + "' ORDER BY Charge_Date__c")
                .forEach(i -> log.info("  installment {}: {} {} {}", ((Number) i.get("Installment_Number__c")).intValue(),
                        i.get("Charge_Date__c"), new BigDecimal(i.get("Charge_Amount__c").toString()).setScale(2),
                        i.get("Currency__c")));
    }
}
