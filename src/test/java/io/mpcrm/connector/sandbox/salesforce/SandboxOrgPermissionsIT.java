package io.mpcrm.connector.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mpcrm.connector.sandbox.salesforce.SalesforceMetadata.ObjectPermissions;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrgRestClient.ApiException;

/**
 * The sandbox org holds each session's user to what Salesforce would allow them over the REST API, from the project's
 * own permission sets: objects, fields and records. The people are set up as an administrator sets them up (a seller
 * holds Marketplace_User, a partner Marketplace_Channel_Partner), the connector's user as Salesforce recommends for an
 * integration (the API-only profile and Marketplace_Connector).
 */
class SandboxOrgPermissionsIT {

    private static final Path OBJECTS = Path.of("salesforce/force-app/main/default/objects");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT = "Marketplace_Request_Event__e";

    private static SandboxOrg org;
    private static SandboxOrgRestClient connector;
    private static SandboxOrg fixture;
    private static int accounts = 500;

    @BeforeAll
    static void start() {
        org = SandboxOrg.start(OBJECTS);
        connector = SandboxOrgRestClient.forSandbox(org);
        fixture = SandboxOrg.start(SalesforceMetadataAndIdsTest.FIXTURE, SalesforceMetadataAndIdsTest.FIXTURE_ORG);
    }

    @AfterAll
    static void stop() {
        org.close();
        fixture.close();
    }

    @Test
    void theConnectorLogsInAsAnApiOnlyIntegrationUserHoldingItsOwnPermissionSet() {
        assertThat(org.profile(org.integrationUserId())).isEqualTo(SandboxOrg.Profile.MINIMUM_ACCESS_API_ONLY_INTEGRATIONS);
        assertThat(org.permissionSets(org.integrationUserId())).containsExactly("Marketplace_Connector");
        assertThat(connector.login().path("id").asText()).endsWith(org.integrationUserId());
    }

    @Test
    void aSellerReadsAndChangesOnlyTheOffersTheyOwnOrThatAreSharedWithThem() {
        String account = account();
        String alice = seller("Alice", account);
        String bob = seller("Bob", account);
        SandboxOrgRestClient asAlice = SandboxOrgRestClient.forUser(org, alice);
        SandboxOrgRestClient asBob = SandboxOrgRestClient.forUser(org, bob);
        String offer = asAlice.create("MP_Private_Offer__c", Map.of("Name", "Acme", "Seller_Account__c", account));

        assertThat(asBob.query("SELECT Id FROM MP_Private_Offer__c WHERE Id = '" + offer + "'")).isEmpty();
        assertThat(refusal(() -> asBob.get("MP_Private_Offer__c", offer))).isEqualTo("404 NOT_FOUND");
        assertThat(refusal(() -> asBob.update("MP_Private_Offer__c", offer, Map.of("Name", "Mine now"))))
                .isEqualTo("404 NOT_FOUND");

        org.share(offer, bob, "Read");
        assertThat(asBob.get("MP_Private_Offer__c", offer).get("Name")).isEqualTo("Acme");
        assertThat(refusal(() -> asBob.update("MP_Private_Offer__c", offer, Map.of("Name", "Mine now"))))
                .isEqualTo("400 INSUFFICIENT_ACCESS_OR_READONLY");

        org.share(offer, bob, "Edit");
        asBob.update("MP_Private_Offer__c", offer, Map.of("Name", "Acme, renamed by Bob"));
        assertThat(refusal(() -> asBob.delete("MP_Private_Offer__c", offer)))
                .as("deleting needs full access: the owner's").isEqualTo("400 INSUFFICIENT_ACCESS_OR_READONLY");
        assertThat(asAlice.get("MP_Private_Offer__c", offer).get("Name")).isEqualTo("Acme, renamed by Bob");
    }

    @Test
    void aSellerCannotSetTheFieldsOnlyTheConnectorWrites() {
        String account = account();
        SandboxOrgRestClient asAlice = SandboxOrgRestClient.forUser(org, seller("Alice", account));
        String offer = asAlice.create("MP_Private_Offer__c", Map.of("Name", "Acme", "Seller_Account__c", account));

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> asAlice.update("MP_Private_Offer__c", offer, Map.of("Offer_Id__c", "offer-made-up")));

