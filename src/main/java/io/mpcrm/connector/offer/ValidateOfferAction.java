package io.mpcrm.connector.offer;

import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * VALIDATE_OFFER: every problem of the offer, or the name buyers will see and the change set it would send; nothing is
 * sent to AWS (a channel partner offer's resale authorization is read from AWS, as Create Offer reads it).
 */
@Component
public class ValidateOfferAction implements RequestAction {

    private final OfferSubmission submission;

    public ValidateOfferAction(OfferSubmission submission) {
        this.submission = submission;
    }

    @Override
    public String action() {
        return "VALIDATE_OFFER";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(OfferFields.OFFER);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        OfferSubmission.Preview preview = submission.preview(request, true);
        return "The offer is valid. Buyers will see it named \"" + preview.buyerName() + "\""
                + (preview.nameFromRecordName() ? " (the record's Name, because Offer Name is empty)" : "")
                + ". This change set would be sent:\n" + OfferSubmission.pretty(preview.changes());
    }
}
