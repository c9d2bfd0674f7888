package io.mpcrm.connector.security;

import static org.awaitility.Awaitility.await;

import io.mpcrm.connector.sandbox.ContractOffer;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrgRestClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** What a Salesforce user does in the sandbox org: build offers, press buttons, and read what the connector wrote. */
final class SellerDesk {

    private final SandboxOrg org;
    private final SandboxOrgRestClient rest;
    private final String sellerAccount;
    private final String product;

    SellerDesk(SandboxOrg org, SandboxOrgRestClient rest, String sellerAccount, String product) {
        this.org = org;
        this.rest = rest;
        this.sellerAccount = sellerAccount;
        this.product = product;
    }

    /** The user presses the button for {@code action} on {@code target}; returns the request's id. */
    String request(String user, String action, String target, String input) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("Action__c", action);
        fields.put("Seller_Account__c", sellerAccount);
        fields.put("Target_Record_Id__c", target == null ? sellerAccount : target);
        if (input != null) {
            fields.put("Input__c", input);
        }
        return org.insertAs(user, "Marketplace_Request__c", fields);
    }

    Map<String, Object> awaitFinished(String requestId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> rest.get("Marketplace_Request__c", requestId),
                        r -> "Succeeded".equals(r.get("Status__c")) || "Failed".equals(r.get("Status__c")));
    }

    /** A valid SaaS contract offer owned by {@code user}, with these fields changed, with or without its prices. */
    String offer(String user, Map<String, Object> changed, boolean priced) {
        Map<String, Object> fields = ContractOffer.fields("Acme deal", "Private pricing for Acme Corp", sellerAccount,
                product, LocalDate.now().plusDays(30));
        fields.putAll(changed);
        return priced ? ContractOffer.insertPriced(org, user, fields) : org.insertAs(user, "MP_Private_Offer__c", fields);
    }
}
