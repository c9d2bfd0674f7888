package io.mpcrm.connector.offer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.salesforce.AllOrNone;
import io.mpcrm.connector.salesforce.RecordCopies;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * CLONE_OFFER: a new draft record with the offer's terms, rates and installments, the seller's own account added to
 * the buyers (so the seller can open the offer as a buyer would), and a custom EULA to attach again. No AWS call:
 * a released offer is frozen, so changing one means sending a new one.
 */
@Component
public class CloneOfferAction implements RequestAction {

    private static final List<String> COPIED = List.of("Name", "Offer_Name__c", "Description__c", "Offer_Type__c",
            "Product__c", "Seller_Account__c", "Buyer_Accounts__c", "Pricing_Model__c", "Currency__c",
            "Service_Length__c", "Service_Start_Date__c", "Service_End_Date__c", "Expiration_Date__c",
            "Zero_Dollar_Pricing__c", "Installments_Enabled__c", "EULA_Type__c", "Renewal__c",
            "Renewal_Acquisition_Channel__c", "Renewal_Pricing_Model__c", "Agreement__c",
            "Shared_Resale_Authorization__c", "Markup_Percentage__c");
    private static final List<String> RATE_FIELDS = List.of("Name", "Dimension_Key__c", "Rate__c", "Rate_Kind__c",
            "Quantity__c");
    private static final List<String> INSTALLMENT_FIELDS = List.of("Charge_Date__c", "Charge_Amount__c",
            "Currency__c", "Installment_Number__c");

    private final OfferRecords offers;
    private final SalesforceRecords salesforce;
    private final RecordCopies copies;

    public CloneOfferAction(OfferRecords offers, SalesforceRecords salesforce, RecordCopies copies) {
        this.offers = offers;
        this.salesforce = salesforce;
        this.copies = copies;
    }

    @Override
    public String action() {
        return "CLONE_OFFER";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(OfferFields.OFFER);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        String source = offers.record(request.targetRecordId(), request.sellerAccountRecordId()).path("Id").asText();
        ObjectNode original = salesforce.query("SELECT " + String.join(", ", COPIED) + " FROM " + OfferFields.OFFER
                + " WHERE Id = " + Soql.quote(source)).get(0);
        Map<String, Object> copy = RecordCopies.fields(original, COPIED);
        Set<String> buyers = new LinkedHashSet<>();
        String listed = original.path("Buyer_Accounts__c").asText("");
        for (String buyer : listed.split("[,;\\s]+")) {
            if (!buyer.isBlank()) {
                buyers.add(buyer);
            }
        }
        buyers.add(request.sellerAccountId());
        copy.put("Buyer_Accounts__c", String.join(",", buyers));
        copy.put("Cloned_From__c", source);
        copy.put("Status__c", "New");
        // The seller who asked owns the clone, so that they can see it, edit it and create it (offers are Private).
        copy.put("OwnerId", request.requestedBy());
        boolean customEula = "CustomEula".equals(original.path("EULA_Type__c").asText());
        if (customEula) {
            copy.put("Last_Error__c", "Attach the custom EULA to this offer again before creating it: the file of the"
                    + " original offer is not carried over.");
        }
        // One transaction: the copy exists with all its rates and installments, or not at all.
        AllOrNone writes = salesforce.allOrNone();
        String copied = writes.create(OfferFields.OFFER, copy);
        writes.createAll(OfferFields.RATE, copies.children(OfferFields.RATE, RATE_FIELDS, "Private_Offer__c", source,
                copied));
        writes.createAll(OfferFields.INSTALLMENT, copies.children(OfferFields.INSTALLMENT, INSTALLMENT_FIELDS,
                "Private_Offer__c", source, copied));
        String clone = salesforce.write(writes).get(copied);
        return "Cloned as draft offer " + clone + " with the seller's own account " + request.sellerAccountId()
                + " among the buyers" + (customEula ? "; attach the custom EULA again before creating it." : ".");
    }
}
