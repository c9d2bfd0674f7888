package io.mpcrm.connector.channeloffer;

import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.offer.OfferOrigin;
import io.mpcrm.connector.offer.OfferRecords;
import io.mpcrm.connector.offer.OfferSubmission;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.fields.SharedResaleAuthorizationFields;
import io.mpcrm.connector.salesforce.SObjectCatalog;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * CREATE_CHANNEL_PARTNER_OFFER. On a shared resale authorization: a prefilled draft offer for the partner to complete
 * (no AWS call). On that channel partner offer: validated and sent as one change set, released when it succeeds
 * (CreateOfferUsingResaleAuthorization, UpdateMarkup, the offer updates, ReleaseOffer), exactly as Create Offer does.
 */
@Component
public class CreateChannelPartnerOfferAction implements RequestAction {

    private final SObjectCatalog objects;
    private final ChannelPartnerOfferDraft draft;
    private final OfferRecords offers;
    private final OfferSubmission submission;

    public CreateChannelPartnerOfferAction(SObjectCatalog objects, ChannelPartnerOfferDraft draft, OfferRecords offers,
                                           OfferSubmission submission) {
        this.objects = objects;
        this.draft = draft;
        this.offers = offers;
        this.submission = submission;
    }

    @Override
    public String action() {
        return "CREATE_CHANNEL_PARTNER_OFFER";
    }

    @Override
    public Set<String> targetObjects() {
        // The authorization it prefills a draft from, and that draft, which it creates in AWS.
        return Set.of(SharedResaleAuthorizationFields.SHARED, OfferFields.OFFER);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        String target = objects.objectOf(request.targetRecordId()).orElse("");
        if (SharedResaleAuthorizationFields.SHARED.equals(target)) {
            return draft.create(request);
        }
        if (OfferFields.OFFER.equals(target)) {
            OfferOrigin.Type type = OfferRecords.origin(offers.record(request.targetRecordId(),
                    request.sellerAccountRecordId())).type();
            if (type != OfferOrigin.Type.CHANNEL_PARTNER) {
                throw new RequestRejected(List.of(new FieldProblem(OfferFields.OFFER_TYPE.name(), "This is a "
                        + type.label() + " offer, not a Channel Partner one: press Create Offer on it instead.")));
            }
            return submission.submit(request, true);
        }
        throw new RequestRejected(List.of(new FieldProblem(RequestFields.TARGET_RECORD_ID.name(), "Create Channel"
                + " Partner Offer works"
                + " on a shared resale authorization (to prefill a draft offer) or on a Channel Partner offer (to"
                + " send it); record " + request.targetRecordId() + " is neither.")));
    }
}
