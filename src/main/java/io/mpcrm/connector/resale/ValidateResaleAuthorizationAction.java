package io.mpcrm.connector.resale;

import io.mpcrm.connector.fields.ResaleAuthorizationFields;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import java.util.Set;
import org.springframework.stereotype.Component;

/** VALIDATE_RESALE_AUTHORIZATION: every problem of the authorization, or the change set it would send; no AWS call. */
@Component
public class ValidateResaleAuthorizationAction implements RequestAction {

    private final ResaleAuthorizationSubmission submission;

    public ValidateResaleAuthorizationAction(ResaleAuthorizationSubmission submission) {
        this.submission = submission;
    }

    @Override
    public String action() {
        return "VALIDATE_RESALE_AUTHORIZATION";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(ResaleAuthorizationFields.AUTHORIZATION);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        return "The resale authorization is valid. This change set would be sent:\n" + submission.preview(request);
    }
}