        assertThat(e.status() + " " + e.errorCode()).isEqualTo("400 INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(e.body()).contains("Offer_Id__c");
        connector.update("MP_Private_Offer__c", offer, Map.of("Offer_Id__c", "offer-" + offer));
        assertThat(asAlice.get("MP_Private_Offer__c", offer).get("Offer_Id__c")).isEqualTo("offer-" + offer);
    }

    @Test
    void aChargeIsAddedOrRemovedOnlyByWhoeverMayEditItsOffer() {
        String account = account();
        String alice = seller("Alice", account);
        String bob = seller("Bob", account);
        String offer = SandboxOrgRestClient.forUser(org, alice).create("MP_Private_Offer__c",
                Map.of("Name", "Acme", "Seller_Account__c", account));
        SandboxOrgRestClient asBob = SandboxOrgRestClient.forUser(org, bob);
        Map<String, Object> charge = Map.of("Private_Offer__c", offer, "Charge_Date__c", "2027-01-15",
                "Charge_Amount__c", 1000, "Currency__c", "USD");
        org.share(offer, bob, "Read");

        assertThat(refusal(() -> asBob.create("MP_Payment_Installment__c", charge)))
                .isEqualTo("400 INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY");

        org.share(offer, bob, "Edit");
        String installment = asBob.create("MP_Payment_Installment__c", charge);
        asBob.delete("MP_Payment_Installment__c", installment);
        assertThat(org.get("MP_Payment_Installment__c", installment)).isNull();
    }

    @Test
    void anObjectNoneOfTheUsersPermissionSetsGrantsDoesNotExistForThem() throws Exception {
        SandboxOrgRestClient asPartner = SandboxOrgRestClient.forUser(org,
                org.createUser("Partner", "Marketplace_Channel_Partner"));

        ApiException query = catchThrowableOfType(ApiException.class,
                () -> asPartner.query("SELECT Id FROM MP_Resale_Authorization__c"));
        assertThat(query.status() + " " + query.errorCode()).isEqualTo("400 INVALID_TYPE");
        assertThat(query.body()).contains("sObject type 'MP_Resale_Authorization__c' is not supported");
        assertThat(refusal(() -> asPartner.call("GET", "sobjects/MP_Resale_Authorization__c/describe", null)))
                .isEqualTo("404 NOT_FOUND");
        JsonNode global = JSON.readTree(asPartner.call("GET", "sobjects/", null).body());
        assertThat(global.findValuesAsText("name")).contains("MP_Shared_Resale_Authorization__c", "MP_Private_Offer__c")
                .doesNotContain("MP_Resale_Authorization__c", "MP_Resale_Installment__c");
        JsonNode shared = JSON.readTree(asPartner.call("GET", "sobjects/MP_Shared_Resale_Authorization__c/describe",
                null).body());
        assertThat(shared.path("queryable").asBoolean()).isTrue();
        assertThat(shared.path("updateable").asBoolean()).as("a partner only reads what the connector syncs").isFalse();
    }

    @Test
    void theConnectorWritesOutcomesOnASellersOfferAndReplacesItsCharges() throws Exception {
        String account = account();
        String offer = SandboxOrgRestClient.forUser(org, seller("Alice", account)).create("MP_Private_Offer__c",
                Map.of("Name", "Acme", "Seller_Account__c", account));

        connector.update("MP_Private_Offer__c", offer, Map.of("Status__c", "Released", "Offer_Id__c", "offer-" + offer));
        JsonNode created = JSON.readTree(connector.call("POST", "composite/sobjects", JSON.writeValueAsString(Map.of(
                "allOrNone", true, "records", List.of(Map.of("attributes", Map.of("type", "MP_Payment_Installment__c"),
                        "Private_Offer__c", offer, "Charge_Date__c", "2027-01-15", "Charge_Amount__c", 500,
                        "Currency__c", "USD"))))).body());
        assertThat(created.get(0).path("success").asBoolean()).as(created.toString()).isTrue();
        JsonNode deleted = JSON.readTree(connector.call("DELETE", "composite/sobjects?allOrNone=true&ids="
                + created.get(0).path("id").asText(), null).body());
        assertThat(deleted.get(0).path("success").asBoolean()).as(deleted.toString()).isTrue();
        assertThat(org.get("MP_Private_Offer__c", offer).get("Status__c")).isEqualTo("Released");
    }

