package io.mpcrm.connector.offer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.changeset.ChangeSetExplanation;
import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.marketplace.ChangeSets;
import io.mpcrm.connector.changeset.ServerFaultRestart;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.request.TargetRecordError;
import io.mpcrm.connector.salesforce.FieldValues;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;

/**
 * REFRESH_OFFER_STATUS: reads the offer's change set now and writes its status, offer id and URL, or errors; a set AWS
 * failed internally is started again first, as the tracker would.
 */
@Component
public class RefreshOfferStatusAction implements RequestAction {

    private final OfferRecords records;
    private final ChangeSets changeSets;
    private final ChangeSetOutcome outcome;
    private final ServerFaultRestart restart;
    private final TargetRecordError targetError;

    public RefreshOfferStatusAction(OfferRecords records, ChangeSets changeSets, ChangeSetOutcome outcome,
                                    ServerFaultRestart restart, TargetRecordError targetError) {
        this.records = records;
        this.changeSets = changeSets;
        this.outcome = outcome;
        this.restart = restart;
        this.targetError = targetError;
    }

    @Override
    public String action() {
        return "REFRESH_OFFER_STATUS";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(OfferFields.OFFER);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        ObjectNode record = records.record(request.targetRecordId(), request.sellerAccountRecordId());
        String changeSetId = FieldValues.text(record, OfferFields.CHANGE_SET_ID);
        if (changeSetId == null) {
            throw new RequestRejected(List.of(new FieldProblem(OfferFields.CHANGE_SET_ID.name(),
                    "The offer has not been sent to AWS Marketplace yet: use Create Offer or Save as Draft first.")));
        }
        DescribeChangeSetResponse changeSet = restart.orRestarted(request.sellerAccountId(),
                changeSets.describe(request.sellerAccountId(), changeSetId));
        String said = outcome.apply(record.path("Id").asText(), OfferRecords.productIdOf(record),
                request.sellerAccountId(), FieldValues.text(record, OfferFields.STATUS), changeSet);
        if (ChangeSetExplanation.failed(changeSet)) {
            // The outcome wrote what AWS refused onto Last Error: this request's success must not clear it.
            targetError.writtenByAction(request);
        }
        return said;
    }
}
