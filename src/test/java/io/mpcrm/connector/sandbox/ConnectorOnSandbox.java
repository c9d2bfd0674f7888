package io.mpcrm.connector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.ConnectorApplication;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrgRestClient;
import io.mpcrm.connector.security.LogSecretsWatch;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for end-to-end tests: the whole connector (real routes from {@code routes/}, real camel-salesforce) runs
 * against the sandbox org; tests seed records in the org and read back over its REST API what the connector wrote.
 * All subclasses share one Spring context, so the suite starts the connector once. Whatever is logged while they run
 * is scanned for credentials ({@link LogSecretsWatch}).
 */
@ExtendWith(LogSecretsWatch.class)
// Tests otherwise leave metrics export off; the scrape test reads /actuator/prometheus as Prometheus would.
@AutoConfigureObservability(tracing = false)
// A real server on free ports, the management port apart as in the pod, so that tests scrape and probe over HTTP.
@SpringBootTest(classes = ConnectorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.server.port=0")
public abstract class ConnectorOnSandbox {

    public static final String SELLER_ACCOUNT_ID = SandboxMarketplace.SELLER;
    /** Configured in the connector, but its role cannot be assumed: the sandbox's STS does not know the account. */
    public static final String RETIRED_SELLER = "101010101010";

    @DynamicPropertySource
    static void sandbox(DynamicPropertyRegistry registry) {
        SandboxSalesforce.connectorProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("connector.sweep.initial-delay", () -> "0");
        registry.add("connector.sweep.period", () -> "1000");
        registry.add("connector.requests.retry-base-delay", () -> "300ms");
        registry.add("connector.requests.retry-max-delay", () -> "1s");
        registry.add("connector.requests.max-attempts", () -> "4");
        registry.add("connector.offers.tracker-period", () -> "1000");
        Map<String, Object> marketplace = SandboxMarketplace.connectorProperties();
        marketplace.forEach((k, v) -> registry.add(k, () -> v));
        String retired = "connector.seller-accounts["
                + marketplace.keySet().stream().filter(k -> k.endsWith(".account-id")).count() + "].";
        registry.add(retired + "account-id", () -> RETIRED_SELLER);
        registry.add(retired + "role-arn", () -> "arn:aws:iam::" + RETIRED_SELLER + ":role/MarketplaceCrmConnector");
        registry.add(retired + "region", () -> "us-east-1");
    }

    private static final Map<String, String> SELLER_ACCOUNTS = new ConcurrentHashMap<>();

    private static final String TRACKER = "offer-status-tracker";

    @Autowired
    private CamelContext camelContext;

    protected final SandboxOrg org = SandboxSalesforce.org();
    protected final SandboxOrgRestClient rest = SandboxOrgRestClient.forSandbox(org);
    /** Where the tests' users press buttons (over REST, as themselves); requests are read back with {@link #rest}. */
    protected final Desk desk = Desk.overRest(org, rest);

    /**
     * A REST client that reads and writes as one person of the org, with their permission sets and sharing: what that
     * person sees and may change on the record page.
     */
    protected SandboxOrgRestClient as(String userId) {
        return SandboxOrgRestClient.forUser(org, userId);
    }

    /** The seller account record for an AWS account (one per account, as in an org), shared with the user. */
    protected String sellerAccount(String userId, String accountId) {
        String record = SELLER_ACCOUNTS.computeIfAbsent(accountId, id -> org.query(
                        "SELECT Id FROM AWS_Seller_Account__c WHERE Account_Id__c = '" + id + "'").stream()
                .map(r -> (String) r.get("Id")).findFirst()
                .orElseGet(() -> org.insert("AWS_Seller_Account__c",
                        Map.of("Name", "Seller " + id, "Account_Id__c", id, "Role__c", "ISV"))));
        org.share(record, userId, "Read"); // the people who act for an account read it; their sets grant no more
        return record;
    }

    /**
     * The record of the Marketplace product {@code productId} in the org; when it is not synced yet, {@code user}
     * presses Refresh Products on the seller account first.
     */
    protected String syncedProduct(String user, String sellerAccount, String productId) {
        String query = "SELECT Id FROM MP_Product__c WHERE Product_Id__c = '" + productId + "'";
        if (rest.query(query).isEmpty()) {
            assertThat(awaitFinished(desk.press(user, "REFRESH_PRODUCTS", sellerAccount, null, null))
                    .get("Status__c")).isEqualTo("Succeeded");
        }
        return (String) rest.query(query).get(0).get("Id");
    }

    /** Waits for the request to end (Succeeded or Failed) and returns it as the seller sees it. */
    protected Map<String, Object> awaitFinished(String requestId) {
        return awaitFinished(requestId, Duration.ofSeconds(120));
    }

    protected Map<String, Object> awaitFinished(String requestId, Duration atMost) {
        return desk.awaitEnded(requestId, atMost);
    }

    /**
     * Leaves an ended request as a connector leaves it that stopped after starting its work, before it could end the
     * request: Processing since an hour ago, so the sweep takes it up again. Returns the request once it has ended
     * again.
     */
    protected Map<String, Object> cutOffAndAwaitResumed(String requestId) {
        Map<String, Object> cutOff = new HashMap<>();
        cutOff.put("Status__c", "Processing");
        cutOff.put("Started_At__c", Instant.now().minus(Duration.ofHours(1)).toString());
        cutOff.put("Finished_At__c", null);
        cutOff.put("Result__c", null);
        rest.update(Desk.REQUEST, requestId, cutOff);
        return awaitFinished(requestId, Duration.ofSeconds(60));
    }

    /**
     * A request taken up again after a restart ({@link #cutOffAndAwaitResumed}) succeeded on its second attempt with the
     * change set its first attempt started ({@code changeSet}: its token sent again), and no other was made.
     */
    protected static void assertSucceededAgainOnItsChangeSet(Map<String, Object> resumed, String changeSet,
            long changeSetsMade) {
        assertThat(resumed.get("Status__c")).as(String.valueOf(resumed.get("Error__c"))).isEqualTo("Succeeded");
        assertThat(((Number) resumed.get("Attempts__c")).intValue()).isEqualTo(2);
        assertThat((String) resumed.get("Result__c")).contains(changeSet);
        assertThat(changeSetsMade).as("the same change set (its token sent again), not a second").isEqualTo(1);
    }

    /** Runs {@code work} while the change-set tracker does not run, so that nothing reads a change set meanwhile. */
    protected void whileTrackerStopped(Work work) throws Exception {
        camelContext.getRouteController().stopRoute(TRACKER);
        try {
            work.run();
        } finally {
            camelContext.getRouteController().startRoute(TRACKER);
        }
    }

    /** What a test does while a route is stopped. */
    @FunctionalInterface
    protected interface Work {
        void run() throws Exception;
    }

    /** Waits for the record to show the status (its Status__c), as the seller would by refreshing the page. */
    protected Map<String, Object> awaitStatus(String sobject, String recordId, String status) {
        return Awaitility.await(sobject + " " + recordId + " to show " + status).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> rest.get(sobject, recordId), r -> status.equals(r.get("Status__c")));
    }

    protected Map<String, Object> awaitOffer(String offer, String status) {
        return awaitStatus("MP_Private_Offer__c", offer, status);
    }
}
