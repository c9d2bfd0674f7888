package io.mpcrm.connector.changeset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mpcrm.connector.marketplace.ChangeSets;
import io.mpcrm.connector.changeset.OpenChangeSet;
import io.mpcrm.connector.changeset.OpenChangeSets;
import io.mpcrm.connector.changeset.ServerFaultRestart;
import io.mpcrm.connector.changeset.OpenChangeSetCount;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSetSummaryListItem;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;

/**
 * The tracker on its own, AWS and Salesforce played by mocks: which records it writes, and in which order, when
 * cycles are cut short or a record shows its change set late.
 */
class ChangeSetStatusTrackerTest {

    private static final String ACCOUNT = "111122223333";
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final SalesforceRecords salesforce = mock(SalesforceRecords.class);
    private final ChangeSets changeSets = mock(ChangeSets.class);
    private final List<String> written = new CopyOnWriteArrayList<>();
    private ChangeSetStatusTracker tracker;

    @AfterEach
    void stopWriters() {
        tracker.stop();
    }

    @Test
    void theRecordsWaitingLongestAreWrittenFirstWhicheverFeatureTheyBelongTo() {
        // Offers come first in the open records; a resale authorization has waited far longer.
        OpenChangeSets offers = () -> List.of(open("MP_Private_Offer__c", "offer-record", "cs-offer",
                NOW.minusSeconds(5)));
        OpenChangeSets authorizations = () -> List.of(open("MP_Resale_Authorization__c", "ra-record", "cs-ra",
                NOW.minus(Duration.ofMinutes(4))));
        tracker = tracker(List.of(offers, authorizations));
        when(changeSets.endedSince(eq(ACCOUNT), any())).thenReturn(List.of(ended("cs-offer"), ended("cs-ra")));
        when(changeSets.describe(eq(ACCOUNT), anyString())).thenAnswer(call -> succeeded(call.getArgument(1)));

        assertThat(tracker.track()).isEqualTo(2);

        assertThat(written).as("a cycle cut short by a stop still reaches the longest waiting").containsExactly(
                "ra-record", "offer-record");
    }

    @Test
    void aResaleAuthorizationShownPreparingAfterItsChangeSetEndedIsStillBroughtToItsOutcome() {
        // The request wrote PREPARING back late (it was resumed after a restart): its set ended before the look-back.
        OpenChangeSets authorizations = () -> List.of(open("MP_Resale_Authorization__c", "ra-record", "cs-ra",
                NOW.minus(Duration.ofMinutes(3))));
        tracker = tracker(List.of(authorizations));
        when(changeSets.endedSince(eq(ACCOUNT), any())).thenReturn(List.of());
        when(changeSets.inStatus(ACCOUNT, ChangeStatus.APPLYING)).thenReturn(List.of());
        when(changeSets.describe(ACCOUNT, "cs-ra")).thenReturn(succeeded("cs-ra"));

        tracker.track();
        verify(changeSets, never()).describe(ACCOUNT, "cs-ra");
        tracker.track();
        tracker.track();

        assertThat(written).as("described once, when no listing had it twice in a row").containsExactly("ra-record");
    }

    @Test
    void aChangeSetThatIsSimplyStillPreparingIsNotDescribed() {
        OpenChangeSets authorizations = () -> List.of(open("MP_Resale_Authorization__c", "ra-record", "cs-ra",
                NOW.minusSeconds(20)));
        tracker = tracker(List.of(authorizations));
        when(changeSets.endedSince(eq(ACCOUNT), any())).thenReturn(List.of());
        when(changeSets.inStatus(ACCOUNT, ChangeStatus.APPLYING)).thenReturn(List.of());

        tracker.track();
        tracker.track();

        verify(changeSets, never()).describe(anyString(), anyString());
        assertThat(written).isEmpty();
    }

    private ChangeSetStatusTracker tracker(List<OpenChangeSets> sources) {
        // Salesforce takes every record of a collection.
        when(salesforce.updateAll(anyString(), anyList())).thenAnswer(call -> {
            List<Map<String, ?>> records = call.getArgument(1);
            return records.stream().map(r -> new SalesforceRecords.WriteResult(String.valueOf(r.get("Id")),
                    String.valueOf(r.get("Id")), true, false, List.of())).toList();
        });
        ServerFaultRestart restart = new ServerFaultRestart(changeSets, 3);
        return new ChangeSetStatusTracker(salesforce, changeSets, restart,
                Clock.fixed(NOW, ZoneOffset.UTC), sources,
                new OpenChangeSetCount(new SimpleMeterRegistry()), 1);
    }

    private OpenChangeSet open(String sobject, String recordId, String changeSetId, Instant since) {
        return new OpenChangeSet(sobject, recordId, "PREPARING", ACCOUNT, changeSetId, since, (changeSet, writes) -> {
            writes.update(sobject, recordId, Map.of("Status__c", "Released"), () -> written.add(recordId));
            return "written";
        });
    }

    private static ChangeSetSummaryListItem ended(String changeSetId) {
        return ChangeSetSummaryListItem.builder().changeSetId(changeSetId).status(ChangeStatus.SUCCEEDED)
                .endTime(NOW.minusSeconds(30).toString()).build();
    }

    private static DescribeChangeSetResponse succeeded(String changeSetId) {
        return DescribeChangeSetResponse.builder().changeSetId(changeSetId).status(ChangeStatus.SUCCEEDED).build();
    }
}
