package io.mpcrm.connector.sandbox.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mpcrm.connector.sandbox.salesforce.SandboxOrgRestClient.ApiException;

class SandboxOrgSoqlIT {

    static final Path OBJECTS = SalesforceMetadataAndIdsTest.FIXTURE;
    static final ObjectMapper JSON = new ObjectMapper();
    static SandboxOrg org;
    static SandboxOrgRestClient client;
    static String acme;
    static String globex;

    @BeforeAll
    static void seed() {
        org = SandboxOrg.start(OBJECTS, SalesforceMetadataAndIdsTest.FIXTURE_ORG);
        client = SandboxOrgRestClient.forSandbox(org);
        acme = org.insert("AWS_Seller_Account__c", Map.of("Name", "Acme", "Account_Id__c", "111111111111", "Role__c", "ISV"));
        globex = org.insert("AWS_Seller_Account__c", Map.of("Name", "Globex's", "Account_Id__c", "222222222222",
                "Role__c", "Channel Partner", "Region__c", "eu-west-1"));
        org.insert("Marketplace_Request__c", Map.of("Action__c", "REFRESH_PRODUCTS", "Seller_Account__c", acme,
                "Attempts__c", 0, "Next_Attempt_At__c", "2026-01-31T10:00:00Z", "Input__c", "50% off"));
        org.insert("Marketplace_Request__c", Map.of("Action__c", "CREATE_OFFER", "Seller_Account__c", globex,
                "Status__c", "Failed", "Attempts__c", 3, "Next_Attempt_At__c", "2026-02-01T10:00:00+02:00",
                "Input__c", "it's fine"));
        org.insert("Marketplace_Request__c", Map.of("Action__c", "CANCEL_OFFER", "Status__c", "Processing",
                "Attempts__c", 1, "Next_Attempt_At__c", Instant.now()));
        org.insert("MP_Private_Offer__c", Map.of("Name", "Today offer", "Expiration_Date__c", LocalDate.now(ZoneOffset.UTC)));
        org.insert("MP_Private_Offer__c", Map.of("Name", "Old offer", "Expiration_Date__c", "2020-01-01"));
    }

    @AfterAll
    static void stop() {
        org.close();
    }

    static List<Map<String, Object>> q(String soql) {
        return client.query(soql);
    }

    static ApiException bad(String soql) {
        return assertThrows(ApiException.class, () -> client.query(soql));
    }

    @Test
    void comparisonOperatorsAndBooleanLogic() {
        assertEquals(1, q("SELECT Id FROM Marketplace_Request__c WHERE Status__c = 'failed'").size(), "case-insensitive =");
        assertEquals(2, q("SELECT Id FROM Marketplace_Request__c WHERE Status__c != 'Failed'").size());
        assertEquals(2, q("SELECT Id FROM Marketplace_Request__c WHERE Status__c <> 'Queued'").size());
        assertEquals(2, q("SELECT Id FROM Marketplace_Request__c WHERE Attempts__c >= 1").size());
        assertEquals(1, q("SELECT Id FROM Marketplace_Request__c WHERE Attempts__c < 1").size());
        assertEquals(2, q("SELECT Id FROM Marketplace_Request__c WHERE Status__c IN ('Queued', 'Failed')").size());
        assertEquals(1, q("SELECT Id FROM Marketplace_Request__c WHERE Status__c NOT IN ('Queued', 'Failed')").size());
        assertEquals(2, q("SELECT Id FROM Marketplace_Request__c WHERE (Status__c = 'Queued' OR Attempts__c = 3) AND NOT Action__c = 'CANCEL_OFFER'").size());
        assertEquals(1, q("SELECT Id FROM Marketplace_Request__c WHERE Seller_Account__c = null").size());
        assertEquals(2, q("SELECT Id FROM Marketplace_Request__c WHERE Seller_Account__c != null").size());
        assertEquals(1, q("SELECT Id FROM Marketplace_Request__c WHERE Seller_Account__c = '" + acme.substring(0, 15) + "'").size());
    }

    @Test
    void likeWithWildcardsAndStringEscapes() {
        assertEquals(1, q("SELECT Id FROM Marketplace_Request__c WHERE Input__c LIKE '50\\% %'").size());
        assertEquals(1, q("SELECT Id FROM Marketplace_Request__c WHERE Input__c LIKE 'IT_S%'").size());
        assertEquals(1, q("SELECT Id FROM Marketplace_Request__c WHERE Input__c = 'it\\'s fine'").size());
        assertEquals(1, q("SELECT Id FROM AWS_Seller_Account__c WHERE Name = 'Globex\\'s'").size());
        assertEquals(0, q("SELECT Id FROM Marketplace_Request__c WHERE Input__c LIKE '50\\%'").size());
    }

