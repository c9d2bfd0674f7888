package io.mpcrm.connector.resale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.salesforce.AllOrNone;
import io.mpcrm.connector.salesforce.RecordCopies;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * CLONE_RESALE_AUTHORIZATION: a new draft record with the authorization's terms, wholesale rates and installments,
 * and custom legal documents to attach again (as Clone Offer does for the EULA). No AWS call: an authorization AWS
 * has activated is frozen, so changing one means sending a new one.
 */
@Component
public class CloneResaleAuthorizationAction implements RequestAction {

    private static final List<String> COPIED = List.of("Name", "Description__c", "Product__c", "Seller_Account__c",
            "Reseller_Account_Id__c", "Buyer_Accounts__c", "Pricing_Model__c", "Currency__c", "Service_Length__c",
            "Service_Start_Date__c", "Service_End_Date__c", "Usage__c", "Expiration_Date__c",
            "Maximum_Agreement_Start_Date__c", "Zero_Dollar_Pricing__c", "Installments_Enabled__c",
            "Buyer_EULA_Type__c", "Reseller_Contract_Type__c", "Renewal__c", "Renewal_Acquisition_Channel__c",
            "Renewal_Pricing_Model__c");
    private static final List<String> RATE_FIELDS = List.of("Name", "Dimension_Key__c", "Rate__c", "Rate_Kind__c",
            "Quantity__c");
    private static final List<String> INSTALLMENT_FIELDS = List.of("Charge_Date__c", "Charge_Amount__c",
            "Currency__c", "Installment_Number__c");
    private static final String PARENT = "Resale_Authorization__c";

    private final ResaleAuthorizationRecords records;
    private final SalesforceRecords salesforce;
    private final RecordCopies copies;

    public CloneResaleAuthorizationAction(ResaleAuthorizationRecords records, SalesforceRecords salesforce,
                                          RecordCopies copies) {
        this.records = records;
        this.salesforce = salesforce;
        this.copies = copies;
    }

    @Override
    public String action() {
        return "CLONE_RESALE_AUTHORIZATION";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(ResaleAuthorizationFields.AUTHORIZATION);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        String source = records.record(request.targetRecordId(), request.sellerAccountRecordId()).path("Id").asText();
        ObjectNode original = salesforce.query("SELECT " + String.join(", ", COPIED) + " FROM "
                + ResaleAuthorizationFields.AUTHORIZATION + " WHERE Id = " + Soql.quote(source)).get(0);
        Map<String, Object> copy = RecordCopies.fields(original, COPIED);
        copy.put("Cloned_From__c", source);
        copy.put("Status__c", "New");
        // The seller who asked owns the clone, so that they can see it, edit it and create it (it is Private).
        copy.put("OwnerId", request.requestedBy());
        List<String> reattach = new ArrayList<>();
        if (ResaleAuthorization.CUSTOM_EULA.equals(original.path("Buyer_EULA_Type__c").asText())) {
            reattach.add("the custom buyer EULA (Buyer_EULA_Document_Id__c)");
        }
        if (ResaleAuthorization.CUSTOM_CONTRACT.equals(original.path("Reseller_Contract_Type__c").asText())) {
            reattach.add("the custom reseller contract (Reseller_Contract_Document_Id__c)");
        }
        String note = reattach.isEmpty() ? null : "Attach " + String.join(" and ", reattach) + " to this resale"
                + " authorization again before creating it: the files of the original are not carried over.";
        if (note != null) {
            copy.put("Last_Error__c", note);
        }
        // One transaction: the copy exists with all its rates and installments, or not at all.
        AllOrNone writes = salesforce.allOrNone();
        String copied = writes.create(ResaleAuthorizationFields.AUTHORIZATION, copy);
        writes.createAll(ResaleAuthorizationFields.RATE,
                copies.children(ResaleAuthorizationFields.RATE, RATE_FIELDS, PARENT, source, copied));
        writes.createAll(ResaleAuthorizationFields.INSTALLMENT,
                copies.children(ResaleAuthorizationFields.INSTALLMENT, INSTALLMENT_FIELDS, PARENT, source, copied));
        String clone = salesforce.write(writes).get(copied);
        return "Cloned as draft resale authorization " + clone + (note == null ? "." : "; " + note);
    }
}
