package io.mpcrm.connector.security;

import io.mpcrm.connector.sandbox.ContractOffer;
import io.mpcrm.connector.sandbox.Desk;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

/**
 * One seller account's offers and buttons in the sandbox org: build offers on its product, press buttons for it
 * (through the {@link Desk}), and read what the connector wrote.
 */
final class AccountDesk {

    private final SandboxOrg org;
    private final Desk desk;
    private final String sellerAccount;
    private final String product;

    AccountDesk(SandboxOrg org, Desk desk, String sellerAccount, String product) {
        this.org = org;
        this.desk = desk;
        this.sellerAccount = sellerAccount;
        this.product = product;
    }

    /** The user presses the button for {@code action} on {@code target}; returns the request's id. */
    String request(String user, String action, String target, String input) {
        return desk.press(user, action, sellerAccount, target, input);
    }

    /**
     * The same request written in the org's store, past its sharing (as a data load could): for a user the org's API
     * refuses the request from (one who cannot see the seller account), whom the connector must refuse too.
     */
    String requestPastTheApi(String user, String action, String target, String input) {
        return Desk.inStore(org).press(user, action, sellerAccount, target, input);
    }

    Map<String, Object> awaitFinished(String requestId) {
        return desk.awaitEnded(requestId, Duration.ofSeconds(60));
    }

    /** A valid SaaS contract offer owned by {@code user}, with these fields changed, with or without its prices. */
    String offer(String user, Map<String, Object> changed, boolean priced) {
        Map<String, Object> fields = ContractOffer.fields("Acme deal", "Private pricing for Acme Corp", sellerAccount,
                product, LocalDate.now().plusDays(30));
        fields.putAll(changed);
        return priced ? ContractOffer.insertPriced(org, user, fields) : org.insertAs(user, "MP_Private_Offer__c", fields);
    }
}
