package io.mpcrm.connector.resale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.changeset.ChangeSetExplanation;
import io.mpcrm.connector.fields.ResaleAuthorizationFields;
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
 * REFRESH_RESALE_AUTHORIZATION_STATUS: reads the record's change set now (DescribeChangeSet, then DescribeEntity for
 * the status) and writes it, after starting again a set AWS failed internally; with no change set it reads the
 * authorization alone. Only updates the record it is on, so refreshing at any rate creates nothing.
 */
@Component
public class RefreshResaleAuthorizationStatusAction implements RequestAction {

    private final ResaleAuthorizationRecords records;
    private final ChangeSets changeSets;
    private final ResaleAuthorizationOutcome outcome;
    private final ServerFaultRestart restart;
    private final TargetRecordError targetError;

    public RefreshResaleAuthorizationStatusAction(ResaleAuthorizationRecords records, ChangeSets changeSets,
                                                  ResaleAuthorizationOutcome outcome, ServerFaultRestart restart,
                                                  TargetRecordError targetError) {
        this.records = records;
        this.changeSets = changeSets;
        this.outcome = outcome;
        this.restart = restart;
        this.targetError = targetError;
    }

    @Override
    public String action() {
        return "REFRESH_RESALE_AUTHORIZATION_STATUS";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(ResaleAuthorizationFields.AUTHORIZATION);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        ObjectNode record = records.record(request.targetRecordId(), request.sellerAccountRecordId());
        String recordId = record.path("Id").asText();
        String changeSetId = FieldValues.text(record, ResaleAuthorizationFields.CHANGE_SET_ID);
        if (changeSetId != null) {
            DescribeChangeSetResponse changeSet = restart.orRestarted(request.sellerAccountId(),
                    changeSets.describe(request.sellerAccountId(), changeSetId));
            String said = outcome.apply(recordId, request.sellerAccountId(),
                    FieldValues.text(record, ResaleAuthorizationFields.STATUS), changeSet);
            if (ChangeSetExplanation.failed(changeSet)) {
                // The outcome wrote what AWS refused onto Last Error: this request's success must not clear it.
                targetError.writtenByAction(request);
            }
            return said;
        }
        String authorizationId = FieldValues.text(record, ResaleAuthorizationFields.AUTHORIZATION_ID);
        if (authorizationId == null) {
            throw new RequestRejected(List.of(new FieldProblem(ResaleAuthorizationFields.CHANGE_SET_ID.name(),
                    "The resale authorization has not been sent to AWS Marketplace yet: use Create Resale"
                            + " Authorization or Save as Draft first.")));
        }
        return outcome.describe(recordId, request.sellerAccountId(), authorizationId, null);
    }
}
