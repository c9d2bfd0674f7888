package io.mpcrm.connector.sandbox;

import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The offer most seller stories start from: a direct SaaS contract offer for one buyer, 12 months, standard EULA, with
 * an upfront rate for every entitled dimension of its product. Stories change the fields they are about.
 */
public final class ContractOffer {

    public static final String BUYER = "444455556666";

    private ContractOffer() {
    }

    public static Map<String, Object> fields(String name, String description, String sellerAccount, String product,
                                             LocalDate expiration) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("Name", name);
        fields.put("Offer_Name__c", name);
        fields.put("Description__c", description);
        fields.put("Offer_Type__c", "Direct");
        fields.put("Seller_Account__c", sellerAccount);
        fields.put("Product__c", product);
        fields.put("Buyer_Accounts__c", BUYER);
        fields.put("Pricing_Model__c", "Contract");
        fields.put("Currency__c", "USD");
        fields.put("Service_Length__c", "P12M");
        fields.put("Expiration_Date__c", expiration.toString());
        fields.put("EULA_Type__c", "StandardEula");
        return fields;
    }

    /** Inserts the offer as the user, then its rates: 10 units at 1 200 upfront per entitled dimension. */
    public static String insertPriced(SandboxOrg org, String user, Map<String, Object> fields) {
        String offer = org.insertAs(user, "MP_Private_Offer__c", fields);
        for (Map<String, Object> dimension : org.query("SELECT Dimension_Key__c, Types__c FROM MP_Product_Dimension__c"
                + " WHERE Product__c = '" + fields.get("Product__c") + "'")) {
            if (String.valueOf(dimension.get("Types__c")).contains("Entitled")) {
                org.insertAs(user, "MP_Offer_Dimension__c", Map.of("Private_Offer__c", offer,
                        "Name", dimension.get("Dimension_Key__c"), "Dimension_Key__c", dimension.get("Dimension_Key__c"),
                        "Rate__c", 1200, "Rate_Kind__c", "Upfront", "Quantity__c", 10));
            }
        }
        return offer;
    }
}
