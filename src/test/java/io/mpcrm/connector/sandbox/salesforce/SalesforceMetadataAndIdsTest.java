package io.mpcrm.connector.sandbox.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mpcrm.connector.sandbox.salesforce.SalesforceMetadata.FieldDescription;
import io.mpcrm.connector.sandbox.salesforce.SalesforceMetadata.SObjectDescription;

class SalesforceMetadataAndIdsTest {

    static final Path FIXTURE = Path.of("src/test/resources/sandbox-fixture/objects");
    /**
     * An org on the fixture lets its API client (the integration user) in as an administrator: those tests check the
     * wire; its people hold the fixture's one permission set, Fixture_Seller. What the project's own permission sets
     * let a user do is {@code SandboxOrgPermissionsIT}'s, on the project's metadata.
     */
    static final SandboxOrg.Options FIXTURE_ORG = SandboxOrg.Options.defaults()
            .withIntegrationUser(SandboxOrg.Profile.SYSTEM_ADMINISTRATOR);

    @Test
    void readsObjectsFieldsPicklistsAndRelationshipsFromSfdxSource() {
        readsObjects(FIXTURE);
    }

    static void readsObjects(Path objectsDir) {
        SalesforceMetadata md = SalesforceMetadata.load(objectsDir);
        SObjectDescription request = md.object("Marketplace_Request__c").orElseThrow();
        assertEquals("AutoNumber", request.nameFieldType());
        assertEquals("REQ-{000000}", request.nameFieldFormat());
        FieldDescription status = request.customFields().get("Status__c");
        assertEquals("Picklist", status.type());
        assertEquals(List.of("Queued", "Processing", "Waiting", "Succeeded", "Failed"), status.picklistValues());
        assertEquals("Queued", status.defaultValue());
        FieldDescription seller = request.customFields().get("Seller_Account__c");
        assertEquals("AWS_Seller_Account__c", seller.referenceTo());
        assertEquals("Seller_Account", seller.relationshipName());
        FieldDescription accountId = md.object("AWS_Seller_Account__c").orElseThrow().customFields().get("Account_Id__c");
        assertEquals(12, accountId.length());
        assertTrue(accountId.externalId() && accountId.unique() && accountId.required());
        assertTrue(md.object("Marketplace_Request_Event__e").orElseThrow().platformEvent());
        assertTrue(md.object("mp_payment_installment__c").orElseThrow().customFields().get("Offer__c").required());
        assertFalse(md.object("Nope__c").isPresent());
    }

    @Test
    void idsCarryTheCaseSafeChecksumAndAccept15Or18Characters() {
        assertEquals("IAC", SalesforceIds.checksum("001A0000006Vm9r"));
        assertEquals("001A0000006Vm9rIAC", SalesforceIds.to18("001A0000006Vm9r").orElseThrow());
        assertEquals("001A0000006Vm9rIAC", SalesforceIds.to18("001A0000006Vm9rIAC").orElseThrow());
        assertFalse(SalesforceIds.isValid("001A0000006Vm9rAAA"));
        assertFalse(SalesforceIds.isValid("001A0000006Vm9"));
        assertFalse(SalesforceIds.isValid("001A0000006Vm9r-AC"));
        String id = SalesforceIds.newId("a00", 123456);
        assertEquals(18, id.length());
        assertTrue(id.startsWith("a00"));
        assertTrue(SalesforceIds.isValid(id));
        assertEquals("a01", SalesforceIds.customPrefix('a', 1));
        assertEquals("a0A", SalesforceIds.customPrefix('a', 10));
    }
}
