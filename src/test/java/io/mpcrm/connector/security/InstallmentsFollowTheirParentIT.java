package io.mpcrm.connector.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An installment is one charge of an offer or resale authorization, so it is as private as its parent: a colleague
 * sees the charges only of the offers and resale authorizations they may read, and changes them only where they may
 * edit the parent. Offers and resale authorizations are Private; their installments are master-detail children
 * (sharingModel ControlledByParent), whose access Salesforce takes from the master record.
 */
class InstallmentsFollowTheirParentIT extends ConnectorOnSandbox {

    /** Next year, so that the first payment is never in the past (Generate Payment Schedule refuses that). */
    private static final int YEAR = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear() + 1;
    private static final String SCHEDULE = """
            {"totalAmount":"3000.00","currency":"USD","firstPaymentDate":"%1$d-01-15","endDate":"%1$d-12-31",
             "frequencyDays":365,"remainder":"Frontload","dayCounting":"Calendar Day"}""".formatted(YEAR);

    private final String owner = org.createUser("Installment Owner " + System.nanoTime(), "Marketplace_User");
    private final String colleague = org.createUser("Colleague " + System.nanoTime(), "Marketplace_User");
    private final String account = sellerAccount(owner, SELLER_ACCOUNT_ID);

    @Test
    void aColleagueReachesAnOffersInstallmentsOnlyAsFarAsTheOfferIsSharedWithThem() {
        String offer = offer();
        String installment = org.insertAs(owner, "MP_Payment_Installment__c", Map.of("Private_Offer__c", offer,
                "Charge_Date__c", "2027-01-15", "Charge_Amount__c", 3000, "Currency__c", "USD"));

        assertReachedAsFarAsTheParentIsShared(offer, installment);
    }

    @Test
    void aColleagueReachesAResaleAuthorizationsInstallmentsOnlyAsFarAsTheAuthorizationIsSharedWithThem() {
        String authorization = authorization();
        String installment = org.insertAs(owner, "MP_Resale_Installment__c", Map.of("Resale_Authorization__c",
                authorization, "Charge_Date__c", "2027-01-15", "Charge_Amount__c", 3000, "Currency__c", "USD"));

        assertReachedAsFarAsTheParentIsShared(authorization, installment);
    }

    @Test
    void aColleagueWhoMayOnlyReadAnOfferCannotReplaceItsSchedule() {
        String offer = offer();
        org.insertAs(owner, "MP_Payment_Installment__c", Map.of("Private_Offer__c", offer,
                "Charge_Date__c", "2027-01-15", "Charge_Amount__c", 3000, "Currency__c", "USD"));
        List<Map<String, Object>> before = installments("MP_Payment_Installment__c", "Private_Offer__c", offer);
        org.share(account, colleague, "Read");
        org.share(offer, colleague, "Read");

        Map<String, Object> done = awaitFinished(schedule(colleague, offer));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("cannot edit record").contains(offer.substring(0, 15))
                .contains("Ask its owner");
        assertThat(installments("MP_Payment_Installment__c", "Private_Offer__c", offer)).as("nothing written")
                .isEqualTo(before);
    }

    @Test
    void aColleagueWhoMayOnlyReadAResaleAuthorizationCannotReplaceItsSchedule() {
        String authorization = authorization();
        org.insertAs(owner, "MP_Resale_Installment__c", Map.of("Resale_Authorization__c", authorization,
                "Charge_Date__c", "2027-01-15", "Charge_Amount__c", 3000, "Currency__c", "USD"));
        List<Map<String, Object>> before = installments("MP_Resale_Installment__c", "Resale_Authorization__c",
                authorization);
        org.share(account, colleague, "Read");
        org.share(authorization, colleague, "Read");

        Map<String, Object> done = awaitFinished(schedule(colleague, authorization));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("cannot edit record")
                .contains(authorization.substring(0, 15));
        assertThat(installments("MP_Resale_Installment__c", "Resale_Authorization__c", authorization))
                .as("nothing written").isEqualTo(before);
    }

    @Test
    void aColleagueTheResaleAuthorizationIsSharedWithForEditingReplacesItsSchedule() {
        String authorization = authorization();
        org.insertAs(owner, "MP_Resale_Installment__c", Map.of("Resale_Authorization__c", authorization,
                "Charge_Date__c", "2027-01-10", "Charge_Amount__c", 999, "Currency__c", "USD"));
        org.share(account, colleague, "Read");
        org.share(authorization, colleague, "Edit");

        Map<String, Object> done = awaitFinished(schedule(colleague, authorization));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        assertThat((String) done.get("Result__c")).contains("Generated 1 installment").contains("replacing 1 earlier");
        List<Map<String, Object>> rows = installments("MP_Resale_Installment__c", "Resale_Authorization__c",
                authorization);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("Charge_Date__c")).isEqualTo(YEAR + "-01-15");
            assertThat(((Number) row.get("Charge_Amount__c")).intValue()).isEqualTo(3000);
        });
        assertThat(access(colleague, authorization, (String) rows.get(0).get("Id")))
                .as("the new charge follows the authorization too").containsExactly("Edit", "Edit");
    }

    private String offer() {
        return org.insertAs(owner, "MP_Private_Offer__c", Map.of("Name", "Acme annual contract",
                "Seller_Account__c", account, "Offer_Name__c", "Acme annual contract", "Currency__c", "USD"));
    }

    private String authorization() {
        return org.insertAs(owner, "MP_Resale_Authorization__c", Map.of("Name", "Acme resale " + System.nanoTime(),
                "Seller_Account__c", account, "Pricing_Model__c", "Contract", "Currency__c", "USD",
                "Installments_Enabled__c", true, "Status__c", "New"));
    }

    private String schedule(String user, String target) {
        return desk.press(user, "GENERATE_PAYMENT_SCHEDULE", account, target, SCHEDULE);
    }

    private List<Map<String, Object>> installments(String sobject, String parentField, String parent) {
        return rest.query("SELECT Id, Charge_Date__c, Charge_Amount__c, Currency__c FROM " + sobject + " WHERE "
                + parentField + " = '" + parent + "' ORDER BY Charge_Date__c");
    }

    /**
     * The colleague reaches the installment (record access, read from UserRecordAccess) exactly as far as its parent
     * is shared with them: none, then Read, then Edit; the owner, fully.
     */
    private void assertReachedAsFarAsTheParentIsShared(String parent, String installment) {
        assertThat(access(colleague, parent, installment)).as("not shared").containsExactly("None", "None");
        org.share(parent, colleague, "Read");
        assertThat(access(colleague, parent, installment)).as("shared Read").containsExactly("Read", "Read");
        org.share(parent, colleague, "Edit");
        assertThat(access(colleague, parent, installment)).as("shared Edit").containsExactly("Edit", "Edit");
        assertThat(access(owner, parent, installment)).as("the owner").containsExactly("All", "All");
    }

    /** UserRecordAccess.MaxAccessLevel of each record for the user, as the org answers the connector. */
    private List<String> access(String user, String... records) {
        Map<String, String> byRecord = rest.query("SELECT RecordId, MaxAccessLevel FROM UserRecordAccess WHERE UserId = '"
                        + user + "' AND RecordId IN ('" + String.join("', '", records) + "')").stream()
                .collect(Collectors.toMap(row -> (String) row.get("RecordId"), row -> (String) row.get("MaxAccessLevel")));
        return Arrays.stream(records).map(byRecord::get).toList();
    }
}
