package io.mpcrm.connector.sandbox;

import io.mpcrm.connector.ConnectorApplication;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrgRestClient;
import io.mpcrm.connector.security.LogSecretsWatch;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtendWith;
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

    protected final SandboxOrg org = SandboxSalesforce.org();
    protected final SandboxOrgRestClient rest = SandboxOrgRestClient.forSandbox(org);

    /** The seller account record for an AWS account (one per account, as in an org), shared with the user. */
    protected String sellerAccount(String userId, String accountId) {
        String record = SELLER_ACCOUNTS.computeIfAbsent(accountId, id -> org.query(
                        "SELECT Id FROM AWS_Seller_Account__c WHERE Account_Id__c = '" + id + "'").stream()
                .map(r -> (String) r.get("Id")).findFirst()
                .orElseGet(() -> org.insert("AWS_Seller_Account__c",
                        Map.of("Name", "Seller " + id, "Account_Id__c", id, "Role__c", "ISV"))));
        org.grantAccess(userId, record);
        return record;
    }
}
