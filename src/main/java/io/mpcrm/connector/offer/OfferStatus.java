package io.mpcrm.connector.offer;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpcrm.connector.marketplace.SdkJson;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSummary;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;

/**
 * An offer's {@code Status__c} from what AWS Marketplace holds, the same for Import Offer (the offer as DescribeEntity
 * shows it), Refresh Offer Status and the tracker (the change set that last changed it). AWS has two states, Draft
 * and Released, and an AvailabilityEndDate after which buyers can no longer accept a released offer; there is no
 * cancel change type, a seller ends an offer early with an AvailabilityEndDate in the past (UpdateAvailability,
 * https://docs.aws.amazon.com/marketplace/latest/APIReference/marketplace-catalog_example_marketplace-catalog_ExpirePrivateOffer_section.html).
 * So a released offer whose date has passed is Cancelled when it was changed after that date (ended early), and
 * Expired when its date came after its last change (it ran out); never Released.
 */
public final class OfferStatus {

    public static final String DRAFT = "Draft";
    public static final String RELEASED = "Released";
    public static final String EXPIRED = "Expired";
    public static final String CANCELLED = "Cancelled";

    /** What a released offer still takes (an offer is frozen once released, but for its dates). */
    private static final Set<String> RELEASED_OFFER_CHANGES = Set.of("UpdateAvailability", "UpdateValidityTerms");

    private OfferStatus() {
    }

    /**
     * @param state           AWS's State: Draft or Released (anything else is read as a draft)
     * @param availabilityEnd the offer's AvailabilityEndDate, null when it has none
     * @param lastChanged     when the offer was last changed in AWS Marketplace, null when not known
     * @param today           today, UTC
     */
    public static String of(String state, LocalDate availabilityEnd, Instant lastChanged, LocalDate today) {
        if (!RELEASED.equals(state)) {
            return DRAFT;
        }
        if (availabilityEnd == null || !availabilityEnd.isBefore(today)) {
            return RELEASED;
        }
        boolean endedEarly = lastChanged != null
                && availabilityEnd.isBefore(LocalDate.ofInstant(lastChanged, ZoneOffset.UTC));
        return endedEarly ? CANCELLED : EXPIRED;
    }

    /** The offer as DescribeEntity shows it: its State, its AvailabilityRule and the entity's LastModifiedDate. */
    public static String ofEntity(JsonNode details, Instant lastModified, LocalDate today) {
        LocalDate end = null;
        for (JsonNode rule : details.path("Rules")) {
            if ("AvailabilityRule".equals(rule.path("Type").asText())) {
                end = date(rule.path("AvailabilityEndDate").asText(""));
            }
        }
        return of(details.path("State").asText(null), end, lastModified, today);
    }

    /**
     * The offer after a change set that succeeded: released by ReleaseOffer; a draft when created or saved without
     * it; released still when only its dates changed (all a released offer takes). The date is the one the change
     * set gave (UpdateAvailability), the change made when the set ended.
     */
    public static String afterChangeSet(DescribeChangeSetResponse changeSet, Instant now) {
        List<String> types = changeSet.changeSet().stream().map(ChangeSummary::changeType).toList();
        boolean released = types.contains("ReleaseOffer")
                || (!types.isEmpty() && RELEASED_OFFER_CHANGES.containsAll(types));
        LocalDate end = changeSet.changeSet().stream()
                .filter(c -> "UpdateAvailability".equals(c.changeType()) && c.detailsDocument() != null)
                .map(c -> date(SdkJson.of(c.detailsDocument()).path("AvailabilityEndDate").asText("")))
                .filter(date -> date != null).findFirst().orElse(null);
        Instant ended = instant(changeSet.endTime());
        return of(released ? RELEASED : DRAFT, end, ended == null ? now : ended,
                LocalDate.ofInstant(now, ZoneOffset.UTC));
    }

    /** DescribeEntity writes dates as 2024-08-30T00:00:00.000Z, change sets as 2024-08-30. */
    private static LocalDate date(String text) {
        try {
            return text.length() < 10 ? null : LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null || text.isBlank() ? null : Instant.parse(text);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
