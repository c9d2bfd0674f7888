package io.mpcrm.connector.sharedresale;

import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.ID_FIELD;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.NAME;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.SELLER;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.SHARED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.marketplace.MarketplaceCatalog;
import io.mpcrm.connector.marketplace.MarketplaceRejected;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SObjectField;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One shared resale authorization as AWS Marketplace holds it now (one DescribeEntity), written onto its
 * {@code MP_Shared_Resale_Authorization__c} record exactly as REFRESH_SHARED_RESALE_AUTHORIZATIONS would, and only
 * when something changed. A channel partner offer is checked against this, not against the last sync: the ISV may
 * have restricted the authorization or ended it early since.
 */
@Component
public class SharedResaleAuthorizationRefresh {

    /** The record's fields this refresh compares and returns: read them with the record. */
    public static final List<String> FIELDS = SyncedSharedResaleAuthorizations.COMPARED.stream()
            .map(SObjectField::name).toList();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MarketplaceCatalog catalog;
    private final SalesforceRecords salesforce;
    private final Clock clock;

    public SharedResaleAuthorizationRefresh(MarketplaceCatalog catalog, SalesforceRecords salesforce, Clock clock) {
        this.catalog = catalog;
        this.salesforce = salesforce;
        this.clock = clock;
    }

    /**
     * The record (with its {@code Id} and {@link #FIELDS}) as it is after the refresh.
     *
     * @param offerField the offer's field that names the authorization, for a refusal the partner can act on
     * @throws RequestRejected when AWS Marketplace no longer shows the authorization to the account
     */
    public ObjectNode refresh(String accountId, ObjectNode record, SObjectField offerField) {
        String id = FieldValues.text(record, ID_FIELD);
        JsonNode details;
        try {
            details = catalog.describeEntity(accountId, id);
        } catch (MarketplaceRejected e) {
            if (e.getCause() instanceof AwsServiceException aws && aws.statusCode() == 404) {
                throw new RequestRejected(List.of(new FieldProblem(offerField.name(), "AWS Marketplace no longer"
                        + " shows the resale authorization " + FieldValues.text(record, NAME) + " (" + id + ") to"
                        + " account " + accountId + ": the ISV may have withdrawn it. Ask the ISV for a new resale"
                        + " authorization, refresh shared resale authorizations and make the offer on that one.")));
            }
            throw e;
        }
        Map<String, Object> row = SharedResaleAuthorizationRows.row(id, details,
                FieldValues.text(record, SELLER), clock.instant());
        if (!SyncedSharedResaleAuthorizations.same(row,
                name -> SyncedSharedResaleAuthorizations.value(record.get(name)))) {
            salesforce.update(SHARED, record.path("Id").asText(), row);
        }
        ObjectNode now = record.deepCopy();
        row.forEach((field, value) -> now.set(field, JSON.valueToTree(value)));
        return now;
    }
}
