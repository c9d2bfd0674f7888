package io.mpcrm.connector.offer;

import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import java.util.Set;
import org.springframework.stereotype.Component;

/** SAVE_OFFER_DRAFT: the same change set without ReleaseOffer, leaving a draft in AWS Marketplace. */
@Component
public class SaveOfferDraftAction implements RequestAction {

    private final OfferSubmission submission;

    public SaveOfferDraftAction(OfferSubmission submission) {
        this.submission = submission;
    }

    @Override
    public String action() {
        return "SAVE_OFFER_DRAFT";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(OfferFields.OFFER);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        return submission.submit(request, false);
    }
}
