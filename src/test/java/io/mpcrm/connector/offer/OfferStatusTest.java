package io.mpcrm.connector.offer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mpcrm.connector.marketplace.SdkJson;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSummary;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;

/**
 * One table for the offer's status, whichever way the connector reads the offer: Import Offer (DescribeEntity),
 * Refresh Offer Status and the tracker (DescribeChangeSet). A past expiry is Expired or Cancelled, never Released.
 */
class OfferStatusTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-06-15");

    @ParameterizedTest(name = "{0}, available until {1}, last changed {2}: {3}")
    @CsvSource(nullValues = "-", textBlock = """
            # state,   available until, last changed,         status
            Draft,     2026-07-01,      2026-06-01T10:00:00Z, Draft
            Draft,     2026-05-01,      2026-04-01T10:00:00Z, Draft
            Draft,     -,               -,                    Draft
            -,         2026-07-01,      -,                    Draft
            Released,  -,               2026-01-01T10:00:00Z, Released
            Released,  2026-07-01,      2026-06-01T10:00:00Z, Released
            Released,  2026-06-15,      2026-06-01T10:00:00Z, Released
            Released,  2026-06-14,      2026-06-01T10:00:00Z, Expired
            Released,  2026-06-14,      -,                    Expired
            Released,  2026-06-14,      2026-06-14T23:59:59Z, Expired
            Released,  2026-06-14,      2026-06-15T08:00:00Z, Cancelled
            Released,  2025-12-31,      2026-03-02T12:00:00Z, Cancelled
            Released,  2026-03-01,      2025-09-01T12:00:00Z, Expired
            """)
    void theStatusFollowsWhatAwsHolds(String state, String availableUntil, String lastChanged, String status) {
        assertThat(OfferStatus.of(state, availableUntil == null ? null : LocalDate.parse(availableUntil),
                lastChanged == null ? null : Instant.parse(lastChanged), TODAY)).isEqualTo(status);
    }

    @ParameterizedTest(name = "DescribeEntity {0}, until {1}, modified {2}: {3}")
    @CsvSource(textBlock = """
            Released, 2026-09-01T00:00:00.000Z, 2026-06-01T10:00:00Z, Released
            Released, 2026-06-01T00:00:00.000Z, 2026-03-01T10:00:00Z, Expired
            Released, 2026-06-13T00:00:00.000Z, 2026-06-14T09:30:00Z, Cancelled
            Draft,    2026-06-01T00:00:00.000Z, 2026-03-01T10:00:00Z, Draft
            """)
    void importReadsTheOfferAsDescribeEntityShowsIt(String state, String until, String modified, String status)
            throws Exception {
        var details = new ObjectMapper().readTree(("{'State':'" + state + "','Rules':[{'Type':'TargetingRule'},"
                + "{'Type':'AvailabilityRule','AvailabilityEndDate':'" + until + "'}]}").replace('\'', '"'));

        assertThat(OfferStatus.ofEntity(details, Instant.parse(modified), TODAY)).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} ending {2}: {3}")
    @CsvSource(nullValues = "-", textBlock = """
            # changes in the set,                                          AvailabilityEndDate, set ended,     status
            CreateOffer UpdateInformation UpdateAvailability ReleaseOffer, 2026-09-01, 2026-06-15T09:00:00Z, Released
            CreateOffer UpdateInformation UpdateAvailability,              2026-09-01, 2026-06-15T09:00:00Z, Draft
            UpdateInformation UpdatePricingTerms UpdateAvailability,        2026-09-01, 2026-06-15T09:00:00Z, Draft
            UpdateInformation UpdateAvailability ReleaseOffer,              2026-09-01, 2026-06-15T09:00:00Z, Released
            UpdateAvailability,                                             2026-12-31, 2026-06-15T09:00:00Z, Released
            UpdateAvailability,                                             2026-06-14, 2026-06-15T09:00:00Z, Cancelled
            UpdateAvailability,                                             2026-06-14, -,                    Cancelled
            CreateOffer UpdateInformation UpdateAvailability ReleaseOffer, 2026-06-01, 2026-03-01T09:00:00Z, Expired
            UpdateAvailability,                                             2026-06-01, 2026-04-01T09:00:00Z, Expired
            """)
    void refreshAndTheTrackerReadTheOfferFromItsChangeSet(String changes, String until, String ended, String status)
            throws Exception {
        List<ChangeSummary> summaries = new ArrayList<>();
        for (String type : changes.split(" ")) {
            ChangeSummary.Builder change = ChangeSummary.builder().changeType(type);
            if (type.equals("UpdateAvailability")) {
                change.detailsDocument(SdkJson.toDocument(new ObjectMapper().readTree(
                        "{\"AvailabilityEndDate\":\"" + until + "\"}")));
            }
            summaries.add(change.build());
        }
        DescribeChangeSetResponse changeSet = DescribeChangeSetResponse.builder().changeSetId("cs-1")
                .status(ChangeStatus.SUCCEEDED).endTime(ended).changeSet(summaries).build();

        assertThat(OfferStatus.afterChangeSet(changeSet, Instant.parse("2026-06-15T10:00:00Z"))).isEqualTo(status);
    }

    @Test
    void anOfferThatRanOutIsNeverShownReleased() {
        for (LocalDate until = TODAY.minusDays(400); until.isBefore(TODAY); until = until.plusDays(7)) {
            for (Instant changed : List.of(Instant.parse("2025-01-01T00:00:00Z"),
                    Instant.parse("2026-06-15T00:00:00Z"))) {
                assertThat(OfferStatus.of("Released", until, changed, TODAY)).as(until + " " + changed)
                        .isIn("Expired", "Cancelled");
            }
        }
    }
}
