package io.mpcrm.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mpcrm.connector.observability.SalesforceApiUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Salesforce gateway ({@link SalesforceRecords} over camel-salesforce 4.17, logged in with client credentials as
 * the connector may be) against WireMock serving the answers Salesforce documents for the cases the sandbox org does
 * not produce. What each test asserts is what the request lifecycle turns into what the seller reads:
 * {@link SalesforceUnavailable} is Waiting with a next attempt ({@code routes/request-errors.camel.yaml}),
 * {@link SalesforceRejected} is Failed with Salesforce's words.
 *
 * <p>Error bodies are Salesforce's error array, {@code [{"message", "errorCode", "fields"}]}, with the HTTP status the
 * REST API Developer Guide gives each ("Status Codes and Error Responses",
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm).
 */
class SalesforceDocumentedErrorsTest {

    private static final String DATA = "/services/data/v62.0";
    private static final String OFFER_ID = "a03000000000123AAA";
    private static final String REQUEST_ID = "a05000000000456AAA";

    @RegisterExtension
    static final WireMockExtension org = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    private CamelContext camel;
    private SalesforceRecords records;

    @BeforeEach
    void gatewayLoggedInToWireMock() throws Exception {
        camel = camelSalesforce(null);
        records = new SalesforceRecords(camel.createProducerTemplate(), new ObjectMapper(), "62.0",
                new SalesforceApiUsage(new SimpleMeterRegistry()));
    }

    /** camel-salesforce as the connector configures it, with the idle timeout given (null: its default, 10 s). */
    private static CamelContext camelSalesforce(Long idleTimeoutMillis) throws Exception {
        // The OAuth 2.0 client credentials flow's answer
        // (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm): the
        // instance URL the REST calls then go to is WireMock's own.
        org.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(okJson("""
                {"access_token":"00DWM0000000001!wiremock-session-%d","instance_url":"%s",
                 "id":"%s/id/00DWM0000000001EAA/005WM0000000001AAA","token_type":"Bearer",
                 "issued_at":"1764410000000","signature":"d2lyZW1vY2stc2lnbmF0dXJl"}""".formatted(
                System.nanoTime(), org.baseUrl(), org.baseUrl()))));
        CamelContext camel = new DefaultCamelContext();
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setLoginUrl(org.baseUrl());
        salesforce.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
        // Throwaway: WireMock checks no secret.
        salesforce.setClientId("wiremock-client-id");
        salesforce.setClientSecret("wiremock-client-secret-not-real");
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion("62.0");
        salesforce.setConfig(config);
        if (idleTimeoutMillis != null) {
            salesforce.setHttpClientIdleTimeout(idleTimeoutMillis);
        }
        camel.addComponent("salesforce", salesforce);
        camel.start();
        return camel;
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    /**
     * 403 REQUEST_LIMIT_EXCEEDED (errorcodes.htm: "403 ... the request has been refused"; the org's API requests of
     * the last 24 hours are used up, https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_api.htm):
     * a 4xx that passes with time, so the request waits rather than fails.
     */
    @Test
    void aQueryPastTheOrgsApiLimitIsUnavailableNotRefused() {
        org.stubFor(get(urlPathEqualTo(DATA + "/query/")).willReturn(sfError(403, "REQUEST_LIMIT_EXCEEDED",
                "TotalRequests Limit exceeded.")));

        assertThatThrownBy(() -> records.query("SELECT Id FROM Marketplace_Request__c"))
                .isExactlyInstanceOf(SalesforceUnavailable.class)
                .hasMessage("Salesforce did not complete GET /query/ (HTTP 403 REQUEST_LIMIT_EXCEEDED: TotalRequests"
                        + " Limit exceeded.).");
    }

