package io.mpcrm.connector.request;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mpcrm.connector.events.DomainEvents;
import io.mpcrm.connector.marketplace.AwsSettings;
import io.mpcrm.connector.settings.OfferSettings;
import io.mpcrm.connector.settings.RouteTimers;
import io.mpcrm.connector.settings.SweepSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import io.mpcrm.connector.marketplace.MarketplaceCatalog;
import io.mpcrm.connector.marketplace.MarketplaceRateLimits;
import io.mpcrm.connector.marketplace.SellerAccount;
import io.mpcrm.connector.marketplace.SellerAccountClients;
import io.mpcrm.connector.marketplace.SellerAccounts;
import io.mpcrm.connector.observability.AwsCallMetrics;
import io.mpcrm.connector.observability.EventLag;
import io.mpcrm.connector.request.RequestMetrics;
import io.mpcrm.connector.observability.SalesforceApiUsage;
import io.mpcrm.connector.request.SyncMetrics;
import io.mpcrm.connector.product.RefreshProductsAction;
import io.mpcrm.connector.replica.ActiveWorker;
import io.mpcrm.connector.salesforce.SObjectCatalog;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A request through the real lifecycle: {@code routes/requests.camel.yaml}'s request-process and
 * {@code routes/request-errors.camel.yaml}, with the connector's own beans ({@link RequestLifecycle},
 * {@link RequestRecords}, {@link RequestAuthorization}, {@link ActionDispatcher} with {@link RefreshProductsAction},
 * {@link SalesforceRecords} over camel-salesforce, {@link MarketplaceCatalog} over the AWS SDK), against WireMock
 * standing for the org and for AWS and serving the errors the platforms document (the pages are named at each stub,
 * and in {@code SalesforceDocumentedErrorsTest} and {@code MarketplaceDocumentedErrorsTest}). The assertions are the
 * request record as the connector leaves it in Salesforce: the fields of its last write (Status__c, Error__c,
 * Next_Attempt_At__c, Attempts__c), and that nothing else was written.
 */
@CamelSpringBootTest
@SpringBootTest(classes = DocumentedErrorsRequestOutcomeTest.Slice.class, properties = {
        "camel.main.routes-include-pattern=file:routes/requests.camel.yaml,file:routes/request-errors.camel.yaml",
        "connector.events.enabled=false",
        "connector.sweep.initial-delay=3600000",
        "connector.sweep.period=3600000",
        "connector.instance-id=worker-wm",
        "camel.component.salesforce.authentication-type=CLIENT_CREDENTIALS",
        // Throwaway: WireMock checks no secret.
        "camel.component.salesforce.client-id=wiremock-client-id",
        "camel.component.salesforce.client-secret=wiremock-client-secret-not-real",
        "management.endpoint.health.validate-group-membership=false"})
class DocumentedErrorsRequestOutcomeTest {

    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    static final String ACCOUNT = "111122223333";
    static final String DATA = "/services/data/v62.0";
    static final String REQUEST_ID = "a05000000000042AAA";
    static final String SELLER_RECORD = "a01000000000007AAA";
    static final String REQUEST_PATH = DATA + "/sobjects/Marketplace_Request__c/" + REQUEST_ID;
    static final ObjectMapper JSON = new ObjectMapper();

    static final WireMockServer org = started();
    static final WireMockServer aws = started();

    @DynamicPropertySource
    static void wireMock(DynamicPropertyRegistry registry) {
        stubLogin();
        registry.add("camel.component.salesforce.login-url", org::baseUrl);
    }