    @Test
    void dateAndDateTimeLiteralsIncludingToday() {
        assertEquals(1, q("SELECT Id FROM Marketplace_Request__c WHERE Next_Attempt_At__c = 2026-01-31T10:00:00Z").size());
        assertEquals(1, q("SELECT Id FROM Marketplace_Request__c WHERE Next_Attempt_At__c = 2026-02-01T08:00:00.000+0000").size());
        assertEquals(2, q("SELECT Id FROM Marketplace_Request__c WHERE Next_Attempt_At__c < TODAY").size());
        assertEquals(1, q("SELECT Id FROM Marketplace_Request__c WHERE Next_Attempt_At__c = TODAY").size());
        assertEquals(1, q("SELECT Id FROM MP_Private_Offer__c WHERE Expiration_Date__c = TODAY").size());
        assertEquals(1, q("SELECT Id FROM MP_Private_Offer__c WHERE Expiration_Date__c < YESTERDAY").size());
        assertEquals(2, q("SELECT Id FROM MP_Private_Offer__c WHERE Expiration_Date__c < TOMORROW").size());
        assertEquals(1, q("SELECT Id FROM MP_Private_Offer__c WHERE Expiration_Date__c > 2020-01-01").size());
        Map<String, Object> r = q("SELECT Next_Attempt_At__c, Attempts__c FROM Marketplace_Request__c WHERE Attempts__c = 3").get(0);
        assertEquals("2026-02-01T08:00:00.000+0000", r.get("Next_Attempt_At__c"));
        assertEquals(3.0, r.get("Attempts__c"));
        assertEquals("2020-01-01", q("SELECT Expiration_Date__c FROM MP_Private_Offer__c WHERE Name = 'Old offer'").get(0).get("Expiration_Date__c"));
    }

    @Test
    void orderByWithNullsLimitAndOffset() {
        List<Map<String, Object>> asc = q("SELECT Seller_Account__r.Name, Attempts__c FROM Marketplace_Request__c ORDER BY Seller_Account__r.Name ASC NULLS LAST");
        assertEquals("Acme", ((Map<?, ?>) asc.get(0).get("Seller_Account__r")).get("Name"));
        assertNull(asc.get(2).get("Seller_Account__r"));
        List<Map<String, Object>> desc = q("SELECT Attempts__c FROM Marketplace_Request__c ORDER BY Attempts__c DESC LIMIT 2");
        assertEquals(List.of(3.0, 1.0), desc.stream().map(m -> m.get("Attempts__c")).toList());
        List<Map<String, Object>> off = q("SELECT Attempts__c FROM Marketplace_Request__c ORDER BY Attempts__c ASC LIMIT 1 OFFSET 1");
        assertEquals(1.0, off.get(0).get("Attempts__c"));
        List<Map<String, Object>> multi = q("SELECT Name FROM AWS_Seller_Account__c ORDER BY Region__c NULLS FIRST, Name DESC");
        assertEquals("Acme", multi.get(0).get("Name"));
    }

    @Test
    void parentRelationshipFieldsInSelectAndWhere() {
        List<Map<String, Object>> rows = q("SELECT Id, Name, Seller_Account__r.Account_Id__c, Seller_Account__r.Owner.Username "
                + "FROM Marketplace_Request__c WHERE Seller_Account__r.Account_Id__c = '222222222222'");
        assertEquals(1, rows.size());
        Map<?, ?> parent = (Map<?, ?>) rows.get(0).get("Seller_Account__r");
        assertEquals("222222222222", parent.get("Account_Id__c"));
        assertEquals("AWS_Seller_Account__c", ((Map<?, ?>) parent.get("attributes")).get("type"));
        assertEquals(org.integrationUsername(), ((Map<?, ?>) parent.get("Owner")).get("Username"));
        assertTrue(((String) rows.get(0).get("Name")).startsWith("REQ-"));
        Map<?, ?> attrs = (Map<?, ?>) rows.get(0).get("attributes");
        assertEquals("Marketplace_Request__c", attrs.get("type"));
        assertTrue(((String) attrs.get("url")).startsWith("/services/data/v62.0/sobjects/Marketplace_Request__c/"));
    }

    @Test
    void parentToChildSubqueriesNestTheChildrenAsAQueryResultOrNull() {
        String offer = org.insert("MP_Private_Offer__c", Map.of("Name", "Offer with installments"));
        String bare = org.insert("MP_Private_Offer__c", Map.of("Name", "Offer without installments"));
        org.insert("MP_Payment_Installment__c", Map.of("Offer__c", offer, "Charge_Date__c", "2027-02-01",
                "Charge_Amount__c", 20));
        org.insert("MP_Payment_Installment__c", Map.of("Offer__c", offer, "Charge_Date__c", "2027-01-01",
                "Charge_Amount__c", 10));

        List<Map<String, Object>> rows = q("SELECT Name, (SELECT Charge_Date__c, Charge_Amount__c FROM Installments__r"
                + " ORDER BY Charge_Date__c) FROM MP_Private_Offer__c WHERE Id IN ('" + offer + "', '" + bare + "')"
                + " ORDER BY Name");

        Map<?, ?> children = (Map<?, ?>) rows.get(0).get("Installments__r");
        assertEquals(2, children.get("totalSize"));
        assertEquals(true, children.get("done"));
        List<?> records = (List<?>) children.get("records");
        assertEquals(List.of("2027-01-01", "2027-02-01"), records.stream()
                .map(r -> ((Map<?, ?>) r).get("Charge_Date__c")).toList());
        assertEquals("MP_Payment_Installment__c", ((Map<?, ?>) ((Map<?, ?>) records.get(0)).get("attributes"))
                .get("type"));
        assertTrue(rows.get(1).containsKey("Installments__r"));
        assertNull(rows.get(1).get("Installments__r"), "no children: null, not an empty result");
        assertEquals("INVALID_TYPE", bad("SELECT Name, (SELECT Id FROM Nope__r) FROM MP_Private_Offer__c").errorCode());
    }

