package io.mpcrm.connector.replica;

import io.mpcrm.connector.sandbox.Desk;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.SandboxSalesforce;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import io.mpcrm.connector.sandbox.salesforce.SandboxPubSub;
import java.time.Duration;
import java.util.Map;

/**
 * A sandbox org of one test class's own, with its Pub/Sub API, and a seller who asks for payment schedules: no other
 * connector in the JVM (the shared test context keeps sweeping the shared org) can take these requests.
 */
final class SellerOrg implements AutoCloseable {

    private static final String SCHEDULE = """
            {"totalAmount":"1200.00","currency":"USD","firstPaymentDate":"%1$d-01-15","endDate":"%1$d-12-31",
             "frequencyDays":30,"remainder":"Frontload","dayCounting":"Calendar Day"}"""
            .formatted(java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear() + 1);

    final SandboxOrg org = SandboxOrg.start(SandboxSalesforce.OBJECTS, SandboxOrg.Options.defaults());
    final SandboxPubSub pubsub = SandboxPubSub.start(org);
    private final String seller = org.createUser("Replica Seller", "Marketplace_User");
    private final String sellerAccount;
    /** Presses and reads in the org's store: the replicas' tests time the connector, not the org's API. */
    private final Desk desk = Desk.inStore(org);

    SellerOrg() {
        sellerAccount = org.insertAs(seller, "AWS_Seller_Account__c", Map.of("Name", "Seller "
                + SandboxMarketplace.SELLER, "Account_Id__c", SandboxMarketplace.SELLER, "Role__c", "ISV"));
    }

    /** The seller presses Generate Payment Schedule on a new offer: 12 monthly installments. */
    String paymentScheduleRequest() {
        String offer = org.insertAs(seller, "MP_Private_Offer__c", Map.of("Name", "Replica offer",
                "Seller_Account__c", sellerAccount, "Currency__c", "USD"));
        return desk.press(seller, "GENERATE_PAYMENT_SCHEDULE", sellerAccount, offer, SCHEDULE);
    }

    Map<String, Object> request(String id) {
        return org.get("Marketplace_Request__c", id);
    }

    Map<String, Object> awaitFinished(String id, Duration within) {
        return desk.awaitEnded(id, within);
    }

    int installments(String requestId) {
        return org.query("SELECT Id FROM MP_Payment_Installment__c WHERE Private_Offer__c = '"
                + request(requestId).get("Target_Record_Id__c") + "'").size();
    }

    @Override
    public void close() {
        pubsub.close();
        org.close();
    }
}
