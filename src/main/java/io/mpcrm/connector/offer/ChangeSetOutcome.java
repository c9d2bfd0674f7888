package io.mpcrm.connector.offer;

import static io.mpcrm.connector.offer.OfferFields.CHANGE_SET_ID;
import static io.mpcrm.connector.offer.OfferFields.LAST_ERROR;
import static io.mpcrm.connector.offer.OfferFields.OFFER_ID;
import static io.mpcrm.connector.offer.OfferFields.OFFER_URL;
import static io.mpcrm.connector.offer.OfferFields.STATUS;

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

    public ChangeSetOutcome(OfferRecords offers) {
        this.offers = offers;
    }

    /** Applies the change set's state to the offer and says in one sentence what happened. */
    public String apply(String offerRecordId, String productId, DescribeChangeSetResponse changeSet) {
        ChangeStatus status = changeSet.status();
        if (status == ChangeStatus.SUCCEEDED) {
            String offerId = createdOfferId(changeSet);
            boolean released = changeSet.changeSet().stream().anyMatch(c -> "ReleaseOffer".equals(c.changeType()));
            String url = offerId == null || productId == null ? null
                    : "https://aws.amazon.com/marketplace/procurement?productId=" + productId + "&offerId=" + offerId;
            Map<String, Object> fields = OfferRecords.fields(STATUS.name(), released ? "Released" : "Draft",
                    LAST_ERROR.name(), null, CHANGE_SET_ID.name(), changeSet.changeSetId());
            if (offerId != null) {
                fields.put(OFFER_ID.name(), offerId);
            }
            if (released && url != null) {
                fields.put(OFFER_URL.name(), url);
            }
            offers.write(offerRecordId, fields);
            return "Change set " + changeSet.changeSetId() + " succeeded: offer " + offerId
                    + (released ? " released; buyers open it at " + url : " saved as a draft in AWS Marketplace") + ".";
        }
        if (status == ChangeStatus.FAILED || status == ChangeStatus.CANCELLED) {
            String explanation = explain(changeSet);
            offers.write(offerRecordId, OfferRecords.fields(STATUS.name(), "FAILED", LAST_ERROR.name(), explanation));
            return explanation;
        }
        offers.write(offerRecordId, OfferRecords.fields(STATUS.name(), status.toString(),
                CHANGE_SET_ID.name(), changeSet.changeSetId()));
        return "Change set " + changeSet.changeSetId() + " is " + status + ".";
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

    private static String explain(DescribeChangeSetResponse changeSet) {
        List<String> lines = new ArrayList<>();
        lines.add("AWS Marketplace did not apply change set " + changeSet.changeSetId() + " ("
                + changeSet.statusAsString() + (changeSet.failureCodeAsString() == null ? ""
                : ", " + changeSet.failureCodeAsString()) + ").");
        if (changeSet.failureDescription() != null) {
            lines.add(changeSet.failureDescription());
        }
        for (ChangeSummary change : changeSet.changeSet()) {
            change.errorDetailList().forEach(error -> lines.add(change.changeType() + ": " + error.errorCode() + " – "
                    + error.errorMessage()));
        }
        if ("SERVER_FAULT".equals(changeSet.failureCodeAsString())) {
            lines.add("This was a fault on AWS's side: create the offer again.");
        } else {
            lines.add("Correct the offer as the messages say and create it again.");
        }
        return String.join("\n", lines);
    }
}