    @Test
    void countAndQueryAllWithoutTrailingSlash() throws Exception {
        JsonNode count = JSON.readTree(client.call("GET", "query?q=" + enc("SELECT COUNT() FROM Marketplace_Request__c WHERE Attempts__c > 0"), null).body());
        assertEquals(2, count.path("totalSize").asInt());
        assertEquals(0, count.path("records").size());
        assertTrue(count.path("done").asBoolean());
    }

    @Test
    void paginationFollowsNextRecordsUrlAndHonoursBatchSizeHeader() throws Exception {
        try (SandboxOrg o = SandboxOrg.start(OBJECTS,
                SalesforceMetadataAndIdsTest.FIXTURE_ORG.withQueryPageSize(3))) {
            for (int i = 0; i < 450; i++) {
                o.insert("Marketplace_Request__c", Map.of("Action__c", "REFRESH_PRODUCTS", "Attempts__c", i % 10));
            }
            SandboxOrgRestClient c = SandboxOrgRestClient.forSandbox(o);
            JsonNode first = JSON.readTree(c.call("GET", "query/?q=" + enc("SELECT Id FROM Marketplace_Request__c WHERE Attempts__c = 1"), null).body());
            assertEquals(45, first.path("totalSize").asInt());
            assertFalse(first.path("done").asBoolean());
            assertEquals(3, first.path("records").size());
            assertTrue(first.path("nextRecordsUrl").asText().matches("/services/data/v62\\.0/query/01g[0-9A-Za-z]{15}-3"));
            assertEquals(45, c.query("SELECT Id FROM Marketplace_Request__c WHERE Attempts__c = 1").size());
            assertEquals(45L, c.query("SELECT Id FROM Marketplace_Request__c WHERE Attempts__c = 1")
                    .stream().map(m -> m.get("Id")).distinct().count(), "pages neither overlap nor skip");
            o.resetCallCounts();

            JsonNode batch = JSON.readTree(c.call("GET", "query/?q=" + enc("SELECT Id FROM Marketplace_Request__c"), null,
                    Map.of("Sforce-Query-Options", "batchSize=250")).body());
            assertEquals(450, batch.path("totalSize").asInt());
            assertEquals(250, batch.path("records").size());
            JsonNode small = JSON.readTree(c.call("GET", "query/?q=" + enc("SELECT Id FROM Marketplace_Request__c"), null,
                    Map.of("Sforce-Query-Options", "batchSize=10")).body());
            assertEquals(200, small.path("records").size(), "batch size has a minimum of 200");
            JsonNode next = JSON.readTree(c.call("GET", small.path("nextRecordsUrl").asText().replace("/services/data/v62.0/", ""), null).body());
            assertEquals(200, next.path("records").size());
            assertEquals(1L, o.callCounts().get("queryMore"));
            assertEquals(2L, o.callCounts().get("query"));
        }
    }

    @Test
    void errorsForUnknownFieldsObjectsAndMalformedQueries() {
        ApiException field = bad("SELECT Bogus__c FROM Marketplace_Request__c");
        assertEquals("INVALID_FIELD", field.errorCode());
        assertTrue(field.body().contains("No such column 'Bogus__c' on entity 'Marketplace_Request__c'"));
        ApiException object = bad("SELECT Id FROM Nope__c");
        assertEquals("INVALID_TYPE", object.errorCode());
        assertTrue(object.body().contains("sObject type 'Nope__c' is not supported"));
        assertEquals("INVALID_FIELD", bad("SELECT Nope__r.Name FROM Marketplace_Request__c").errorCode());
        assertEquals("INVALID_FIELD", bad("SELECT Id FROM Marketplace_Request__c WHERE Attempts__c = '1'").errorCode());
        assertEquals("MALFORMED_QUERY", bad("SELECT FROM Marketplace_Request__c").errorCode());
        assertEquals("MALFORMED_QUERY", bad("SELECT Id FROM Marketplace_Request__c WHERE").errorCode());
        assertEquals("MALFORMED_QUERY", bad("SELECT Id FROM Marketplace_Request__c WHERE Input__c = 'unterminated").errorCode());
        assertEquals("MALFORMED_QUERY", bad("SELECT Id FROM Marketplace_Request__c LIMIT x").errorCode());
        assertEquals(400, bad("SELECT Id FROM Marketplace_Request__c WHERE Id = 'xyz'").status());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
