package io.mpcrm.connector.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The other side of {@link IamPolicyTest}'s source scan: what actually arrived at the Marketplace sandbox (Catalog,
 * Agreement and STS operations, by the names on the wire) during this JVM's journeys is allowed by the shipped
 * policies. It catches a call the scan could miss, such as one the SDK makes on the connector's behalf.
 */
class AwsCallsWithinThePolicyIT extends ConnectorOnSandbox {

    private static final List<String> ACCOUNTS = List.of(SandboxMarketplace.SELLER, SandboxMarketplace.BULK_SELLER,
            SandboxMarketplace.CHANNEL_PARTNER, SandboxMarketplace.NEW_PARTNER, SandboxMarketplace.RENEWAL_PARTNER,
            SandboxMarketplace.TRACKED_SELLER, SandboxMarketplace.RESELLER);

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final String admin = org.createUser("Policy Admin " + System.nanoTime());

    @Test
    void everyOperationTheSandboxSawIsOneThePoliciesAllow() throws IOException {
        // Sync a seller's products and agreements, so that the check never passes on no calls at all.
        SellerDesk desk = new SellerDesk(org, rest, sellerAccount(admin, SandboxMarketplace.SELLER), null);
        for (String sync : List.of("REFRESH_PRODUCTS", "REFRESH_AGREEMENTS")) {
            assertThat(desk.awaitFinished(desk.request(admin, sync, null, null)).get("Status__c")).as(sync)
                    .isEqualTo("Succeeded");
        }

        Set<String> seen = new TreeSet<>();
        for (String account : ACCOUNTS) {
            marketplace.callCounts(account).keySet().forEach(operation -> seen.add(
                    (operation.equals("AssumeRole") ? "sts:" : "aws-marketplace:") + operation));
        }
        Set<String> allowed = new TreeSet<>(actions("connector-seller-account-policy.json"));
        allowed.addAll(actions("connector-identity-policy.json"));

        assertThat(seen).contains("aws-marketplace:ListEntities", "aws-marketplace:SearchAgreements",
                "sts:AssumeRole");
        assertThat(seen).allSatisfy(operation -> assertThat(allowed).as(operation)
                .containsAll(AwsOperationsCalled.iamActions(operation)));
    }

    private static Set<String> actions(String policy) throws IOException {
        Set<String> actions = new TreeSet<>();
        new ObjectMapper().readTree(Path.of("config", "iam", policy).toFile()).path("Statement").forEach(s -> {
            if (s.path("Action").isArray()) {
                s.path("Action").forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(s.path("Action").asText());
            }
        });
        return actions;
    }
}
