package io.mpcrm.connector.offer;

import static io.mpcrm.connector.fields.OfferFields.CHANGE_SET_ID;
import static io.mpcrm.connector.fields.OfferFields.EXPIRATION;
import static io.mpcrm.connector.fields.OfferFields.LAST_ERROR;
import static io.mpcrm.connector.fields.OfferFields.OFFER_ID;
import static io.mpcrm.connector.fields.OfferFields.OFFER_URL;
import static io.mpcrm.connector.fields.OfferFields.REQUESTED_EXPIRATION;
import static io.mpcrm.connector.fields.OfferFields.STATUS;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpcrm.connector.changeset.ChangeSetExplanation;
import io.mpcrm.connector.events.DomainEvent;
import io.mpcrm.connector.events.DomainEvents;
import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.marketplace.MarketplaceCatalog;
import io.mpcrm.connector.changeset.RecordWrites;
import io.mpcrm.connector.marketplace.SdkJson;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSummary;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;

/**
 * Writes what a change set did onto the offer record: its status while it runs, then the offer id and the buyer's
 * URL, or each change's error in words a seller can act on. A change of a released offer's expiration (Modify
 * Expiration, Cancel Offer) shows the new date only once AWS has applied it; when AWS does not, the record shows the
 * offer as AWS still holds it (one DescribeEntity), keeps the date asked for in Requested Expiration, and says why.
 */
@Component
public class ChangeSetOutcome {

    private static final Set<String> OPEN = Set.of(ChangeStatus.PREPARING.toString(), ChangeStatus.APPLYING.toString());

    private final OfferRecords offers;
    private final Clock clock;
    private final DomainEvents events;
    private final MarketplaceCatalog catalog;

    public ChangeSetOutcome(OfferRecords offers, Clock clock, DomainEvents events, MarketplaceCatalog catalog) {
        this.offers = offers;
        this.clock = clock;
        this.events = events;
        this.catalog = catalog;
    }

    /**
     * Applies the change set's state to the offer and says in one sentence what happened. {@code shownStatus}, the
     * status the record showed before, keeps a second look at the same ended change set from announcing it again.
     */
    public String apply(String offerRecordId, String productId, String accountId, String shownStatus,
                        DescribeChangeSetResponse changeSet) {
        return apply(offerRecordId, productId, accountId, shownStatus, changeSet, RecordWrites.atOnce(offers::write));
    }

    /** The same, the offer's fields handed to {@code writes} (a tracker cycle sends them in collections). */
    public String apply(String offerRecordId, String productId, String accountId, String shownStatus,
                        DescribeChangeSetResponse changeSet, RecordWrites writes) {
        ChangeStatus status = changeSet.status();
        if (status == ChangeStatus.SUCCEEDED) {
            String offerId = createdOfferId(changeSet);
            String newStatus = OfferStatus.afterChangeSet(changeSet, clock.instant());
            boolean released = "Released".equals(newStatus);
            String url = offerId == null || productId == null ? null
                    : "https://aws.amazon.com/marketplace/procurement?productId=" + productId + "&offerId=" + offerId;
            Map<String, Object> fields = OfferRecords.fields(STATUS.name(), newStatus,
                    LAST_ERROR.name(), null, CHANGE_SET_ID.name(), changeSet.changeSetId());
            if (offerId != null) {
                fields.put(OFFER_ID.name(), offerId);
            }
            if (released && url != null && changeSet.changeSet().stream()
                    .anyMatch(c -> "ReleaseOffer".equals(c.changeType()))) {
                fields.put(OFFER_URL.name(), url);
            }
            // AWS now has the date the set asked for: nothing is requested any more.
            LocalDate expires = availabilityOnly(changeSet) ? requestedEnd(changeSet) : null;
            if (expires != null) {
                fields.put(EXPIRATION.name(), expires.toString());
            }
            if (types(changeSet).contains("UpdateAvailability")) {
                fields.put(REQUESTED_EXPIRATION.name(), null);
            }
            boolean newlyReleased = released && types(changeSet).contains("ReleaseOffer")
                    && !"Released".equals(shownStatus);
            writes.update(OfferFields.OFFER, offerRecordId, fields, () -> {
                if (newlyReleased) {
                    String said = "Offer " + offerId + " released"
                            + (url == null ? "." : "; buyers open it at " + url + ".");
                    events.publish(DomainEvent.Type.OFFER_RELEASED, accountId, OfferFields.OFFER, offerRecordId,
                            newStatus, said, DomainEvent.MarketplaceIds.offer(offerId, changeSet.changeSetId()));
                }
            });
            return "Change set " + changeSet.changeSetId() + " succeeded: offer " + (offerId == null ? "" : offerId + " ")
                    + switch (newStatus) {
                        case "Draft" -> "saved as a draft in AWS Marketplace.";
                        case "Cancelled" -> "cancelled: buyers can no longer accept it.";
                        case "Expired" -> "expired: its expiration date has passed, buyers can no longer accept it.";
                        default -> expires != null ? "now expires on " + expires + "."
                                : "released; buyers open it at " + url + ".";
                    };
        }
        if ((status == ChangeStatus.FAILED || status == ChangeStatus.CANCELLED) && availabilityOnly(changeSet)) {
            return notApplied(offerRecordId, accountId, shownStatus, changeSet, writes);
        }
        if (status == ChangeStatus.FAILED || status == ChangeStatus.CANCELLED) {
            String explanation = ChangeSetExplanation.explain(changeSet, "offer");
            writes.update(OfferFields.OFFER, offerRecordId, OfferRecords.fields(STATUS.name(), "FAILED",
                    LAST_ERROR.name(), explanation), () -> {
                if (!"FAILED".equals(shownStatus)) {
                    events.publish(DomainEvent.Type.OFFER_FAILED, accountId, OfferFields.OFFER, offerRecordId,
                            "FAILED", explanation, DomainEvent.MarketplaceIds.offer(createdOfferId(changeSet),
                                    changeSet.changeSetId()));
                }
            });
            return explanation;
        }
        writes.update(OfferFields.OFFER, offerRecordId, OfferRecords.fields(STATUS.name(), status.toString(),
                CHANGE_SET_ID.name(), changeSet.changeSetId()), () -> { });
        return "Change set " + changeSet.changeSetId() + " is " + status + ".";
    }