    /** The connector's beans the request-process route calls, and what they need. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    // Scanned, not imported, so that each has the bean name the routes refer to (requestLifecycle, eventLag, ...).
    @ComponentScan(basePackages = "io.mpcrm.connector", useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = {SalesforceRecords.class, SalesforceApiUsage.class, SObjectCatalog.class, RequestRecords.class,
            TargetRecordError.class, RequestLifecycle.class, RequestAuthorization.class, ActionDispatcher.class,
            RefreshProductsAction.class, MarketplaceCatalog.class, EventLag.class, RequestEvents.class,
            DomainEvents.class, RequestMetrics.class, ActiveWorker.class, SyncMetrics.class, AwsCallMetrics.class,
            MarketplaceRateLimits.class, RouteTimers.class}))
    @EnableConfigurationProperties({SweepSettings.class, OfferSettings.class})
    static class Slice {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        RequestPolicy requestPolicy() {
            return new RequestPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(10), 200);
        }

        /** Two SDK attempts per call (the connector's default is 4), so that a throttled call gives up quickly. */
        @Bean
        AwsSettings awsSettings() {
            URI endpoint = URI.create(aws.baseUrl());
            return new AwsSettings(endpoint, endpoint, endpoint, null, null, 2, Duration.ofSeconds(30),
                    Duration.ofSeconds(5), Duration.ofMinutes(15), Map.of());
        }

        @Bean
        SellerAccounts sellerAccounts() {
            return new SellerAccounts(List.of(new SellerAccount(ACCOUNT,
                    "arn:aws:iam::" + ACCOUNT + ":role/MarketplaceCrmConnector", "us-east-1", null)));
        }

