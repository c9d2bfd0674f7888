package io.mpcrm.connector.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.fields.AgreementFields;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.fields.SharedResaleAuthorizationFields;
import io.mpcrm.connector.marketplace.SellerAccounts;
import io.mpcrm.connector.salesforce.RecordIds;
import io.mpcrm.connector.salesforce.SObjectCatalog;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Decides whether the connector may act on a request: the seller account must be one the administrator configured,
 * and the user who made the request must be able to read that seller account and edit the target record in
 * Salesforce. The connector's own user can see everything, so this is checked explicitly, never assumed.
 * Agreements and shared resale authorizations are the connector's copies of what AWS holds: users start new offers
 * from them without editing them, so reading them is enough. So is reading a seller account: its buttons import and
 * refresh what AWS holds for the account without changing the account, and the people who act for it only read it
 * (their permission sets grant Read on the object, so a share cannot give them Edit).
 */
@Component
public class RequestAuthorization {

    private static final Set<String> READ_IS_ENOUGH = Set.of(AgreementFields.AGREEMENT,
            SharedResaleAuthorizationFields.SHARED, RequestFields.SELLER_ACCOUNT);

    private final SellerAccounts sellerAccounts;
    private final SalesforceRecords salesforce;
    private final SObjectCatalog catalog;

    public RequestAuthorization(SellerAccounts sellerAccounts, SalesforceRecords salesforce, SObjectCatalog catalog) {
        this.sellerAccounts = sellerAccounts;
        this.salesforce = salesforce;
        this.catalog = catalog;
    }

    public void check(MarketplaceRequest request) {
        if (request.sellerAccountRecordId() == null) {
            throw new RequestRefused(List.of(new FieldProblem(RequestFields.SELLER.name(),
                    "The request names no seller account. Create it from a record that has a seller account.")));
        }
        if (request.sellerAccountId() == null || sellerAccounts.find(request.sellerAccountId()).isEmpty()) {
            throw new RequestRefused(List.of(new FieldProblem(RequestFields.SELLER.name(),
                    "AWS account " + request.sellerAccountId() + " is not configured in this connector, so it will"
                            + " not act for it. Ask your administrator to add it to connector.seller-accounts.")));
        }
        if (request.targetRecordId() != null && !RecordIds.isRecordId(request.targetRecordId())) {
            throw new RequestRefused(List.of(new FieldProblem(RequestFields.TARGET_RECORD_ID.name(), "'"
                    + request.targetRecordId() + "' is not a Salesforce record id. Press the button on the record"
                    + " itself; if a flow or data load made this request, it must put the record's 15- or 18-character"
                    + " id here.")));
        }
        Set<String> records = new LinkedHashSet<>();
        records.add(request.sellerAccountRecordId());
        if (request.targetRecordId() != null) {
            records.add(request.targetRecordId());
        }
        Map<String, ObjectNode> access = salesforce.query(
                        "SELECT RecordId, HasReadAccess, HasEditAccess FROM UserRecordAccess WHERE UserId = "
                                + Soql.quote(request.requestedBy()) + " AND RecordId IN " + Soql.quoteAll(records))
                .stream().collect(Collectors.toMap(r -> r.path("RecordId").asText().substring(0, 15), r -> r));
        if (!has(access, request.sellerAccountRecordId(), "HasReadAccess")) {
            throw new RequestRefused("You do not have access to seller account " + request.sellerAccountId()
                    + " in Salesforce, so the connector will not act for you on it. Ask your administrator for access.");
        }
        if (request.targetRecordId() == null) {
            return;
        }
        boolean readOnly = catalog.objectOf(request.targetRecordId()).filter(READ_IS_ENOUGH::contains).isPresent();
        if (readOnly && !has(access, request.targetRecordId(), "HasReadAccess")) {
            throw new RequestRefused("You cannot see record " + request.targetRecordId()
                    + " in Salesforce, so the connector will not act on it for you. Ask your administrator.");
        }
        if (!readOnly && !has(access, request.targetRecordId(), "HasEditAccess")) {
            throw new RequestRefused("You cannot edit record " + request.targetRecordId()
                    + " in Salesforce, so the connector will not change it for you. Ask its owner or your administrator.");
        }
    }

    private static boolean has(Map<String, ObjectNode> access, String recordId, String right) {
        ObjectNode row = recordId.length() >= 15 ? access.get(recordId.substring(0, 15)) : null;
        return row != null && row.path(right).asBoolean(false);
    }
}
