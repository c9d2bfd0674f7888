package io.mpcrm.connector.resale;

import io.mpcrm.connector.fields.ResaleAuthorizationFields;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import java.util.Set;
import org.springframework.stereotype.Component;

/** CREATE_RESALE_AUTHORIZATION: the authorization in one change set, activated (released) when it succeeds. */
@Component
public class CreateResaleAuthorizationAction implements RequestAction {

    private final ResaleAuthorizationSubmission submission;

    public CreateResaleAuthorizationAction(ResaleAuthorizationSubmission submission) {
        this.submission = submission;
    }

    @Override
    public String action() {
        return "CREATE_RESALE_AUTHORIZATION";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(ResaleAuthorizationFields.AUTHORIZATION);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        return submission.submit(request, true);
    }
}
