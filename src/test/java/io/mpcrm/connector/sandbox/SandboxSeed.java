package io.mpcrm.connector.sandbox;

import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import java.util.HashMap;
import java.util.Map;

/**
 * What a newcomer finds in the sandbox org: a seller account and a channel partner account, one SaaS product, a draft
 * private offer and a queued request to generate its payment schedule. The Marketplace sandbox holds the matching
 * AWS side (products of every type, agreements, resale authorizations shared with the channel partner).
 */
public record SandboxSeed(String userId, String sellerAccount, String channelPartnerAccount, String product,
                          String offer, String scheduleRequest) {

    public static final String ACCOUNT_ID = SandboxMarketplace.SELLER;

    public static SandboxSeed plant(SandboxOrg org) {
        // One person sells as the ISV and as the channel partner here: they hold both people's permission sets.
        String user = org.createUser("Sandbox Seller", "Marketplace_User", "Marketplace_Channel_Partner");
        String seller = account(org, user, "Example Software Inc.", ACCOUNT_ID, "ISV");
        String product = org.insertAs(user, "MP_Product__c", Map.of("Name", "Example Analytics (SaaS)",
                "Product_Id__c", SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS), "Product_Type__c", "SaaS", "Seller_Account__c", seller));
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        Map<String, Object> offerFields = new HashMap<>();
        offerFields.put("Name", "Example Corp annual contract");
        offerFields.put("Offer_Name__c", "Example Corp annual contract");
        offerFields.put("Description__c", "Private pricing for Example Corp, paid in four installments");
        offerFields.put("Offer_Type__c", "Direct");
        offerFields.put("Seller_Account__c", seller);
        offerFields.put("Product__c", product);
        offerFields.put("Currency__c", "USD");
        offerFields.put("Buyer_Accounts__c", "444455556666");
        offerFields.put("Pricing_Model__c", "Contract");
        offerFields.put("Service_Length__c", "P12M");
        offerFields.put("Expiration_Date__c", today.plusDays(30).toString());
        offerFields.put("EULA_Type__c", "StandardEula");
        offerFields.put("Installments_Enabled__c", true);
        String offer = org.insertAs(user, "MP_Private_Offer__c", offerFields);
        String scheduleRequest = Desk.inStore(org).press(user, "GENERATE_PAYMENT_SCHEDULE", seller, offer,
                "{\"totalAmount\":\"36000.00\",\"currency\":\"USD\",\"firstPaymentDate\":\""
                        + today.plusDays(10) + "\",\"endDate\":\"" + today.plusDays(300) + "\",\"frequencyDays\":90,"
                        + "\"remainder\":\"Frontload\",\"dayCounting\":\"Calendar Day\"}");
        String partner = account(org, user, "Example Reseller LLC", SandboxMarketplace.CHANNEL_PARTNER,
                "Channel Partner");
        return new SandboxSeed(user, seller, partner, product, offer, scheduleRequest);
    }

    /**
     * The seller account of an AWS account, shared with {@code user}: a new org gets it from the seed; an org that has
     * it already (one per AWS account: Account_Id__c is unique) keeps its own, as when a test plants the seed.
     */
    private static String account(SandboxOrg org, String user, String name, String accountId, String role) {
        return org.query("SELECT Id FROM AWS_Seller_Account__c WHERE Account_Id__c = '" + accountId + "'").stream()
                .map(r -> (String) r.get("Id")).findFirst()
                .map(existing -> {
                    org.share(existing, user, "Read");
                    return existing;
                })
                .orElseGet(() -> org.insertAs(user, "AWS_Seller_Account__c", Map.of("Name", name,
                        "Account_Id__c", accountId, "Role__c", role)));
    }
}
