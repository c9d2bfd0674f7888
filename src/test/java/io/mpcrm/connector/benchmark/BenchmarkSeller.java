package io.mpcrm.connector.benchmark;

import io.mpcrm.connector.sandbox.ContractOffer;
import io.mpcrm.connector.sandbox.Desk;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a seller does in the sandbox org for the benchmark: seller account records, a synced product, offers ready to
 * create, and button presses (requests, through a {@link Desk#inStore} desk: written straight into the org so that
 * only the connector's own Salesforce calls are counted).
 */
public final class BenchmarkSeller {

    private final SandboxOrg org;
    private final Desk desk;
    private final MarketplaceSandbox marketplace;
    private final String user;
    private final Map<String, String> sellerAccounts = new HashMap<>();

    public BenchmarkSeller(SandboxOrg org, MarketplaceSandbox marketplace) {
        this.org = org;
        this.desk = Desk.inStore(org);
        this.marketplace = marketplace;
        this.user = org.createUser("Benchmark Seller " + System.nanoTime(), "Marketplace_User");
    }

    public SandboxOrg org() {
        return org;
    }

    /** The user who presses the buttons. */
    public String user() {
        return user;
    }

    /** The seller account record of an AWS account, shared with the benchmark's user. */
    public String sellerAccount(String accountId) {
        String record = sellerAccounts.computeIfAbsent(accountId, id -> org.query(
                        "SELECT Id FROM AWS_Seller_Account__c WHERE Account_Id__c = '" + id + "'").stream()
                .map(r -> (String) r.get("Id")).findFirst()
                .orElseGet(() -> org.insert("AWS_Seller_Account__c",
                        Map.of("Name", "Seller " + id, "Account_Id__c", id, "Role__c", "ISV"))));
        org.grantAccess(user, record);
        return record;
    }

    /** A SaaS product of the account with the dimensions users and admins, synced by Refresh Products. */
    public String syncedProduct(String accountId) {
        String sellerAccount = sellerAccount(accountId);
        List<Map<String, Object>> synced = org.query("SELECT Id FROM MP_Product__c WHERE Seller_Account__c = '"
                + sellerAccount + "'");
        if (!synced.isEmpty()) {
            return (String) synced.get(0).get("Id");
        }
        String productId = marketplace.addProduct(accountId, MarketplaceSandbox.ProductType.SAAS,
                "Benchmark Analytics " + accountId, "Public", 2);
        String refresh = press("REFRESH_PRODUCTS", sellerAccount, sellerAccount);
        awaitFinished(List.of(refresh), Duration.ofMinutes(2));
        return (String) org.query("SELECT Id FROM MP_Product__c WHERE Product_Id__c = '" + productId + "'").get(0)
                .get("Id");
    }

    /** {@code count} complete contract offers on the product, each with two upfront rates, ready to create. */
    public List<String> offers(String accountId, String product, int count) {
        String sellerAccount = sellerAccount(accountId);
        List<String> offers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, Object> fields = ContractOffer.fields("Benchmark deal " + i, "Private pricing, deal " + i,
                    sellerAccount, product, LocalDate.now(ZoneOffset.UTC).plusDays(30));
            String offer = org.insertAs(user, "MP_Private_Offer__c", fields);
            for (String dimension : List.of("users", "admins")) {
                org.insertAs(user, "MP_Offer_Dimension__c", Map.of("Private_Offer__c", offer, "Name", dimension,
                        "Dimension_Key__c", dimension, "Rate__c", 1200, "Rate_Kind__c", "Upfront", "Quantity__c", 10));
            }
            offers.add(offer);
        }
        return offers;
    }

    /** Presses a button: a request on the target record, as the Quick Action creates it. */
    public String press(String action, String sellerAccount, String target) {
        return desk.press(user, action, sellerAccount, target, null);
    }

    /** Waits until every request has ended; returns how many ended in each status. */
    public Map<String, Integer> awaitFinished(Collection<String> requests, Duration atMost) {
        return desk.awaitAllEnded(requests, atMost);
    }

    /** When the request was inserted and when its outcome was written back. */
    public Instant[] insertedAndFinished(String request) {
        Map<String, Object> r = org.get("Marketplace_Request__c", request);
        return new Instant[] {SalesforceTime.parse(r.get("CreatedDate")), SalesforceTime.parse(r.get("Finished_At__c")),
                SalesforceTime.parse(r.get("Started_At__c"))};
    }
}
