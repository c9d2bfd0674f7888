package io.mpcrm.connector.resale;

import io.mpcrm.connector.fields.ResaleAuthorizationFields;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import java.util.Set;
import org.springframework.stereotype.Component;

/** SAVE_RESALE_AUTHORIZATION_DRAFT: the same change set without ReleaseResaleAuthorization, leaving a draft in AWS Marketplace. */
@Component
public class SaveResaleAuthorizationDraftAction implements RequestAction {

    private final ResaleAuthorizationSubmission submission;

    public SaveResaleAuthorizationDraftAction(ResaleAuthorizationSubmission submission) {
        this.submission = submission;
    }

    @Override
    public String action() {
        return "SAVE_RESALE_AUTHORIZATION_DRAFT";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(ResaleAuthorizationFields.AUTHORIZATION);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        return submission.submit(request, false);
    }
}
