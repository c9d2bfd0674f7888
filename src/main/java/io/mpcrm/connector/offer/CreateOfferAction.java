package io.mpcrm.connector.offer;

import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import java.util.Set;
import org.springframework.stereotype.Component;

/** CREATE_OFFER: the offer in one change set, released when it succeeds. */
@Component
public class CreateOfferAction implements RequestAction {

    private final OfferSubmission submission;

    public CreateOfferAction(OfferSubmission submission) {
        this.submission = submission;
    }

    @Override
    public String action() {
        return "CREATE_OFFER";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(OfferFields.OFFER);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        return submission.submit(request, true);
    }
}