        @Bean
        SellerAccountClients sellerAccountClients(SellerAccounts accounts, AwsSettings settings,
                                                  MarketplaceRateLimits limits, AwsCallMetrics metrics) {
            var base = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIAWIREMOCKTEST0002",
                            "wiremock-test-secret-not-a-real-key-0000"));
            return new SellerAccountClients(accounts, settings, limits, metrics, Optional::empty, () -> base);
        }
    }

    @Autowired
    ProducerTemplate template;

    @BeforeEach
    void aQueuedRefreshOfTheSellersProducts() {
        org.resetAll();
        aws.resetAll();
        stubLogin();
        org.stubFor(get(urlPathEqualTo(DATA + "/query/")).withQueryParam("q",
                containing("FROM Marketplace_Request__c WHERE Id = '" + REQUEST_ID + "'")).willReturn(okJson("""
                {"totalSize":1,"done":true,"records":[{"attributes":{"type":"Marketplace_Request__c",
                  "url":"%s"},"Id":"%s","Name":"MR-000042","CreatedById":"005000000000001AAA",
                  "Action__c":"REFRESH_PRODUCTS","Status__c":"Queued","Seller_Account__c":"%s",
                  "Seller_Account__r":{"attributes":{"type":"AWS_Seller_Account__c"},"Account_Id__c":"%s"},
                  "Target_Record_Id__c":null,"Input__c":null,"Attempts__c":0,"Next_Attempt_At__c":null,
                  "Started_At__c":null}]}""".formatted(REQUEST_PATH, REQUEST_ID, SELLER_RECORD, ACCOUNT))));
        org.stubFor(get(urlPathEqualTo(DATA + "/query/")).withQueryParam("q", containing("FROM UserRecordAccess"))
                .willReturn(okJson("""
                        {"totalSize":1,"done":true,"records":[{"attributes":{"type":"UserRecordAccess"},
                          "RecordId":"%s","HasReadAccess":true,"HasEditAccess":false}]}""".formatted(SELLER_RECORD))));
        org.stubFor(patch(urlPathEqualTo(REQUEST_PATH)).willReturn(aResponse().withStatus(204)));
        // STS AssumeRole's answer (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html).
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")).willReturn(aResponse()
                .withHeader("Content-Type", "text/xml").withBody("""
                        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
                          <AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/MarketplaceCrmConnector/c</Arn>
                            <AssumedRoleId>AROA3XFRBF535PLBIFPI4:c</AssumedRoleId></AssumedRoleUser>
                          <Credentials><AccessKeyId>ASIAWIREMOCKTEST0002</AccessKeyId>
                            <SecretAccessKey>wiremock-session-secret-not-a-real-key-00</SecretAccessKey>
                            <SessionToken>wiremock-session-token</SessionToken><Expiration>%s</Expiration></Credentials>
                        </AssumeRoleResult></AssumeRoleResponse>""".formatted(Instant.now().plus(Duration.ofHours(1))))));
    }

    @AfterAll
    static void stopWireMock() {
        org.stop();
        aws.stop();
    }

    /**
     * ThrottlingException (HTTP 429, https://docs.aws.amazon.com/marketplace/latest/APIReference/API_ListEntities.html,
     * Errors) on every attempt: the request waits, its next attempt 30 seconds on (connector.requests.retry-base-delay,
     * with jitter), and nothing is written in Salesforce but the request itself.
     */
    @Test
    void aRequestTheCatalogApiKeepsThrottlingWaitsForItsNextAttempt() throws Exception {
        aws.stubFor(post(urlPathEqualTo("/ListEntities")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazonaws.mpcs/")
                .withBody("{\"Message\":\"Rate exceeded\"}")));

        JsonNode last = outcomeOfOneRun();
        assertThat(last.path("Status__c").asText()).isEqualTo("Waiting");
        assertThat(last.path("Attempts__c").asInt()).isEqualTo(1);
        assertThat(Duration.between(NOW, Instant.parse(last.path("Next_Attempt_At__c").asText())))
                .isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
        assertThat(last.path("Error__c").asText())
                .startsWith("Attempt 1 of 3 did not complete for a reason that usually passes: AWS Marketplace did not"
                        + " complete listing ")
                .contains("for account " + ACCOUNT + " (ThrottlingException, HTTP 429).")
                .contains("The connector tries again at 2026-11-29 10:00:");
        aws.verify(2, postRequestedFor(urlPathEqualTo("/ListEntities")));
        assertThat(org.findAll(patchRequestedFor(urlPathEqualTo(DATA + "/composite/sobjects/MP_Product__c/Product_Id__c"))))
                .isEmpty();
    }

    /**
     * AccessDeniedException (HTTP 403, API_ListEntities.html, Errors): the request fails at once, and says who must
     * act and on what.
     */
    @Test
    void aRequestTheSellersRoleMayNotMakeFailsWithWordsForTheAdministrator() throws Exception {
        aws.stubFor(post(urlPathEqualTo("/ListEntities")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/coral/com.amazonaws.mpcs/")
                .withBody("{\"Message\":\"User: arn:aws:sts::111122223333:assumed-role/MarketplaceCrmConnector/c is"
                        + " not authorized to perform: aws-marketplace:ListEntities\"}")));

        JsonNode last = outcomeOfOneRun();
        assertThat(last.path("Status__c").asText()).isEqualTo("Failed");
        assertThat(last.path("Next_Attempt_At__c").isNull()).isTrue();
        assertThat(last.path("Error__c").asText())
                .startsWith("AWS denied listing ")
                .contains("(AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/"
                        + "MarketplaceCrmConnector/c is not authorized to perform: aws-marketplace:ListEntities)")
                .endsWith("An administrator should check the connector's IAM role for this account.");
        aws.verify(1, postRequestedFor(urlPathEqualTo("/ListEntities")));
    }

    /**
     * The org's API requests used up mid-run (403 REQUEST_LIMIT_EXCEEDED, "TotalRequests Limit exceeded.",
     * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm): the request waits for
     * its next attempt instead of failing, and what it read from AWS was not written in part.
     */
    @Test
    void aRequestThatRunsIntoTheOrgsApiLimitWaitsForItsNextAttempt() throws Exception {
        aws.stubFor(post(urlPathEqualTo("/ListEntities")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"EntitySummaryList\":[]}")));
        org.stubFor(get(urlPathEqualTo(DATA + "/query/")).withQueryParam("q", containing("FROM MP_Product__c"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json;charset=UTF-8")
                        .withBody("[{\"message\":\"TotalRequests Limit exceeded.\","
                                + "\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"fields\":[]}]")));

        JsonNode last = outcomeOfOneRun();
        assertThat(last.path("Status__c").asText()).isEqualTo("Waiting");
        assertThat(last.path("Attempts__c").asInt()).isEqualTo(1);
        assertThat(Duration.between(NOW, Instant.parse(last.path("Next_Attempt_At__c").asText())))
                .isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
        assertThat(last.path("Error__c").asText())
                .startsWith("Attempt 1 of 3 did not complete for a reason that usually passes: Salesforce did not"
                        + " complete GET /query/ (HTTP 403 REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.).");
        assertThat(org.getAllServeEvents()).noneMatch(e -> e.getRequest().getUrl().contains("/composite/sobjects"));
    }

    /**
     * The request record itself locked by another transaction when the connector records the outcome (400
     * UNABLE_TO_LOCK_ROW, "unable to obtain exclusive access to this record", a StatusCode of
     * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm):
     * the lock passes, so the request waits for its next attempt (which refreshes again: an upsert by product id)
     * rather than ending Failed with words the seller cannot act on.
     */
    @Test
    void aRequestWhoseRecordIsLockedWhenItsOutcomeIsWrittenWaitsForItsNextAttempt() throws Exception {
        aws.stubFor(post(urlPathEqualTo("/ListEntities")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"EntitySummaryList\":[]}")));
        org.stubFor(get(urlPathEqualTo(DATA + "/query/")).withQueryParam("q", containing("FROM MP_Product__c"))
                .willReturn(okJson("{\"totalSize\":0,\"done\":true,\"records\":[]}")));
        org.stubFor(patch(urlPathEqualTo(REQUEST_PATH)).withRequestBody(containing("\"Succeeded\""))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json;charset=UTF-8")
                        .withBody("[{\"message\":\"unable to obtain exclusive access to this record or 1 records: "
                                + REQUEST_ID + "\",\"errorCode\":\"UNABLE_TO_LOCK_ROW\",\"fields\":[]}]")));

        template.sendBodyAndHeader("direct:request-process", REQUEST_ID, "intake", "sweep");

        List<JsonNode> writes = requestWrites();
        assertThat(writes).extracting(w -> w.path("Status__c").asText())
                .containsExactly("Processing", "Succeeded", "Waiting");
        JsonNode last = writes.get(2);
        assertThat(last.path("Attempts__c").asInt()).isEqualTo(1);
        assertThat(last.path("Next_Attempt_At__c").isTextual()).isTrue();
        assertThat(last.path("Error__c").asText()).contains("UNABLE_TO_LOCK_ROW");
    }

    /** The bodies of the connector's writes to the request record, in the order it sent them. */
    /**
     * Runs the request once, as the sweep hands it over; checks it was written twice, taken up (Processing) and then
     * its outcome, and returns the outcome's write.
     */
    private JsonNode outcomeOfOneRun() throws Exception {
        template.sendBodyAndHeader("direct:request-process", REQUEST_ID, "intake", "sweep");
        List<JsonNode> writes = requestWrites();
        assertThat(writes).hasSize(2);
        assertThat(writes.get(0).path("Status__c").asText()).isEqualTo("Processing");
        return writes.get(1);
    }

    private static List<JsonNode> requestWrites() throws Exception {
        List<LoggedRequest> patches = org.findAll(patchRequestedFor(urlPathEqualTo(REQUEST_PATH)));
        List<JsonNode> bodies = new java.util.ArrayList<>();
        for (LoggedRequest request : patches) {
            bodies.add(JSON.readTree(request.getBodyAsString()));
        }
        return bodies;
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return server;
    }

    /** The OAuth 2.0 client credentials flow's answer; the REST calls then go to WireMock too. */
    private static void stubLogin() {
        org.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(okJson("""
                {"access_token":"00DWM0000000001!wiremock-session","instance_url":"%s",
                 "id":"%s/id/00DWM0000000001EAA/005WM0000000001AAA","token_type":"Bearer",
                 "issued_at":"1764410000000","signature":"d2lyZW1vY2stc2lnbmF0dXJl"}""".formatted(
                org.baseUrl(), org.baseUrl()))));
    }

    private static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body);
    }
}
