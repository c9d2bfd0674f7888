package io.mpcrm.connector.resale;

import static io.mpcrm.connector.fields.ResaleAuthorizationFields.AUTHORIZATION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CHANGE_SET_ID;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.LAST_MODIFIED;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.SELLER;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.STATUS;

import io.mpcrm.connector.changeset.OpenChangeSet;
import io.mpcrm.connector.changeset.OpenChangeSets;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import java.util.List;
import org.springframework.stereotype.Component;

/** Resale authorizations whose change set is still open, for the change-set tracker to follow to their outcome. */
@Component
public class OpenResaleAuthorizationChangeSets implements OpenChangeSets {

    private final SalesforceRecords salesforce;
    private final ResaleAuthorizationOutcome outcome;

    public OpenResaleAuthorizationChangeSets(SalesforceRecords salesforce, ResaleAuthorizationOutcome outcome) {
        this.salesforce = salesforce;
        this.outcome = outcome;
    }

    @Override
    public List<OpenChangeSet> open() {
        return salesforce.query("SELECT Id, " + LAST_MODIFIED + ", " + STATUS + ", " + CHANGE_SET_ID + ", "
                        + SELLER.path(RequestFields.SELLER_ACCOUNT_ID)
                        + " FROM " + AUTHORIZATION + " WHERE " + STATUS + " IN ('PREPARING','APPLYING')"
                        + " AND " + CHANGE_SET_ID + " != null").stream()
                .map(record -> {
                    String recordId = record.path("Id").asText();
                    String accountId = record.path(SELLER.relationship()).path(RequestFields.SELLER_ACCOUNT_ID.name())
                            .asText("");
                    String shown = FieldValues.text(record, STATUS);
                    return new OpenChangeSet(AUTHORIZATION, recordId, shown, accountId,
                            FieldValues.text(record, CHANGE_SET_ID),
                            FieldValues.instant(record, LAST_MODIFIED),
                            (changeSet, writes) -> outcome.apply(recordId, accountId, shown, changeSet, writes));
                })
                .toList();
    }
}