    @Test
    void theConnectorModifiesAllRecordsOnlyOfPrivateObjectsWhoseRecordsItChanges() {
        SalesforceMetadata metadata = org.metadata();
        metadata.permissionSet("Marketplace_Connector").orElseThrow().objects().forEach((object, p) -> {
            String sharing = metadata.object(object).map(SalesforceMetadata.SObjectDescription::sharingModel)
                    .orElse(null);
            boolean sellersOwnWhatItEdits = "Private".equals(sharing) && p.edit();
            assertThat(p.modifyAll()).as("Modify All on " + object + " (" + sharing + ")")
                    .isEqualTo(sellersOwnWhatItEdits);
            if (p.modifyAll()) {
                assertThat(p).as("Modify All needs Read, Edit, Delete and View All granted with it")
                        .isEqualTo(new ObjectPermissions(true, p.create(), true, true, true, true));
            }
        });
    }

    @Test
    void aFileIsReadThroughTheRecordItIsAttachedTo() {
        String account = account();
        String alice = seller("Alice", account);
        String bob = seller("Bob", account);
        SandboxOrgRestClient asAlice = SandboxOrgRestClient.forUser(org, alice);
        String offer = asAlice.create("MP_Private_Offer__c", Map.of("Name", "Acme", "Seller_Account__c", account));
        String attached = document(asAlice.create("ContentVersion", Map.of("PathOnClient", "eula.pdf",
                "VersionData", Base64.getEncoder().encodeToString("%PDF-1.7".getBytes()),
                "FirstPublishLocationId", offer)));
        String unattached = document(asAlice.create("ContentVersion", Map.of("PathOnClient", "notes.pdf",
                "VersionData", Base64.getEncoder().encodeToString("%PDF-1.7".getBytes()))));
        String files = "SELECT ContentDocumentId FROM ContentVersion WHERE ContentDocumentId IN ('" + attached + "', '"
                + unattached + "')";

        assertThat(connector.query(files)).extracting(r -> r.get("ContentDocumentId")).containsExactly(attached);
        assertThat(SandboxOrgRestClient.forUser(org, bob).query(files)).isEmpty();
        assertThat(asAlice.query(files)).hasSize(2);
        org.share(offer, bob, "Read");
        assertThat(SandboxOrgRestClient.forUser(org, bob).query(files)).extracting(r -> r.get("ContentDocumentId"))
                .containsExactly(attached);
    }

    @Test
    void userRecordAccessCountsObjectPermissionsAndLeavesOutWhatTheAskerCannotRead() {
        String account = account();
        String alice = seller("Alice", account);
        String nobody = org.createUser("No Permission Set");
        String theirs = org.insertAs(nobody, "MP_Private_Offer__c", Map.of("Name", "Owned, not readable"));
        String hers = org.insertAs(alice, "MP_Private_Offer__c", Map.of("Name", "Hers"));

        assertThat(connector.query("SELECT RecordId, MaxAccessLevel FROM UserRecordAccess WHERE UserId = '" + nobody
                + "' AND RecordId = '" + theirs + "'")).extracting(r -> r.get("MaxAccessLevel"))
                .as("an owner without Read on the object").containsExactly("None");
        assertThat(SandboxOrgRestClient.forUser(org, alice).query("SELECT RecordId FROM UserRecordAccess WHERE UserId"
                + " = '" + nobody + "' AND RecordId IN ('" + theirs + "', '" + hers + "')"))
                .extracting(r -> r.get("RecordId")).as("Alice asks only about records she can read")
                .containsExactly(hers);
    }