    /**
     * UNABLE_TO_LOCK_ROW on a record update: another transaction holds the row for up to 10 seconds
     * (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm,
     * StatusCode UNABLE_TO_LOCK_ROW: "A deadlock or timeout condition has been detected"). It passes: the request
     * waits and writes on its next attempt, rather than failing with an error the seller cannot act on.
     */
    @Test
    void anUpdateOfARowAnotherTransactionHoldsIsUnavailableNotRefused() {
        org.stubFor(patch(urlPathEqualTo(DATA + "/sobjects/MP_Private_Offer__c/" + OFFER_ID)).willReturn(sfError(400,
                "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records: " + OFFER_ID)));

        assertThatThrownBy(() -> records.update("MP_Private_Offer__c", OFFER_ID, Map.of("Status__c", "Released")))
                .isExactlyInstanceOf(SalesforceUnavailable.class)
                .hasMessage("Salesforce did not complete PATCH /sobjects/MP_Private_Offer__c/" + OFFER_ID
                        + " (HTTP 400 UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record or 1"
                        + " records: " + OFFER_ID + ").");
        org.verify(1, patchRequestedFor(urlPathEqualTo(DATA + "/sobjects/MP_Private_Offer__c/" + OFFER_ID)));
    }

    /** A refusal that does not pass (a validation rule) stays a refusal: the request fails with Salesforce's words. */
    @Test
    void aValidationRuleRefusalStaysARefusal() {
        org.stubFor(patch(urlPathEqualTo(DATA + "/sobjects/MP_Private_Offer__c/" + OFFER_ID)).willReturn(sfError(400,
                "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Expiration must be in the future.", "Expiration_Date__c")));

        assertThatThrownBy(() -> records.update("MP_Private_Offer__c", OFFER_ID, Map.of("Status__c", "Released")))
                .isInstanceOfSatisfying(SalesforceRejected.class, rejected -> assertThat(rejected.errors())
                        .containsExactly(new SalesforceRejected.SalesforceError("FIELD_CUSTOM_VALIDATION_EXCEPTION",
                                "Expiration must be in the future.", List.of("Expiration_Date__c"))));
    }

    /**
     * 401 INVALID_SESSION_ID ("Session expired or invalid", errorcodes.htm: "401 The session ID or OAuth token used has
     * expired or is invalid") in the middle of a run: camel-salesforce logs in again and repeats the refused call once;
     * the write is made once, as the refused one was not made.
     */
    @Test
    void aSessionThatExpiresMidRunIsRenewedAndTheWriteMadeOnce() {
        String path = DATA + "/sobjects/Marketplace_Request__c/" + REQUEST_ID;
        org.stubFor(get(urlPathEqualTo(DATA + "/query/")).willReturn(okJson("""
                {"totalSize":0,"done":true,"records":[]}""")));
        org.stubFor(patch(urlPathEqualTo(path)).inScenario("session").whenScenarioStateIs(STARTED)
                .willReturn(sfError(401, "INVALID_SESSION_ID", "Session expired or invalid"))
                .willSetStateTo("expired"));
        org.stubFor(patch(urlPathEqualTo(path)).inScenario("session").whenScenarioStateIs("expired")
                .willReturn(aResponse().withStatus(204)).willSetStateTo("written"));

        assertThat(records.query("SELECT Id FROM Marketplace_Request__c")).isEmpty();
        records.update("Marketplace_Request__c", REQUEST_ID, Map.of("Status__c", "Processing"));

        org.verify(2, postRequestedFor(urlPathEqualTo("/services/oauth2/token")));
        org.verify(2, patchRequestedFor(urlPathEqualTo(path)));
        assertThat(org.getAllScenarios().getScenarios()).singleElement()
                .satisfies(s -> assertThat(s.getState()).isEqualTo("written"));
    }

