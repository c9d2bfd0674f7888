package io.mpcrm.connector.changeset;

import io.mpcrm.connector.marketplace.ChangeSets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSummary;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.Entity;

/** What the connector sends when AWS failed a change set internally, with ChangeSets played by a mock. */
class ServerFaultRestartTest {

    private final ChangeSets changeSets = mock(ChangeSets.class);
    private final ServerFaultRestart restart = new ServerFaultRestart(changeSets, 3);

    @Test
    void aSetAwsFailedInternallyIsStartedAgainWithTheSameChangesUnderATokenDerivedFromIt() {
        when(changeSets.start(eq("111122223333"), any(), anyString(), anyString())).thenReturn("cs-second");
        DescribeChangeSetResponse preparing = DescribeChangeSetResponse.builder().changeSetId("cs-second")
                .status(ChangeStatus.PREPARING).build();
        when(changeSets.describe("111122223333", "cs-second")).thenReturn(preparing);

        DescribeChangeSetResponse shown = restart.orRestarted("111122223333",
                failed("cs-first", "Create offer MR-0042", "SERVER_FAULT"));

        assertThat(shown).isSameAs(preparing);
        ArgumentCaptor<JsonNode> changes = ArgumentCaptor.forClass(JsonNode.class);
        verify(changeSets).start(eq("111122223333"), changes.capture(), eq("Create offer MR-0042 - AWS retry 1"),
                eq(ServerFaultRestart.token("cs-first")));
        assertThat(changes.getValue()).hasSize(2);
        assertThat(changes.getValue().get(0).path("Entity").has("Identifier")).as("a Create names no entity").isFalse();
        assertThat(changes.getValue().get(0).path("DetailsDocument").path("ProductId").asText())
                .isEqualTo("prod-saas123");
        assertThat(changes.getValue().get(1).path("Entity").path("Identifier").asText())
                .isEqualTo("$CreateOfferChange.Entity.Identifier");
        assertThat(changes.getValue().get(1).path("ChangeName").asText()).isEqualTo("ReleaseOfferChange");
    }

    @Test
    void aRestartReadLateThatAwsFailedTooIsStartedAgainInTurn() {
        // The connector was stopped after the first restart and reads the chain again: both sets failed by now.
        when(changeSets.start(eq("111122223333"), any(), anyString(), eq(ServerFaultRestart.token("cs-first"))))
                .thenReturn("cs-second");
        when(changeSets.describe("111122223333", "cs-second"))
                .thenReturn(failed("cs-second", "Create offer MR-0042 - AWS retry 1", "SERVER_FAULT"));
        when(changeSets.start(eq("111122223333"), any(), anyString(), eq(ServerFaultRestart.token("cs-second"))))
                .thenReturn("cs-third");
        DescribeChangeSetResponse preparing = DescribeChangeSetResponse.builder().changeSetId("cs-third")
                .status(ChangeStatus.PREPARING).build();
        when(changeSets.describe("111122223333", "cs-third")).thenReturn(preparing);

        assertThat(restart.orRestarted("111122223333", failed("cs-first", "Create offer MR-0042", "SERVER_FAULT")))
                .isSameAs(preparing);
        verify(changeSets).start(eq("111122223333"), any(), eq("Create offer MR-0042 - AWS retry 2"),
                eq(ServerFaultRestart.token("cs-second")));
    }

    @Test
    void theTokenIsTheSameEveryTimeAndFitsTheApisSixtyFourCharacters() {
        assertThat(ServerFaultRestart.token("cs-first")).isEqualTo(ServerFaultRestart.token("cs-first"))
                .isNotEqualTo(ServerFaultRestart.token("cs-other"));
        String longId = "x".repeat(200);
        assertThat(ServerFaultRestart.token(longId)).hasSizeLessThanOrEqualTo(64)
                .isEqualTo(ServerFaultRestart.token(longId));
    }

    @Test
    void afterThreeRestartsTheFailureIsLeftForTheSellerToRead() {
        DescribeChangeSetResponse third = failed("cs-fourth", "Create offer MR-0042 - AWS retry 3", "SERVER_FAULT");

        assertThat(restart.orRestarted("111122223333", third)).isSameAs(third);
        assertThat(ServerFaultRestart.serverFaults(third)).isEqualTo(4);
        verify(changeSets, never()).start(anyString(), any(), anyString(), anyString());
    }

    @Test
    void theSecondRestartCountsOnFromTheNameOfTheFirst() {
        assertThat(ServerFaultRestart.name(failed("cs-2", "Create offer MR-0042 - AWS retry 1", "SERVER_FAULT"), 2))
                .isEqualTo("Create offer MR-0042 - AWS retry 2");
        assertThat(ServerFaultRestart.name(failed("cs-2", "n".repeat(100), "SERVER_FAULT"), 1)).hasSize(100)
                .endsWith(" - AWS retry 1");
    }

    @Test
    void aClientErrorIsTheSellersToCorrectAndNotStartedAgain() {
        DescribeChangeSetResponse refused = failed("cs-first", "Create offer MR-0042", "CLIENT_ERROR");

        assertThat(restart.orRestarted("111122223333", refused)).isSameAs(refused);
        verify(changeSets, never()).start(anyString(), any(), anyString(), anyString());
    }

    private static DescribeChangeSetResponse failed(String id, String name, String failureCode) {
        ChangeSummary create = ChangeSummary.builder().changeType("CreateOffer").changeName("CreateOfferChange")
                .entity(Entity.builder().type("Offer@1.0").build())
                .detailsDocument(Document.fromMap(Map.of("ProductId", Document.fromString("prod-saas123")))).build();
        ChangeSummary release = ChangeSummary.builder().changeType("ReleaseOffer").changeName("ReleaseOfferChange")
                .entity(Entity.builder().type("Offer@1.0").identifier("$CreateOfferChange.Entity.Identifier").build())
                .detailsDocument(Document.fromMap(Map.of())).build();
        return DescribeChangeSetResponse.builder().changeSetId(id).changeSetName(name).status(ChangeStatus.FAILED)
                .failureCode(failureCode).changeSet(create, release).build();
    }
}