    @Test
    void inACollectionEachRecordTheUserMayNotChangeFailsOnItsOwn() throws Exception {
        String account = account();
        String alice = seller("Alice", account);
        String bob = seller("Bob", account);
        String shared = org.insertAs(alice, "MP_Private_Offer__c", Map.of("Name", "Shared"));
        String kept = org.insertAs(alice, "MP_Private_Offer__c", Map.of("Name", "Kept"));
        org.share(shared, bob, "Edit");

        JsonNode results = JSON.readTree(SandboxOrgRestClient.forUser(org, bob).call("PATCH", "composite/sobjects",
                JSON.writeValueAsString(Map.of("allOrNone", false, "records", List.of(
                        Map.of("attributes", Map.of("type", "MP_Private_Offer__c"), "Id", shared, "Name", "By Bob"),
                        Map.of("attributes", Map.of("type", "MP_Private_Offer__c"), "Id", kept, "Name", "By Bob")))))
                .body());

        assertThat(results.get(0).path("success").asBoolean()).isTrue();
        assertThat(results.get(1).path("errors").get(0).path("statusCode").asText())
                .isEqualTo("INSUFFICIENT_ACCESS_OR_READONLY");
        assertThat(org.get("MP_Private_Offer__c", kept).get("Name")).isEqualTo("Kept");
    }

    @Test
    void theConnectorSubscribesToTheRequestEventAndPublishesNone() {
        assertThat(org.eventPermission(org.integrationUserId(), EVENT, false)).isTrue();
        assertThat(org.eventPermission(org.integrationUserId(), EVENT, true)).isFalse();
        assertThat(org.eventPermission(org.createUser("Seller"), EVENT, false)).isFalse();
    }

    @Test
    void aFieldOutsideTheUsersFieldPermissionsIsNoColumnOfTheirsAndAReadOnlyOneIsNotTheirsToSet() throws Exception {
        String alice = fixture.createUser("Alice", "Fixture_Seller");
        SandboxOrgRestClient asAlice = SandboxOrgRestClient.forUser(fixture, alice);
        String account = asAlice.create("AWS_Seller_Account__c", Map.of("Account_Id__c", "123412341234"));
        String offer = asAlice.create("MP_Private_Offer__c", Map.of("Name", "Acme", "Seller_Account__c", account));
        fixture.update("MP_Private_Offer__c", offer, Map.of("Markup_Percentage__c", 5));

        assertThat(refusal(() -> asAlice.query("SELECT Markup_Percentage__c FROM MP_Private_Offer__c")))
                .isEqualTo("400 INVALID_FIELD");
        assertThat(asAlice.get("MP_Private_Offer__c", offer)).containsKey("Buyer_Accounts__c")
                .doesNotContainKey("Markup_Percentage__c");
        assertThat(refusal(() -> asAlice.call("GET", "sobjects/MP_Private_Offer__c/" + offer
                + "?fields=Markup_Percentage__c", null))).isEqualTo("400 INVALID_FIELD");
        assertThat(refusal(() -> asAlice.update("MP_Private_Offer__c", offer, Map.of("Markup_Percentage__c", 9))))
                .isEqualTo("400 INVALID_FIELD");
        assertThat(refusal(() -> asAlice.update("AWS_Seller_Account__c", account, Map.of("Role__c", "ISV"))))
                .isEqualTo("400 INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(asAlice.query("SELECT Seller_Account__r.Role__c FROM MP_Private_Offer__c WHERE Id = '" + offer
                + "'")).hasSize(1);
        JsonNode describe = JSON.readTree(asAlice.call("GET", "sobjects/MP_Private_Offer__c/describe", null).body());
        assertThat(describe.path("fields").findValuesAsText("name")).contains("Buyer_Accounts__c")
                .doesNotContain("Markup_Percentage__c");
        assertThat(fixture.get("MP_Private_Offer__c", offer).get("Markup_Percentage__c")).isEqualTo(5.0);
    }

    // ------------------------------------------------------------------ helpers

    private static String account() {
        return org.insert("AWS_Seller_Account__c", Map.of("Name", "Seller", "Account_Id__c",
                String.format("%012d", ++accounts)));
    }

    /** A seller: Marketplace_User, with the seller account shared for reading, as the admin guide says. */
    private static String seller(String name, String account) {
        String user = org.createUser(name, "Marketplace_User");
        org.share(account, user, "Read");
        return user;
    }

    private static String document(String contentVersion) {
        return (String) org.get("ContentVersion", contentVersion).get("ContentDocumentId");
    }

    /** "status errorCode" of the call's refusal. */
    private static String refusal(Runnable call) {
        ApiException e = catchThrowableOfType(ApiException.class, call::run);
        assertThat(e).as("a refusal").isNotNull();
        return e.status() + " " + e.errorCode();
    }
}
