package io.mpcrm.connector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a newcomer sees when they run the connector on its sandbox (the README's first command): the seeded payment
 * schedule, the three syncs, the seeded offer sent to AWS and released, and the resale authorization, channel partner
 * and agreement-based journeys, each request of the seed's seller ending Succeeded. The stories replace an agreement
 * and share a resale authorization in the sandboxes, so this runs in a JVM of its own (the Failsafe execution
 * {@code own-sandbox} in the pom), as the sandbox run does.
 */
@Tag("own-sandbox")
class SandboxStoriesIT extends ConnectorOnSandbox {

    @Test
    void everyStoryOfTheSandboxRunSucceedsAndTheSeededOfferIsReleased() {
        // Change sets apply in 0.2 s instead of the sandbox run's 2 s: the stories wait on four of them in turn.
        SandboxMarketplace.marketplace().setChangeSetDelays(Duration.ofMillis(100), Duration.ofMillis(100));
        SandboxSeed seed = SandboxSeed.plant(org);

        SandboxConnector.tellStories(org, seed);

        List<Map<String, Object>> requests = org.query("SELECT Name, Action__c, Status__c, Error__c"
                + " FROM Marketplace_Request__c WHERE CreatedById = '" + seed.userId() + "'");
        assertThat(requests).extracting(r -> r.get("Action__c")).contains("GENERATE_PAYMENT_SCHEDULE",
                "REFRESH_PRODUCTS", "REFRESH_AGREEMENTS", "REFRESH_SHARED_RESALE_AUTHORIZATIONS", "CREATE_OFFER",
                "CREATE_RESALE_AUTHORIZATION", "CREATE_CHANNEL_PARTNER_OFFER", "CREATE_AGREEMENT_BASED_OFFER");
        assertThat(requests).allSatisfy(r -> assertThat(r.get("Status__c"))
                .as("%s %s: %s", r.get("Name"), r.get("Action__c"), r.get("Error__c")).isEqualTo("Succeeded"));
        assertThat(org.get("MP_Private_Offer__c", seed.offer()).get("Status__c")).isEqualTo("Released");
    }
}