    /**
     * A partial failure in an sObject Collections upsert with allOrNone false: 200 with one SaveResult per record in
     * input order, {@code success:false} and its {@code errors} for the one refused
     * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm).
     * Each record's outcome is reported on its own; the call is made once and the written record is not sent again.
     */
    @Test
    void aCollectionUpsertWithOneRefusedRecordReportsEachRecordOnItsOwn() {
        String path = DATA + "/composite/sobjects/MP_Product__c/Product_Id__c";
        org.stubFor(patch(urlPathEqualTo(path)).willReturn(okJson("""
                [{"id":"a01000000000001AAA","success":true,"errors":[],"created":true},
                 {"success":false,"errors":[{"statusCode":"STRING_TOO_LONG",
                   "message":"Name: data value too large: ...(max length=80)","fields":["Name"]}]}]""")));

        List<SalesforceRecords.WriteResult> results = records.upsertAll("MP_Product__c", "Product_Id__c",
                List.of(row("prod-aaa", "Good product"), row("prod-bbb", "A".repeat(81))));

        assertThat(results).containsExactly(
                new SalesforceRecords.WriteResult("prod-aaa", "a01000000000001AAA", true, true, List.of()),
                new SalesforceRecords.WriteResult("prod-bbb", null, false, false,
                        List.of("STRING_TOO_LONG: Name: data value too large: ...(max length=80) [\"Name\"]")));
        org.verify(1, patchRequestedFor(urlPathEqualTo(path)));
    }

    /**
     * The same kind of failure in a collection created all or none: one record refused, nothing written, and the
     * refusal names the record and the field.
     */
    @Test
    void aCollectionCreatedAllOrNoneWithOneRefusedRecordIsRefusedNamingTheRecord() {
        org.stubFor(post(urlPathEqualTo(DATA + "/composite/sobjects")).willReturn(okJson("""
                [{"success":false,"errors":[{"statusCode":"ALL_OR_NONE_OPERATION_ROLLED_BACK",
                   "message":"Record rolled back because not all records were valid and the request was using AllOrNone header","fields":[]}]},
                 {"success":false,"errors":[{"statusCode":"REQUIRED_FIELD_MISSING",
                   "message":"Required fields are missing: [Due_Date__c]","fields":["Due_Date__c"]}]}]""")));

        assertThatThrownBy(() -> records.createAll("MP_Installment__c", List.of(Map.of("Amount__c", 10),
                Map.of("Amount__c", 20))))
                .isInstanceOfSatisfying(SalesforceRejected.class, rejected -> assertThat(rejected.errors())
                        .contains(new SalesforceRejected.SalesforceError("REQUIRED_FIELD_MISSING",
                                "record 2: Required fields are missing: [Due_Date__c]", List.of("Due_Date__c"))));
    }

    /**
     * An all-or-none composite whose collection subrequest hit UNABLE_TO_LOCK_ROW: the composite answers 200, the
     * failing subrequest 400 with the error array and the others PROCESSING_HALTED
     * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite_post.htm,
     * allOrNone). Nothing was written and the cause passes, so the request waits.
     */
    @Test
    void anAllOrNoneTransactionRolledBackOnALockedRowIsUnavailable() {
        org.stubFor(post(urlPathEqualTo(DATA + "/composite")).willReturn(okJson("""
                {"compositeResponse":[
                  {"body":[{"errorCode":"PROCESSING_HALTED","message":"The transaction was rolled back since another operation in the same transaction failed."}],
                   "httpHeaders":{},"httpStatusCode":400,"referenceId":"delete0"},
                  {"body":[{"errorCode":"UNABLE_TO_LOCK_ROW","message":"unable to obtain exclusive access to this record or 1 records: a03000000000123AAA","fields":[]}],
                   "httpHeaders":{},"httpStatusCode":400,"referenceId":"records1"}]}""")));
        AllOrNone writes = records.allOrNone().deleteAll(List.of("a06000000000001AAA"))
                .createAll("MP_Installment__c", List.of(Map.of("Amount__c", 10)));

        assertThatThrownBy(() -> records.write(writes))
                .isExactlyInstanceOf(SalesforceUnavailable.class)
                .hasMessage("Salesforce did not complete the writes of one transaction, so none was made"
                        + " (UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record or 1 records: "
                        + OFFER_ID + ").");
    }