    /**
     * An expiration change AWS did not apply leaves the offer as it was, so the record shows it as AWS holds it now
     * (the State and AvailabilityRule of the offer's DetailsDocument), keeps the date asked for in Requested
     * Expiration, and says what the seller can do: never "create it again", which AWS refuses for a released offer.
     * https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-private-offers.html
     */
    private String notApplied(String offerRecordId, String accountId, String shownStatus,
                              DescribeChangeSetResponse changeSet, RecordWrites writes) {
        String offerId = createdOfferId(changeSet);
        MarketplaceCatalog.DescribedEntity described = catalog.describe(accountId, offerId);
        LocalDate expires = availabilityEnd(described.details());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        // The same mapping as Import Offer and Refresh: Draft, Released, or past its date Cancelled or Expired.
        String nowStatus = OfferStatus.ofEntity(described.details(), described.lastModified(), today);
        LocalDate requested = requestedEnd(changeSet);
        boolean cancelling = requested != null && requested.isBefore(today);
        String button = cancelling ? "Cancel Offer" : "Modify Expiration";
        String explanation = ChangeSetExplanation.explain(changeSet, "press " + button + " again", cancelling
                ? "Deal with what the messages above name, then press Cancel Offer again."
                : "Choose a date AWS accepts, as the messages above say, and press Modify Expiration again.")
                + "\nThe offer is unchanged in AWS Marketplace: it is " + nowStatus
                + (expires == null ? "" : " and expires on " + expires + ", as its Expiration Date shows")
                + (requested == null ? "." : "; Requested Expiration keeps " + requested + ", the date AWS did not"
                + " apply.");
        Map<String, Object> fields = OfferRecords.fields(STATUS.name(), nowStatus, LAST_ERROR.name(), explanation,
                CHANGE_SET_ID.name(), changeSet.changeSetId());
        if (expires != null) {
            fields.put(EXPIRATION.name(), expires.toString());
        }
        writes.update(OfferFields.OFFER, offerRecordId, fields, () -> {
            // Announced once: a later Refresh Offer Status finds the record no longer waiting for the set.
            if (OPEN.contains(shownStatus)) {
                events.publish(DomainEvent.Type.OFFER_FAILED, accountId, OfferFields.OFFER, offerRecordId,
                        nowStatus, explanation, DomainEvent.MarketplaceIds.offer(offerId, changeSet.changeSetId()));
            }
        });
        return explanation;
    }

    /** Only UpdateAvailability on an offer AWS holds: what Modify Expiration and Cancel Offer send. */
    private static boolean availabilityOnly(DescribeChangeSetResponse changeSet) {
        return !changeSet.changeSet().isEmpty() && changeSet.changeSet().stream()
                .allMatch(c -> "UpdateAvailability".equals(c.changeType()));
    }

    /** The AvailabilityEndDate the change set asked for. */
    private static LocalDate requestedEnd(DescribeChangeSetResponse changeSet) {
        return changeSet.changeSet().stream()
                .filter(c -> "UpdateAvailability".equals(c.changeType()) && c.detailsDocument() != null)
                .map(c -> SdkJson.of(c.detailsDocument()).path("AvailabilityEndDate").asText(""))
                .filter(date -> date.length() >= 10)
                .map(date -> LocalDate.parse(date.substring(0, 10)))
                .findFirst().orElse(null);
    }

    private static LocalDate availabilityEnd(JsonNode details) {
        for (JsonNode rule : details.path("Rules")) {
            String end = rule.path("AvailabilityEndDate").asText("");
            if ("AvailabilityRule".equals(rule.path("Type").asText()) && end.length() >= 10) {
                return LocalDate.parse(end.substring(0, 10));
            }
        }
        return null;
    }

    private static List<String> types(DescribeChangeSetResponse changeSet) {
        return changeSet.changeSet().stream().map(ChangeSummary::changeType).toList();
    }

    static String createdOfferId(DescribeChangeSetResponse changeSet) {
        return changeSet.changeSet().stream()
                .filter(c -> c.changeType() != null && c.changeType().startsWith("Create"))
                .map(c -> c.entity() == null ? null : c.entity().identifier())
                .filter(id -> id != null && !id.startsWith("$"))
                .map(id -> id.contains("@") ? id.substring(0, id.indexOf('@')) : id)
                .findFirst()
                .orElseGet(() -> changeSet.changeSet().stream()
                        .map(c -> c.entity() == null ? null : c.entity().identifier())
                        .filter(id -> id != null && id.startsWith("offer-")).findFirst().orElse(null));
    }
}
