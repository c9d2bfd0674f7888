package io.mpcrm.connector.sandbox;

import java.util.HashMap;
import java.util.Map;

import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;

/**
 * Contract resale authorizations as an ISV writes them in the sandbox org, with their wholesale rates, for tests that
 * need one to press on. The one place the tests write a resale authorization record.
 */
public final class ContractResaleAuthorizations {

    private ContractResaleAuthorizations() {
    }

    /**
     * A New, multi-use, 12-month Contract resale authorization of {@code product} for the sandbox's reseller, standard
     * EULA and reseller contract, written by {@code user}, with a wholesale rate of 800 upfront for each of the
     * product's Entitled dimensions. Its name is {@code name} made unique.
     */
    public static String write(SandboxOrg org, String user, String sellerAccount, String product, String name) {
        return write(org, user, sellerAccount, product, name, Map.of());
    }

    /** As {@link #write(SandboxOrg, String, String, String, String)}, with {@code fields} set over those. */
    public static String write(SandboxOrg org, String user, String sellerAccount, String product, String name,
            Map<String, ?> fields) {
        Map<String, Object> record = fields(name + " " + System.nanoTime(), sellerAccount, product);
        record.putAll(fields);
        return write(org, user, record);
    }

    /**
     * The fields of a New, multi-use, 12-month Contract resale authorization named {@code name} of {@code product}
     * for the sandbox's reseller, with the standard EULA and reseller contract; a test sets more or others over them.
     */
    public static Map<String, Object> fields(String name, String sellerAccount, String product) {
        Map<String, Object> record = new HashMap<>();
        record.put("Name", name);
        record.put("Seller_Account__c", sellerAccount);
        record.put("Product__c", product);
        record.put("Reseller_Account_Id__c", SandboxMarketplace.RESELLER);
        record.put("Pricing_Model__c", "Contract");
        record.put("Currency__c", "USD");
        record.put("Service_Length__c", "P12M");
        record.put("Usage__c", "Multi-use");
        record.put("Buyer_EULA_Type__c", "StandardEula");
        record.put("Reseller_Contract_Type__c", "StandardResellerContract");
        record.put("Status__c", "New");
        return record;
    }

    /**
     * Writes the resale authorization as {@code user}, with a wholesale rate of 800 upfront for each Entitled
     * dimension of its product; returns its id.
     */
    public static String write(SandboxOrg org, String user, Map<String, ?> fields) {
        String ra = org.insertAs(user, "MP_Resale_Authorization__c", new HashMap<>(fields));
        for (Map<String, Object> dimension : org.query("SELECT Dimension_Key__c, Types__c FROM MP_Product_Dimension__c"
                + " WHERE Product__c = '" + fields.get("Product__c") + "'")) {
            if (String.valueOf(dimension.get("Types__c")).contains("Entitled")) {
                org.insertAs(user, "MP_Resale_Dimension__c", Map.of("Resale_Authorization__c", ra,
                        "Name", dimension.get("Dimension_Key__c"), "Dimension_Key__c", dimension.get("Dimension_Key__c"),
                        "Rate__c", 800, "Rate_Kind__c", "Upfront"));
            }
        }
        return ra;
    }
}
