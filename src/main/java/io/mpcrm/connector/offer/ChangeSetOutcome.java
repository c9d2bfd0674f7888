package io.mpcrm.connector.offer;

import static io.mpcrm.connector.offer.OfferFields.CHANGE_SET_ID;
import static io.mpcrm.connector.offer.OfferFields.LAST_ERROR;
import static io.mpcrm.connector.offer.OfferFields.OFFER_ID;
import static io.mpcrm.connector.offer.OfferFields.OFFER_URL;
import static io.mpcrm.connector.offer.OfferFields.STATUS;

import io.mpcrm.connector.events.DomainEvent;
import io.mpcrm.connector.events.DomainEvents;
import io.mpcrm.connector.marketplace.RecordWrites;
import io.mpcrm.connector.marketplace.ServerFaultRestart;
import io.mpcrm.connector.request.ErrorText;
import io.mpcrm.connector.request.RequestRejected;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSummary;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;

/**
 * Writes what a change set did onto the offer record: its status while it runs, then the offer id and the buyer's
 * URL, or each change's error in words a seller can act on.
 */
@Component
public class ChangeSetOutcome {

    private final OfferRecords offers;
    private final Clock clock;
    private final DomainEvents events;

    public ChangeSetOutcome(OfferRecords offers, Clock clock, DomainEvents events) {
        this.offers = offers;
        this.clock = clock;
        this.events = events;
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
                        default -> "released; buyers open it at " + url + ".";
                    };
        }
        if (status == ChangeStatus.FAILED || status == ChangeStatus.CANCELLED) {
            String explanation = explain(changeSet, "offer");
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

    /** What went wrong, change by change, and what the seller does next about the {@code thing} it was to make. */
    public static String explain(DescribeChangeSetResponse changeSet, String thing) {
        List<String> lines = new ArrayList<>();
        lines.add("AWS Marketplace did not apply change set " + changeSet.changeSetId() + " ("
                + changeSet.statusAsString() + (changeSet.failureCodeAsString() == null ? ""
                : ", " + changeSet.failureCodeAsString()) + ").");
        if (changeSet.failureDescription() != null) {
            lines.add(changeSet.failureDescription());
        }
        List<String> errors = new ArrayList<>();
        for (ChangeSummary change : changeSet.changeSet()) {
            change.errorDetailList().forEach(error -> errors.add(change.changeType() + ": " + error.errorCode() + " – "
                    + error.errorMessage()));
        }
        lines.addAll(ErrorText.firstLines(errors, RequestRejected.SHOWN, "errors from AWS"));
        if (ServerFaultRestart.SERVER_FAULT.equals(changeSet.failureCodeAsString())) {
            int faults = ServerFaultRestart.serverFaults(changeSet);
            lines.add("AWS failed internally " + (faults == 1 ? "once" : faults + " times in a row") + " (the connector"
                    + " starts such a change set again by itself, up to a limit) and changed nothing. Wait an hour and"
                    + " create the " + thing + " again; if it fails the same way, give AWS Marketplace Seller"
                    + " Operations the change set id " + changeSet.changeSetId() + ".");
        } else {
            lines.add("Correct the " + thing + " as the messages say and create it again.");
        }
        return String.join("\n", lines);
    }
}
