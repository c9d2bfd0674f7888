package io.mpcrm.connector.offer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.salesforce.FieldValues;
import java.util.List;
import java.util.Set;

/**
 * AWS Marketplace freezes a released offer: only its expiration date can change. So creating, saving or validating
 * it again is refused before any AWS call, with the three things a seller can still do.
 */
final class ReleasedOffer {

    /** Statuses of an offer that was released; a failed later change (an expiry) keeps it released in AWS. */
    private static final Set<String> RELEASED = Set.of("Released", "Expired", "Cancelled");

    private ReleasedOffer() {
    }

    /** Refuses to edit the offer record if AWS Marketplace released it. */
    static void refuseEdits(ObjectNode record) {
        String status = FieldValues.text(record, OfferFields.STATUS);
        String offerId = FieldValues.text(record, OfferFields.OFFER_ID);
        // Only a release writes the buyer URL, so it tells a released offer from a draft whose release failed.
        boolean released = (status != null && RELEASED.contains(status))
                || (offerId != null && FieldValues.text(record, OfferFields.OFFER_URL) != null);
        if (released) {
            throw new RequestRejected(List.of(new FieldProblem(OfferFields.STATUS.name(), "This offer"
                    + (offerId == null ? "" : " (" + offerId + ")") + " is released in AWS Marketplace, which freezes"
                    + " it: only its expiration date can change. Use Modify Offer Expiration (MODIFY_OFFER_EXPIRATION)"
                    + " to change when it expires, Cancel Offer (CANCEL_OFFER) to stop buyers accepting it, or Clone"
                    + " Offer (CLONE_OFFER) to make a new offer from it and create that one.")));
        }
    }
}