    /**
     * 503 with Retry-After (errorcodes.htm: "503 The server is unavailable to handle the request. Typically this issue
     * occurs if the server is down for maintenance or is currently overloaded."; Retry-After as RFC 9110 section 10.2.3
     * defines it, which Salesforce's guide does not mention): the request waits. camel-salesforce does not repeat the
     * call itself.
     */
    @Test
    void aServerDownForMaintenanceIsUnavailable() {
        org.stubFor(get(urlPathEqualTo(DATA + "/query/")).willReturn(sfError(503, "SERVER_UNAVAILABLE",
                "Server temporarily unavailable").withHeader("Retry-After", "120")));

        assertThatThrownBy(() -> records.query("SELECT Id FROM Marketplace_Request__c"))
                .isExactlyInstanceOf(SalesforceUnavailable.class)
                .hasMessage("Salesforce did not complete GET /query/ (HTTP 503 SERVER_UNAVAILABLE: Server temporarily"
                        + " unavailable).");
        org.verify(1, getRequestedFor(urlPathEqualTo(DATA + "/query/")));
    }

    /** The connection reset by the peer (WireMock's Fault.CONNECTION_RESET_BY_PEER): unreachable, so the request waits. */
    @Test
    void aConnectionResetIsUnavailable() {
        org.stubFor(patch(urlPathEqualTo(DATA + "/sobjects/Marketplace_Request__c/" + REQUEST_ID))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> records.update("Marketplace_Request__c", REQUEST_ID, Map.of("Status__c", "Waiting")))
                .isExactlyInstanceOf(SalesforceUnavailable.class)
                .hasMessageStartingWith("Salesforce could not be reached for PATCH /sobjects/Marketplace_Request__c/"
                        + REQUEST_ID)
                .hasMessageEndingWith("(the connection closed before Salesforce answered).");
    }

    /**
     * An answer that stalls past camel-salesforce's idle timeout (httpClientIdleTimeout, 10 s by default, which the
     * connector keeps; 2 s here to keep the test short; WireMock's withFixedDelay): unreachable for now, so the request
     * waits; the write is sent once, not repeated by the client.
     */
    @Test
    void anAnswerThatStallsPastTheIdleTimeoutIsUnavailable() throws Exception {
        String path = DATA + "/sobjects/Marketplace_Request__c/" + REQUEST_ID;
        org.stubFor(patch(urlPathEqualTo(path)).willReturn(aResponse().withStatus(204).withFixedDelay(5_000)));
        CamelContext impatient = camelSalesforce(2_000L);
        SalesforceRecords records = new SalesforceRecords(impatient.createProducerTemplate(), new ObjectMapper(),
                "62.0", new SalesforceApiUsage(new SimpleMeterRegistry()));

        try (impatient) {
            assertThatThrownBy(() -> records.update("Marketplace_Request__c", REQUEST_ID,
                    Map.of("Status__c", "Waiting")))
                    .isExactlyInstanceOf(SalesforceUnavailable.class)
                    .hasMessageStartingWith("Salesforce could not be reached for PATCH /sobjects/Marketplace_Request__c/"
                            + REQUEST_ID)
                    .satisfies(e -> assertThat(e.getMessage()).as("what went wrong on the wire")
                            .containsPattern("\\(Idle timeout expired: \\d+/2000 ms\\)\\.$"));
        }
        org.verify(1, patchRequestedFor(urlPathEqualTo(path)));
    }

    private static Map<String, Object> row(String productId, String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Product_Id__c", productId);
        row.put("Name", name);
        return row;
    }

    private static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=UTF-8")
                .withHeader("Sforce-Limit-Info", "api-usage=25/15000").withBody(body);
    }

    /** Salesforce's error array with one error, as errorcodes.htm shows it. */
    private static ResponseDefinitionBuilder sfError(int status, String errorCode, String message, String... fields) {
        try {
            String body = new ObjectMapper().writeValueAsString(List.of(Map.of("message", message, "errorCode",
                    errorCode, "fields", List.of(fields))));
            return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8")
                    .withBody(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
