package io.mpcrm.connector.sandbox;

import java.util.HashMap;
import java.util.Map;

import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;

/** Resale authorization records as a seller writes them in the sandbox org, for tests that need one to press on. */
public final class ResaleAuthorizationRecords {

    private ResaleAuthorizationRecords() {
    }

    /**
     * A New, multi-use, 12-month Contract resale authorization of {@code product} for the sandbox's reseller, standard
     * EULA and reseller contract, written by {@code user}, with a wholesale rate of 800 upfront for each of the
     * product's Entitled dimensions.
     */
    public static String contract(SandboxOrg org, String user, String sellerAccount, String product, String name) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("Name", name + " " + System.nanoTime());
        fields.put("Seller_Account__c", sellerAccount);
        fields.put("Product__c", product);
        fields.put("Reseller_Account_Id__c", SandboxMarketplace.RESELLER);
        fields.put("Pricing_Model__c", "Contract");
        fields.put("Currency__c", "USD");
        fields.put("Service_Length__c", "P12M");
        fields.put("Usage__c", "Multi-use");
        fields.put("Buyer_EULA_Type__c", "StandardEula");
        fields.put("Reseller_Contract_Type__c", "StandardResellerContract");
        fields.put("Status__c", "New");
        String ra = org.insertAs(user, "MP_Resale_Authorization__c", fields);
        for (Map<String, Object> dimension : org.query("SELECT Dimension_Key__c, Types__c FROM MP_Product_Dimension__c"
                + " WHERE Product__c = '" + product + "'")) {
            if (String.valueOf(dimension.get("Types__c")).contains("Entitled")) {
                org.insertAs(user, "MP_Resale_Dimension__c", Map.of("Resale_Authorization__c", ra,
                        "Name", dimension.get("Dimension_Key__c"), "Dimension_Key__c", dimension.get("Dimension_Key__c"),
                        "Rate__c", 800, "Rate_Kind__c", "Upfront"));
            }
        }
        return ra;
    }
}
