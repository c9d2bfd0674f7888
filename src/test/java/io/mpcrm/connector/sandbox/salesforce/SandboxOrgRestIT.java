package io.mpcrm.connector.sandbox.salesforce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mpcrm.connector.sandbox.salesforce.SandboxOrgRestClient.ApiException;

class SandboxOrgRestIT {

    static final Path OBJECTS = SalesforceMetadataAndIdsTest.FIXTURE;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static SandboxOrg org;
    static SandboxOrgRestClient client;
    static int accountCounter = 100;

    @BeforeAll
    static void start() {
        org = SandboxOrg.start(OBJECTS, SalesforceMetadataAndIdsTest.FIXTURE_ORG);
        client = SandboxOrgRestClient.forSandbox(org);
        client.login();
    }

    @AfterAll
    static void stop() {
        org.close();
    }

    static synchronized String newAccountNumber() {
        return String.format("%012d", ++accountCounter);
    }

    static HttpResponse<String> raw(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(org.instanceUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> form(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(org.loginUrl() + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String errorCode(ApiException e) {
        return e.errorCode();
    }

    static ApiException apiError(Runnable r) {
        return assertThrows(ApiException.class, r::run);
    }

    // ------------------------------------------------------------------ OAuth

    @Test
    void clientCredentialsLoginReturnsTokenInstanceUrlAndIdWithOrgAndUser() throws Exception {
        JsonNode token = client.login();
        assertEquals(org.instanceUrl(), token.path("instance_url").asText());
        assertEquals("Bearer", token.path("token_type").asText());
        String id = token.path("id").asText();
        assertTrue(id.matches(".*/id/00D[0-9A-Za-z]{15}/005[0-9A-Za-z]{15}"), id);
        assertEquals(org.orgId(), id.substring(id.indexOf("id/") + 3, id.indexOf("id/") + 21));
        assertTrue(id.endsWith(org.integrationUserId()));
        assertTrue(Long.parseLong(token.path("issued_at").asText()) > 0);
        assertFalse(token.path("signature").asText().isEmpty());
    }

    @Test
    void badClientCredentialsAreRejectedWithSalesforceWording() throws Exception {
        HttpResponse<String> r = form("grant_type=client_credentials&client_id=" + org.clientId() + "&client_secret=nope");
        assertEquals(400, r.statusCode());
        JsonNode n = JSON.readTree(r.body());
        assertEquals("invalid_client", n.path("error").asText());
        assertEquals("invalid client credentials", n.path("error_description").asText());
        HttpResponse<String> unknown = form("grant_type=client_credentials&client_id=who&client_secret=x");
        assertEquals("invalid_client_id", JSON.readTree(unknown.body()).path("error").asText());
        HttpResponse<String> grant = form("grant_type=password&client_id=x");
        assertEquals("unsupported_grant_type", JSON.readTree(grant.body()).path("error").asText());
    }

    @Test
    void jwtBearerLoginVerifiesSignatureAudienceExpiryAndUser() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair good = g.generateKeyPair();
        KeyPair other = g.generateKeyPair();
        org.registerJwtClient("jwt-app", good.getPublic(), "jwt.user@sandbox.mpcrm.test");
        long exp = System.currentTimeMillis() / 1000 + 120;

        HttpResponse<String> ok = form(jwtForm(good, "jwt-app", "jwt.user@sandbox.mpcrm.test", org.loginUrl(), exp));
        assertEquals(200, ok.statusCode(), ok.body());
        String token = JSON.readTree(ok.body()).path("access_token").asText();
        assertEquals(200, raw("GET", "/services/data/v62.0/limits/", null, token).statusCode());

        assertEquals(200, form(jwtForm(good, "jwt-app", "jwt.user@sandbox.mpcrm.test",
                "https://login.salesforce.com", exp)).statusCode());
        assertJwtError(form(jwtForm(other, "jwt-app", "jwt.user@sandbox.mpcrm.test", org.loginUrl(), exp)),
                "invalid_grant", "invalid assertion");
        assertJwtError(form(jwtForm(good, "jwt-app", "jwt.user@sandbox.mpcrm.test", "https://evil.example", exp)),
                "invalid_grant", "audience is invalid");
        assertJwtError(form(jwtForm(good, "jwt-app", "jwt.user@sandbox.mpcrm.test", org.loginUrl(), exp - 600)),
                "invalid_grant", "expired authorization code");
        assertJwtError(form(jwtForm(good, "jwt-app", "nobody@sandbox.mpcrm.test", org.loginUrl(), exp)),
                "invalid_grant", "user hasn't approved this consumer");
        assertJwtError(form(jwtForm(good, "other-app", "jwt.user@sandbox.mpcrm.test", org.loginUrl(), exp)),
                "invalid_client_id", "client identifier invalid");
    }

    private static void assertJwtError(HttpResponse<String> r, String error, String description) throws Exception {
        assertEquals(400, r.statusCode(), r.body());
        JsonNode n = JSON.readTree(r.body());
        assertEquals(error, n.path("error").asText());
        assertEquals(description, n.path("error_description").asText());
    }

    /** Builds the assertion the way camel-salesforce does (padded base64url, exp as a string). */
    private static String jwtForm(KeyPair key, String iss, String sub, String aud, long exp) throws Exception {
        Base64.Encoder enc = Base64.getUrlEncoder();
        String header = enc.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = enc.encodeToString(("{\"iss\":\"" + iss + "\",\"sub\":\"" + sub + "\",\"aud\":\"" + aud
                + "\",\"exp\":\"" + exp + "\"}").getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key.getPrivate());
        s.update((header + "." + claims).getBytes(StandardCharsets.UTF_8));
        String jwt = header + "." + claims + "." + enc.encodeToString(s.sign());
        return "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_id=" + iss + "&format=json&assertion=" + URLEncoder.encode(jwt, StandardCharsets.UTF_8);
    }

    @Test
    void expiredSessionGets401AndReloginWorks() throws Exception {
        SandboxOrgRestClient own = SandboxOrgRestClient.forSandbox(org);
        own.login();
        String old = own.accessToken();
        assertEquals(200, raw("GET", "/services/data/v62.0/limits", null, old).statusCode());
        org.expireAllSessions();
        HttpResponse<String> r = raw("GET", "/services/data/v62.0/limits/", null, old);
        assertEquals(401, r.statusCode());
        JsonNode err = JSON.readTree(r.body()).get(0);
        assertEquals("INVALID_SESSION_ID", err.path("errorCode").asText());
        assertEquals("Session expired or invalid", err.path("message").asText());
        assertEquals(401, raw("GET", "/services/data/v62.0/limits/", null, null).statusCode());
        own.login();
        assertNotEquals(old, own.accessToken());
        assertEquals(200, raw("GET", "/services/data/v62.0/limits/", null, own.accessToken()).statusCode());
        client.login();
    }

    // ------------------------------------------------------------------ sObjects

    @Test
    void createGetUpdateDeleteRoundTripWithDefaultsAndAutoNumber() throws Exception {
        String account = client.create("AWS_Seller_Account__c", Map.of("Name", "Acme", "Account_Id__c", newAccountNumber()));
        Map<String, Object> acc = client.get("AWS_Seller_Account__c", account);
        assertEquals("ISV", acc.get("Role__c"), "picklist default");
        assertEquals(true, acc.get("Active__c"), "checkbox default");
        assertEquals(org.integrationUserId(), acc.get("OwnerId"));
        assertEquals(false, acc.get("IsDeleted"));
        assertTrue(((String) acc.get("CreatedDate")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000"));

        String req = client.create("Marketplace_Request__c", Map.of("Action__c", "REFRESH_PRODUCTS",
                "Seller_Account__c", account.substring(0, 15)));
        Map<String, Object> r = client.get("Marketplace_Request__c", req);
        assertTrue(((String) r.get("Name")).matches("REQ-\\d{6}"), (String) r.get("Name"));
        assertEquals("Queued", r.get("Status__c"));
        assertEquals(0.0, r.get("Attempts__c"));
        assertEquals(account, r.get("Seller_Account__c"), "15-char id stored as 18");
        assertEquals("Marketplace_Request__c", ((Map<?, ?>) r.get("attributes")).get("type"));

        client.update("Marketplace_Request__c", req, Map.of("Status__c", "Succeeded", "Attempts__c", 2,
                "Next_Attempt_At__c", "2026-01-31T10:00:00+01:00"));
        HttpResponse<String> some = client.call("GET", "sobjects/Marketplace_Request__c/" + req + "?fields=Status__c,Attempts__c,Next_Attempt_At__c", null);
        JsonNode n = JSON.readTree(some.body());
        assertEquals("Succeeded", n.path("Status__c").asText());
        assertEquals(2.0, n.path("Attempts__c").asDouble());
        assertEquals("2026-01-31T09:00:00.000+0000", n.path("Next_Attempt_At__c").asText());
        assertFalse(n.has("Input__c"));

        HttpResponse<String> patch = raw("PATCH", "/services/data/v62.0/sobjects/Marketplace_Request__c/" + req,
                "{\"Error__c\":\"x\"}", client.accessToken());
        assertEquals(204, patch.statusCode());
        assertTrue(patch.headers().firstValue("Sforce-Limit-Info").orElse("").startsWith("api-usage="));

        client.delete("Marketplace_Request__c", req);
        ApiException gone = apiError(() -> client.get("Marketplace_Request__c", req));
        assertEquals(404, gone.status());
        assertEquals("NOT_FOUND", gone.errorCode());
        assertNull(org.get("Marketplace_Request__c", req));
    }

    @Test
    void upsertByExternalIdCreatesThenUpdatesAndHonoursUpdateOnly() throws Exception {
        String number = newAccountNumber();
        HttpResponse<String> created = raw("PATCH", "/services/data/v62.0/sobjects/AWS_Seller_Account__c/Account_Id__c/" + number,
                "{\"Name\":\"Upserted\"}", client.accessToken());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode c = JSON.readTree(created.body());
        assertTrue(c.path("created").asBoolean());
        HttpResponse<String> updated = raw("PATCH", "/services/data/v62.0/sobjects/AWS_Seller_Account__c/Account_Id__c/" + number,
                "{\"Region__c\":\"us-east-1\"}", client.accessToken());
        assertEquals(200, updated.statusCode());
        JsonNode u = JSON.readTree(updated.body());
        assertFalse(u.path("created").asBoolean());
        assertEquals(c.path("id").asText(), u.path("id").asText());
        assertEquals("us-east-1", org.get("AWS_Seller_Account__c", u.path("id").asText()).get("Region__c"));

        HttpResponse<String> only = raw("PATCH", "/services/data/v62.0/sobjects/AWS_Seller_Account__c/Account_Id__c/"
                + newAccountNumber() + "?updateOnly=true", "{\"Name\":\"x\"}", client.accessToken());
        assertEquals(404, only.statusCode());

        HttpResponse<String> notExt = raw("PATCH", "/services/data/v62.0/sobjects/AWS_Seller_Account__c/Region__c/x",
                "{\"Name\":\"x\"}", client.accessToken());
        assertEquals(404, notExt.statusCode());

        // Client_Token__c is an external id but not unique: two matches give 300 with the candidate URLs
        org.insert("Marketplace_Request__c", Map.of("Action__c", "CANCEL_OFFER", "Client_Token__c", "dup-token"));
        org.insert("Marketplace_Request__c", Map.of("Action__c", "CANCEL_OFFER", "Client_Token__c", "dup-token"));
        HttpResponse<String> multi = raw("PATCH", "/services/data/v62.0/sobjects/Marketplace_Request__c/Client_Token__c/dup-token",
                "{\"Status__c\":\"Failed\"}", client.accessToken());
        assertEquals(300, multi.statusCode());
        assertEquals(2, JSON.readTree(multi.body()).size());
    }

    @Test
    void fieldValidationErrorsUseSalesforceCodes() {
        String acct = newAccountNumber();
        ApiException unknown = apiError(() -> client.create("AWS_Seller_Account__c", Map.of("Account_Id__c", acct, "Bogus__c", 1)));
        assertEquals(400, unknown.status());
        assertEquals("INVALID_FIELD", unknown.errorCode());
        assertTrue(unknown.body().contains("No such column 'Bogus__c' on sobject of type AWS_Seller_Account__c"));

        ApiException tooLong = apiError(() -> client.create("AWS_Seller_Account__c", Map.of("Account_Id__c", "1234567890123")));
        assertEquals("STRING_TOO_LONG", tooLong.errorCode());
        assertTrue(tooLong.body().contains("\"fields\":[\"Account_Id__c\"]"));

        assertEquals("JSON_PARSER_ERROR", apiError(() -> client.create("Marketplace_Request__c",
                Map.of("Action__c", "CANCEL_OFFER", "Attempts__c", "many"))).errorCode());
        assertEquals("JSON_PARSER_ERROR", apiError(() -> client.create("MP_Private_Offer__c",
                Map.of("Expiration_Date__c", "31/01/2026"))).errorCode());
        assertEquals("JSON_PARSER_ERROR", apiError(() -> client.create("MP_Private_Offer__c",
                Map.of("Zero_Dollar_Pricing__c", "yes"))).errorCode());
        assertEquals("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", apiError(() -> client.create("Marketplace_Request__c",
                Map.of("Action__c", "MAKE_COFFEE"))).errorCode());
        assertEquals("MALFORMED_ID", apiError(() -> client.create("Marketplace_Request__c",
                Map.of("Action__c", "CANCEL_OFFER", "Seller_Account__c", "not-an-id"))).errorCode());
        String missingAccount = SalesforceIds.newId("a00", 999_999);
        assertEquals("INVALID_CROSS_REFERENCE_KEY", apiError(() -> client.create("Marketplace_Request__c",
                Map.of("Action__c", "CANCEL_OFFER", "Seller_Account__c", missingAccount))).errorCode());
        assertEquals("NUMBER_OUTSIDE_VALID_RANGE", apiError(() -> client.create("Marketplace_Request__c",
                Map.of("Action__c", "CANCEL_OFFER", "Attempts__c", 123456))).errorCode());

        ApiException required = apiError(() -> client.create("Marketplace_Request__c", Map.of("Status__c", "Queued")));
        assertEquals("REQUIRED_FIELD_MISSING", required.errorCode());
        assertTrue(required.body().contains("\"fields\":[\"Action__c\"]"), required.body());
        assertEquals("REQUIRED_FIELD_MISSING", apiError(() -> client.create("AWS_Seller_Account__c",
                Map.of("Name", "no account id"))).errorCode());

        client.create("AWS_Seller_Account__c", Map.of("Account_Id__c", acct));
        ApiException dup = apiError(() -> client.create("AWS_Seller_Account__c", Map.of("Account_Id__c", acct)));
        assertEquals("DUPLICATE_VALUE", dup.errorCode());

        ApiException readOnly = apiError(() -> client.create("AWS_Seller_Account__c",
                Map.of("Account_Id__c", newAccountNumber(), "CreatedDate", "2020-01-01T00:00:00Z")));
        assertEquals("INVALID_FIELD_FOR_INSERT_UPDATE", readOnly.errorCode());

        ApiException noObject = apiError(() -> client.create("Nope__c", Map.of("Name", "x")));
        assertEquals(404, noObject.status());
        assertEquals("NOT_FOUND", noObject.errorCode());
        assertTrue(noObject.body().contains("The requested resource does not exist"));

        ApiException badId = apiError(() -> client.get("AWS_Seller_Account__c", "123"));
        assertEquals(400, badId.status());
        assertEquals("MALFORMED_ID", badId.errorCode());
        ApiException unknownId = apiError(() -> client.get("AWS_Seller_Account__c", SalesforceIds.newId("a00", 888_888)));
        assertEquals(404, unknownId.status());
    }

    @Test
    void directInsertValidatesLikeRestAndMasterDetailDeleteCascades() throws Exception {
        assertThrows(SalesforceApiException.class, () -> org.insert("Marketplace_Request__c", Map.of()));
        String offer = org.insert("MP_Private_Offer__c", Map.of("Name", "Offer", "Offer_Id__c", "offer-cascade"));
        String inst = org.insert("MP_Payment_Installment__c", Map.of("Offer__c", offer,
                "Charge_Date__c", java.time.LocalDate.of(2027, 1, 1), "Charge_Amount__c", 10.005));
        Map<String, Object> i = org.get("MP_Payment_Installment__c", inst);
        assertEquals("2027-01-01", i.get("Charge_Date__c"));
        assertEquals(10.01, i.get("Charge_Amount__c"));
        assertTrue(((String) i.get("Name")).matches("INST-\\d{4}"));
        client.delete("MP_Private_Offer__c", offer);
        assertNull(org.get("MP_Payment_Installment__c", inst));
        assertTrue(org.query("SELECT Id FROM MP_Payment_Installment__c WHERE Id = '" + inst + "'").isEmpty());
        JsonNode all = JSON.readTree(client.call("GET", "queryAll?q=" + URLEncoder.encode(
                "SELECT Id, IsDeleted FROM MP_Payment_Installment__c WHERE Id = '" + inst + "'", StandardCharsets.UTF_8), null).body());
        assertEquals(1, all.path("totalSize").asInt());
        assertTrue(all.path("records").get(0).path("IsDeleted").asBoolean());
    }

    @Test
    void describeListsFieldsWithTypesAndPicklists() throws Exception {
        JsonNode d = JSON.readTree(client.call("GET", "sobjects/Marketplace_Request__c/describe/", null).body());
        assertEquals("Marketplace_Request__c", d.path("name").asText());
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        d.path("fields").forEach(f -> fields.put(f.path("name").asText(), f));
        assertEquals("picklist", fields.get("Status__c").path("type").asText());
        assertEquals(5, fields.get("Status__c").path("picklistValues").size());
        assertEquals("reference", fields.get("Seller_Account__c").path("type").asText());
        assertEquals("AWS_Seller_Account__c", fields.get("Seller_Account__c").path("referenceTo").get(0).asText());
        assertEquals("Seller_Account__r", fields.get("Seller_Account__c").path("relationshipName").asText());
        assertTrue(fields.get("Client_Token__c").path("externalId").asBoolean());
        assertFalse(fields.get("Action__c").path("nillable").asBoolean());
        assertTrue(fields.containsKey("SystemModstamp"));
        JsonNode global = JSON.readTree(client.call("GET", "sobjects/", null).body());
        List<String> names = new ArrayList<>();
        global.path("sobjects").forEach(s -> names.add(s.path("name").asText()));
        assertTrue(names.containsAll(List.of("User", "ContentVersion", "AWS_Seller_Account__c", "Marketplace_Request_Event__e")));
    }

    // ------------------------------------------------------------------ collections

    static Map<String, Object> rec(String type, Map<String, Object> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attributes", Map.of("type", type));
        m.putAll(fields);
        return m;
    }

    @Test
    void collectionsCreateWithoutAllOrNoneKeepsTheGoodRecords() throws Exception {
        String body = JSON.writeValueAsString(Map.of("allOrNone", false, "records", List.of(
                rec("AWS_Seller_Account__c", Map.of("Account_Id__c", newAccountNumber())),
                rec("AWS_Seller_Account__c", Map.of("Role__c", "ISV")),
                rec("AWS_Seller_Account__c", Map.of("Account_Id__c", newAccountNumber())))));
        JsonNode res = JSON.readTree(client.call("POST", "composite/sobjects", body).body());
        assertEquals(3, res.size());
        assertTrue(res.get(0).path("success").asBoolean());
        assertFalse(res.get(1).path("success").asBoolean());
        assertEquals("REQUIRED_FIELD_MISSING", res.get(1).path("errors").get(0).path("statusCode").asText());
        assertTrue(res.get(2).path("success").asBoolean());
        assertNotNull(org.get("AWS_Seller_Account__c", res.get(2).path("id").asText()));
    }

    @Test
    void collectionsCreateWithAllOrNoneRollsEverythingBack() throws Exception {
        String number = newAccountNumber();
        String body = JSON.writeValueAsString(Map.of("allOrNone", true, "records", List.of(
                rec("AWS_Seller_Account__c", Map.of("Account_Id__c", number)),
                rec("AWS_Seller_Account__c", Map.of("Account_Id__c", number)))));
        JsonNode res = JSON.readTree(client.call("POST", "composite/sobjects", body).body());
        assertEquals("ALL_OR_NONE_OPERATION_ROLLED_BACK", res.get(0).path("errors").get(0).path("statusCode").asText());
        assertEquals("DUPLICATE_VALUE", res.get(1).path("errors").get(0).path("statusCode").asText());
        assertTrue(org.query("SELECT Id FROM AWS_Seller_Account__c WHERE Account_Id__c = '" + number + "'").isEmpty());
    }

    @Test
    void collectionsUpdateUpsertRetrieveAndDelete() throws Exception {
        String a = org.insert("AWS_Seller_Account__c", Map.of("Account_Id__c", newAccountNumber()));
        String b = org.insert("AWS_Seller_Account__c", Map.of("Account_Id__c", newAccountNumber()));
        String upd = JSON.writeValueAsString(Map.of("allOrNone", false, "records", List.of(
                rec("AWS_Seller_Account__c", Map.of("Id", a, "Region__c", "eu-west-1")),
                rec("AWS_Seller_Account__c", Map.of("Id", b, "Role__c", "Nope")))));
        JsonNode u = JSON.readTree(client.call("PATCH", "composite/sobjects", upd).body());
        assertTrue(u.get(0).path("success").asBoolean());
        assertEquals("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", u.get(1).path("errors").get(0).path("statusCode").asText());
        assertEquals(b, u.get(1).path("id").asText());

        String existingNumber = (String) org.get("AWS_Seller_Account__c", a).get("Account_Id__c");
        String newNumber = newAccountNumber();
        String ups = JSON.writeValueAsString(Map.of("allOrNone", true, "records", List.of(
                rec("AWS_Seller_Account__c", Map.of("Account_Id__c", existingNumber, "Name", "Renamed")),
                rec("AWS_Seller_Account__c", Map.of("Account_Id__c", newNumber, "Name", "Fresh")))));
        JsonNode up = JSON.readTree(client.call("PATCH", "composite/sobjects/AWS_Seller_Account__c/Account_Id__c", ups).body());
        assertFalse(up.get(0).path("created").asBoolean());
        assertEquals(a, up.get(0).path("id").asText());
        assertTrue(up.get(1).path("created").asBoolean());
        assertEquals("Renamed", org.get("AWS_Seller_Account__c", a).get("Name"));

        JsonNode got = JSON.readTree(client.call("GET", "composite/sobjects/AWS_Seller_Account__c?ids=" + a + ","
                + SalesforceIds.newId("a00", 777_777) + "&fields=Id,Name", null).body());
        assertEquals("Renamed", got.get(0).path("Name").asText());
        assertTrue(got.get(1).isNull());

        JsonNode del = JSON.readTree(client.call("DELETE", "composite/sobjects?ids=" + a + ",bad&allOrNone=true", null).body());
        assertEquals("ALL_OR_NONE_OPERATION_ROLLED_BACK", del.get(0).path("errors").get(0).path("statusCode").asText());
        assertEquals("MALFORMED_ID", del.get(1).path("errors").get(0).path("statusCode").asText());
        assertNotNull(org.get("AWS_Seller_Account__c", a));
        JsonNode del2 = JSON.readTree(client.call("DELETE", "composite/sobjects?ids=" + a + "," + b + "&allOrNone=false", null).body());
        assertTrue(del2.get(0).path("success").asBoolean() && del2.get(1).path("success").asBoolean());
        assertNull(org.get("AWS_Seller_Account__c", a));
    }

    // ------------------------------------------------------------------ composite

    /** One subrequest of a composite request. */
    static Map<String, Object> sub(String method, String url, Object body, String referenceId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("url", "/services/data/v62.0/" + url);
        if (body != null) {
            m.put("body", body);
        }
        m.put("referenceId", referenceId);
        return m;
    }

    static JsonNode composite(boolean allOrNone, List<Map<String, Object>> subrequests) throws Exception {
        HttpResponse<String> response = client.call("POST", "composite", JSON.writeValueAsString(Map.of(
                "allOrNone", allOrNone, "compositeRequest", subrequests)));
        assertEquals(200, response.statusCode(), "the top-level answer is 200 whatever the subrequests did");
        return JSON.readTree(response.body()).path("compositeResponse");
    }

    static String offerWithInstallments(String... amounts) {
        String offer = org.insert("MP_Private_Offer__c", Map.of("Name", "Composite " + newAccountNumber()));
        for (int i = 0; i < amounts.length; i++) {
            org.insert("MP_Payment_Installment__c", Map.of("Offer__c", offer, "Charge_Date__c",
                    "2027-0" + (i + 1) + "-15", "Charge_Amount__c", new java.math.BigDecimal(amounts[i])));
        }
        return offer;
    }

    static List<String> installments(String offer) {
        return org.query("SELECT Charge_Amount__c FROM MP_Payment_Installment__c WHERE Offer__c = '" + offer
                + "' ORDER BY Charge_Date__c").stream()
                .map(r -> new java.math.BigDecimal(r.get("Charge_Amount__c").toString()).stripTrailingZeros()
                        .toPlainString()).toList();
    }

    static List<String> ids(String offer) {
        return org.query("SELECT Id FROM MP_Payment_Installment__c WHERE Offer__c = '" + offer + "'").stream()
                .map(r -> (String) r.get("Id")).toList();
    }

    static Map<String, Object> replacement(String offer, String amount) {
        return sub("POST", "composite/sobjects", Map.of("allOrNone", false, "records", List.of(
                rec("MP_Payment_Installment__c", Map.of("Offer__c", offer, "Charge_Date__c", "2027-06-15",
                        "Charge_Amount__c", amount)))), "newInstallments");
    }

    @Test
    void compositeAllOrNoneDeletesAndCreatesInOneTransactionAndAnswersEachSubrequest() throws Exception {
        String offer = offerWithInstallments("100", "200");

        JsonNode answers = composite(true, List.of(
                sub("DELETE", "composite/sobjects?ids=" + String.join(",", ids(offer)), null, "oldInstallments"),
                replacement(offer, "300")));

        assertEquals(2, answers.size());
        assertEquals("oldInstallments", answers.get(0).path("referenceId").asText());
        assertEquals(200, answers.get(0).path("httpStatusCode").asInt());
        assertTrue(answers.get(0).path("body").get(1).path("success").asBoolean());
        assertEquals("newInstallments", answers.get(1).path("referenceId").asText());
        assertTrue(answers.get(1).path("httpHeaders").isObject());
        assertEquals(List.of("300"), installments(offer));
    }

    @Test
    void compositeRefersToAnEarlierSubrequestsAnswerInTheUrlAndBody() throws Exception {
        JsonNode answers = composite(true, List.of(
                sub("POST", "sobjects/MP_Private_Offer__c", Map.of("Name", "Made by composite"), "offer"),
                sub("POST", "composite/sobjects", Map.of("records", List.of(
                        rec("MP_Payment_Installment__c", Map.of("Offer__c", "@{offer.id}", "Charge_Date__c",
                                "2027-01-15", "Charge_Amount__c", 50)))), "installments"),
                sub("GET", "sobjects/MP_Payment_Installment__c/@{installments[0].id}", null, "installment")));

        String offer = answers.get(0).path("body").path("id").asText();
        assertEquals(201, answers.get(0).path("httpStatusCode").asInt());
        assertEquals("/services/data/v62.0/sobjects/MP_Private_Offer__c/" + offer,
                answers.get(0).path("httpHeaders").path("Location").asText());
        assertEquals(offer, answers.get(2).path("body").path("Offer__c").asText());
        assertEquals(List.of("50"), installments(offer));
    }

    @Test
    void compositeAllOrNoneRollsBackEverySubrequestWhenSalesforceRefusesAValue() throws Exception {
        String offer = offerWithInstallments("100", "200");
        List<String> before = ids(offer);

        JsonNode answers = composite(true, List.of(
                sub("DELETE", "composite/sobjects?ids=" + String.join(",", before), null, "oldInstallments"),
                replacement(offer, "1000000000000000")));

        assertEquals(List.of("100", "200"), installments(offer), "the old rows are kept");
        assertEquals(before, ids(offer));
        assertEquals(400, answers.get(0).path("httpStatusCode").asInt());
        assertEquals("PROCESSING_HALTED", answers.get(0).path("body").get(0).path("errorCode").asText());
        JsonNode refused = answers.get(1).path("body").get(0);
        assertFalse(refused.path("success").asBoolean());
        assertEquals("NUMBER_OUTSIDE_VALID_RANGE", refused.path("errors").get(0).path("statusCode").asText());
    }

    @Test
    void compositeAllOrNoneRollsBackWhenAnInsertSubrequestFails() throws Exception {
        String offer = offerWithInstallments("100");
        org.failNext("collections.create", 1, 400, "FIELD_CUSTOM_VALIDATION_EXCEPTION");

        JsonNode answers = composite(true, List.of(
                sub("DELETE", "composite/sobjects?ids=" + String.join(",", ids(offer)), null, "oldInstallments"),
                replacement(offer, "300")));

        assertEquals(List.of("100"), installments(offer));
        assertEquals(400, answers.get(1).path("httpStatusCode").asInt());
        assertEquals("FIELD_CUSTOM_VALIDATION_EXCEPTION",
                answers.get(1).path("body").get(0).path("errorCode").asText());
        assertEquals("PROCESSING_HALTED", answers.get(0).path("body").get(0).path("errorCode").asText());
    }

    @Test
    void compositeWithoutAllOrNoneKeepsWhatSucceededAndSkipsWhatDependsOnAFailure() throws Exception {
        JsonNode answers = composite(false, List.of(
                sub("POST", "sobjects/MP_Private_Offer__c", Map.of("Status__c", "Not a status"), "badOffer"),
                sub("POST", "sobjects/MP_Payment_Installment__c", Map.of("Offer__c", "@{badOffer.id}",
                        "Charge_Date__c", "2027-01-15", "Charge_Amount__c", 1), "itsInstallment"),
                sub("POST", "sobjects/MP_Private_Offer__c", Map.of("Name", "Independent"), "goodOffer")));

        assertEquals(400, answers.get(0).path("httpStatusCode").asInt());
        assertEquals(400, answers.get(1).path("httpStatusCode").asInt());
        assertEquals("PROCESSING_HALTED", answers.get(1).path("body").get(0).path("errorCode").asText());
        assertEquals(201, answers.get(2).path("httpStatusCode").asInt());
        assertNotNull(org.get("MP_Private_Offer__c", answers.get(2).path("body").path("id").asText()));
    }

    @Test
    void compositeRefusesWhatTheDocumentedLimitsAndRulesForbid() throws Exception {
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < SandboxOrg.COMPOSITE_LIMIT + 1; i++) {
            tooMany.add(sub("GET", "limits", null, "limits" + i));
        }
        List<Map<String, Object>> sixQueries = new ArrayList<>();
        for (int i = 0; i < SandboxOrg.COMPOSITE_COLLECTIONS_AND_QUERIES + 1; i++) {
            sixQueries.add(sub("GET", "query?q=SELECT+Id+FROM+MP_Private_Offer__c", null, "query" + i));
        }
        Map<String, Object> withAuthorization = sub("GET", "limits", null, "limits");
        withAuthorization.put("httpHeaders", Map.of("Authorization", "Bearer x"));
        for (List<Map<String, Object>> refused : List.of(tooMany, sixQueries, List.of(withAuthorization),
                List.of(sub("GET", "limits", null, "not-a-reference")), List.of(sub("get", "limits", null, "lower")))) {
            ApiException e = apiError(() -> {
                try {
                    client.call("POST", "composite", JSON.writeValueAsString(Map.of("compositeRequest", refused)));
                } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                    throw new IllegalStateException(x);
                }
            });
            assertEquals(400, e.status(), e.body());
        }
    }

    @Test
    void collectionsRejectMoreThan200Records() throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            records.add(rec("AWS_Seller_Account__c", Map.of("Account_Id__c", String.format("9%011d", i))));
        }
        ApiException e = apiError(() -> {
            try {
                client.call("POST", "composite/sobjects", JSON.writeValueAsString(Map.of("allOrNone", false, "records", records)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                throw new IllegalStateException(x);
            }
        });
        assertEquals(400, e.status());
        assertEquals("EXCEEDED_ID_LIMIT", e.errorCode());
    }

    // ------------------------------------------------------------------ files, limits, access, faults, hooks

    @Test
    void contentVersionWithFirstPublishLocationCanBeDownloaded() throws Exception {
        String offer = org.insert("MP_Private_Offer__c", Map.of("Name", "EULA offer"));
        byte[] pdf = "%PDF-1.4 sandbox eula".getBytes(StandardCharsets.US_ASCII);
        String cv = client.create("ContentVersion", Map.of("Title", "EULA", "PathOnClient", "eula.pdf",
                "VersionData", Base64.getEncoder().encodeToString(pdf), "FirstPublishLocationId", offer));
        Map<String, Object> version = client.get("ContentVersion", cv);
        assertEquals("pdf", version.get("FileExtension"));
        assertEquals(true, version.get("IsLatest"));
        assertEquals(pdf.length, ((Number) version.get("ContentSize")).intValue());
        assertTrue(((String) version.get("VersionData")).endsWith("/sobjects/ContentVersion/" + cv + "/VersionData"));
        String docId = (String) version.get("ContentDocumentId");
        assertTrue(docId.startsWith("069"));
        List<Map<String, Object>> links = client.query("SELECT ContentDocumentId, LinkedEntityId FROM ContentDocumentLink WHERE LinkedEntityId = '" + offer + "'");
        assertEquals(1, links.size());
        assertEquals(docId, links.get(0).get("ContentDocumentId"));
        assertEquals(cv, org.get("ContentDocument", docId).get("LatestPublishedVersionId"));

        HttpResponse<byte[]> dl = HTTP.send(HttpRequest.newBuilder(URI.create(org.instanceUrl()
                + "/services/data/v62.0/sobjects/ContentVersion/" + cv + "/VersionData"))
                .header("Authorization", "Bearer " + client.accessToken()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, dl.statusCode());
        assertEquals("application/pdf", dl.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(pdf, dl.body());
    }

    @Test
    void limitsEndpointAndHeaderTrackUsageAndRefuseWhenExhausted() throws Exception {
        try (SandboxOrg small = SandboxOrg.start(OBJECTS,
                SalesforceMetadataAndIdsTest.FIXTURE_ORG.withDailyApiLimit(3))) {
            SandboxOrgRestClient c = SandboxOrgRestClient.forSandbox(small);
            HttpResponse<String> first = c.call("GET", "limits/", null);
            assertEquals("api-usage=1/3", first.headers().firstValue("Sforce-Limit-Info").orElseThrow());
            JsonNode l = JSON.readTree(first.body());
            assertEquals(3, l.path("DailyApiRequests").path("Max").asInt());
            assertEquals(2, l.path("DailyApiRequests").path("Remaining").asInt());
            c.call("GET", "limits/", null);
            c.call("GET", "limits/", null);
            ApiException e = apiError(() -> c.call("GET", "limits/", null));
            assertEquals(403, e.status());
            assertEquals("REQUEST_LIMIT_EXCEEDED", e.errorCode());
        }
    }

    @Test
    void userRecordAccessOfAPrivateRecordIsTheOwnersAndWhatIsSharedReadOrEdit() throws Exception {
        String alice = org.createUser("Alice Seller", "Fixture_Seller");
        String bob = org.createUser("Bob Colleague", "Fixture_Seller");
        String carol = org.createUser("Carol Auditor");
        org.setViewAll(carol, true);
        // AWS_Seller_Account__c: sharingModel Private in the fixture, as in force-app.
        String mine = org.insertAs(alice, "AWS_Seller_Account__c", Map.of("Account_Id__c", newAccountNumber()));
        String other = org.insert("AWS_Seller_Account__c", Map.of("Account_Id__c", newAccountNumber()));

        assertEquals(List.of("true true true All", "false false false None"), access(alice, mine, other));
        assertEquals(List.of("false false false None"), access(bob, mine));
        org.share(mine, bob, "Read");
        assertEquals(List.of("true false false Read"), access(bob, mine));
        org.share(mine, bob, "Edit");
        assertEquals(List.of("true true false Edit"), access(bob, mine));
        assertEquals(List.of("true false false Read"), access(carol, other), "View All Data reads, never edits");
        assertEquals(List.of("true true true All"), access(org.integrationUserId(), mine));
    }

    @Test
    void userRecordAccessFollowsAReadOnlySharingModelAndADetailFollowsItsMaster() throws Exception {
        String alice = org.createUser("Alice Seller", "Fixture_Seller");
        String bob = org.createUser("Bob Colleague", "Fixture_Seller");
        // MP_Private_Offer__c: Read (public read only) in the fixture; its installments are ControlledByParent.
        String offer = org.insertAs(alice, "MP_Private_Offer__c", Map.of("Name", "Acme"));
        String installment = org.insertAs(alice, "MP_Payment_Installment__c", Map.of("Offer__c", offer,
                "Charge_Date__c", java.time.LocalDate.of(2027, 1, 1), "Charge_Amount__c", 10));
        // Marketplace_Request__c: ReadWrite (public read/write).
        String request = org.insertAs(alice, "Marketplace_Request__c", Map.of("Action__c", "REFRESH_PRODUCTS"));

        assertEquals(List.of("true false false Read", "true false false Read", "true true false Edit"),
                access(bob, offer, installment, request));
        org.share(offer, bob, "Edit");
        assertEquals(List.of("true true false Edit", "true true false Edit"), access(bob, offer, installment));
        assertEquals(List.of("true true true All", "true true true All"), access(alice, offer, installment));
        assertThrows(IllegalArgumentException.class, () -> org.share(offer, bob, "All"));
    }

    /** "HasReadAccess HasEditAccess HasAllAccess MaxAccessLevel" of each record for the user, as the org answers. */
    private List<String> access(String user, String... records) throws Exception {
        String in = String.join("', '", records);
        Map<Object, String> byRecord = new java.util.HashMap<>();
        for (Map<String, Object> row : client.query("SELECT RecordId, HasReadAccess, HasEditAccess, HasAllAccess,"
                + " MaxAccessLevel FROM UserRecordAccess WHERE UserId = '" + user + "' AND RecordId IN ('" + in + "')")) {
            byRecord.put(row.get("RecordId"), row.get("HasReadAccess") + " " + row.get("HasEditAccess") + " "
                    + row.get("HasAllAccess") + " " + row.get("MaxAccessLevel"));
        }
        return java.util.Arrays.stream(records).map(byRecord::get).toList();
    }

    @Test
    void faultInjectionAndCallCounts() throws Exception {
        try (SandboxOrg o = SandboxOrg.start(OBJECTS, SalesforceMetadataAndIdsTest.FIXTURE_ORG)) {
            SandboxOrgRestClient c = SandboxOrgRestClient.forSandbox(o);
            c.login();
            o.failNext(2, 503, "SERVER_UNAVAILABLE");
            assertEquals(503, apiError(() -> c.query("SELECT Id FROM User")).status());
            assertEquals("SERVER_UNAVAILABLE", apiError(() -> c.create("AWS_Seller_Account__c", Map.of("Account_Id__c", "1"))).errorCode());
            c.query("SELECT Id FROM User");
            o.setFaultRate(1.0, 500, "UNKNOWN_EXCEPTION");
            assertEquals(500, apiError(() -> c.get("User", o.integrationUserId())).status());
            o.setFaultRate(0, 500, "UNKNOWN_EXCEPTION");
            Map<String, Long> counts = o.callCounts();
            assertEquals(1L, counts.get("login"));
            assertEquals(2L, counts.get("query"));
            assertEquals(1L, counts.get("create"));
            assertEquals(1L, counts.get("get"));
            o.resetCallCounts();
            assertTrue(o.callCounts().isEmpty());
        }
    }

    @Test
    void insertHooksSeeCommittedInsertsOnly() throws Exception {
        try (SandboxOrg o = SandboxOrg.start(OBJECTS, SalesforceMetadataAndIdsTest.FIXTURE_ORG)) {
            List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
            o.onInsert("Marketplace_Request__c", seen::add);
            SandboxOrgRestClient c = SandboxOrgRestClient.forSandbox(o);
            String id = c.create("Marketplace_Request__c", Map.of("Action__c", "REFRESH_PRODUCTS"));
            String body = JSON.writeValueAsString(Map.of("allOrNone", true, "records", List.of(
                    rec("Marketplace_Request__c", Map.of("Action__c", "REFRESH_PRODUCTS")),
                    rec("Marketplace_Request__c", Map.of("Action__c", "BAD")))));
            c.call("POST", "composite/sobjects", body);
            assertEquals(1, seen.size());
            assertEquals(id, seen.get(0).get("Id"));
            assertEquals("Queued", seen.get(0).get("Status__c"));
            String ev = c.create("Marketplace_Request_Event__e", Map.of("Request_Id__c", id));
            assertTrue(ev.startsWith("e00"));
        }
    }
}
