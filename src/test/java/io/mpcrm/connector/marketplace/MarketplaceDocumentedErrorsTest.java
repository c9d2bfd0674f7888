package io.mpcrm.connector.marketplace;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.mpcrm.connector.observability.AwsCallMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.marketplacecatalog.model.OwnershipType;

/**
 * The two Marketplace gateways ({@link MarketplaceCatalog} and {@link ChangeSets} over the Catalog API,
 * {@link MarketplaceAgreements} over the Agreement API), with the connector's own clients ({@link SellerAccountClients}:
 * its retries, rate limits and read timeout), against WireMock serving the error responses AWS documents, in the wire
 * format of each API's protocol, and transport faults. What each test asserts is what the request lifecycle turns into
 * what the seller reads: {@link MarketplaceUnavailable} (and {@link MarketplaceEntityLocked}) is Waiting with a next
 * attempt, {@link MarketplaceRejected} is Failed with its message.
 *
 * <p>Protocols, from the services' models (botocore's service-2.json of marketplace-catalog 2018-09-17 and
 * marketplace-agreement 2020-03-01): the Catalog API is rest-json, the error's name in the {@code x-amzn-ErrorType}
 * header and {@code {"Message": ...}} in the body, with the HTTP status each error declares; the Agreement API is
 * JSON 1.0 ({@code X-Amz-Target: AWSMPCommerceService_v20200301.<Operation>}), the error's name in the body's
 * {@code __type}, HTTP 400 for a client error and 500 for a server error, as its errors declare no status of their own
 * (https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html).
 */
class MarketplaceDocumentedErrorsTest {

    private static final String ACCOUNT = "111122223333";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/MarketplaceCrmConnector";
    private static final String AGREEMENT_TARGET = "AWSMPCommerceService_v20200301.";

    @RegisterExtension
    static final WireMockExtension aws = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    private SellerAccountClients clients;
    private MarketplaceCatalog catalog;
    private ChangeSets changeSets;
    private MarketplaceAgreements agreements;

    @BeforeEach
    void connectorClientsPointedAtWireMock() {
        URI endpoint = URI.create(aws.baseUrl());
        AwsSettings settings = new AwsSettings(endpoint, endpoint, endpoint, null, null, 4, Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofMinutes(15), Map.of());
        SellerAccounts accounts = new SellerAccounts(List.of(new SellerAccount(ACCOUNT, ROLE, "us-east-1", null)));
        // Throwaway base keys: WireMock checks no signature.
        var base = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAWIREMOCKTEST0001",
                "wiremock-test-secret-not-a-real-key-0000"));
        clients = new SellerAccountClients(accounts, settings, new MarketplaceRateLimits(settings),
                new AwsCallMetrics(new SimpleMeterRegistry()), Optional::empty, () -> base);
        catalog = new MarketplaceCatalog(clients);
        changeSets = new ChangeSets(clients);
        agreements = new MarketplaceAgreements(clients);
        // STS AssumeRole, as https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html shows its answer.
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")).willReturn(aResponse()
                .withHeader("Content-Type", "text/xml").withBody("""
                        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <AssumeRoleResult>
                            <AssumedRoleUser>
                              <Arn>arn:aws:sts::111122223333:assumed-role/MarketplaceCrmConnector/marketplace-crm-connector</Arn>
                              <AssumedRoleId>AROA3XFRBF535PLBIFPI4:marketplace-crm-connector</AssumedRoleId>
                            </AssumedRoleUser>
                            <Credentials>
                              <AccessKeyId>ASIAWIREMOCKTEST0001</AccessKeyId>
                              <SecretAccessKey>wiremock-session-secret-not-a-real-key-00</SecretAccessKey>
                              <SessionToken>wiremock-session-token</SessionToken>
                              <Expiration>%s</Expiration>
                            </Credentials>
                          </AssumeRoleResult>
                          <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
                        </AssumeRoleResponse>
                        """.formatted(Instant.now().plus(Duration.ofMinutes(15))))));
    }

    @AfterEach
    void close() {
        clients.destroy();
    }

    /**
     * ThrottlingException, HTTP 429 (https://docs.aws.amazon.com/marketplace/latest/APIReference/API_ListEntities.html,
     * Errors): the SDK retries it (connector.aws.max-attempts, 4 attempts), then the request waits.
     */
    @Test
    void aCatalogCallThrottledPastItsRetriesIsUnavailableAfterFourAttempts() {
        aws.stubFor(post(urlPathEqualTo("/ListEntities")).willReturn(catalogError(429, "ThrottlingException",
                "Rate exceeded")));

        assertThatThrownBy(() -> catalog.listEntities(ACCOUNT, "SaaSProduct", OwnershipType.SELF))
                .isExactlyInstanceOf(MarketplaceUnavailable.class)
                .hasMessage("AWS Marketplace did not complete listing SaaSProduct entities for account " + ACCOUNT
                        + " (ThrottlingException, HTTP 429).");
        aws.verify(4, postRequestedFor(urlPathEqualTo("/ListEntities")));
    }

    /**
     * ResourceInUseException, HTTP 423 (https://docs.aws.amazon.com/marketplace/latest/APIReference/API_StartChangeSet.html,
     * Errors: "The resource is currently in use"): another change set holds the entity; the request waits for it
     * without using up an attempt, and the change set is asked for once (not retried by the SDK).
     */
    @Test
    void aChangeSetOnAnEntityAnotherChangeSetHoldsWaitsForTheLock() {
        aws.stubFor(post(urlPathEqualTo("/StartChangeSet")).willReturn(catalogError(423, "ResourceInUseException",
                "The entity offer-abc123 is already in use by change set 4ydplsqd3ynjn2pn3zpqzbwlc.")));

        assertThatThrownBy(() -> changeSets.start(ACCOUNT, releaseOffer(), "Release offer", "mpcrm-a0R000000000001"))
                .isExactlyInstanceOf(MarketplaceEntityLocked.class)
                .hasMessageContaining("being changed by another change set in account " + ACCOUNT)
                .hasMessageContaining("already in use by change set 4ydplsqd3ynjn2pn3zpqzbwlc");
        aws.verify(1, postRequestedFor(urlPathEqualTo("/StartChangeSet")));
    }

    /**
     * ServiceQuotaExceededException, HTTP 402 ("The maximum number of open requests per account has been exceeded",
     * https://docs.aws.amazon.com/marketplace/latest/APIReference/API_StartChangeSet.html): it passes as open change
     * sets end, so the request waits.
     */
    @Test
    void tooManyOpenChangeSetsIsUnavailableForNow() {
        aws.stubFor(post(urlPathEqualTo("/StartChangeSet")).willReturn(catalogError(402,
                "ServiceQuotaExceededException", "The maximum number of open requests per account has been exceeded.")));

        assertThatThrownBy(() -> changeSets.start(ACCOUNT, releaseOffer(), "Release offer", "mpcrm-a0R000000000002"))
                .isExactlyInstanceOf(MarketplaceUnavailable.class)
                .hasMessageContaining("(ServiceQuotaExceededException, HTTP 402)");
    }

    /** AccessDeniedException, HTTP 403 (API_DescribeEntity.html, Errors): an administrator's to fix; the request fails. */
    @Test
    void aCatalogCallTheRoleMayNotMakeFailsWithWordsForTheAdministrator() {
        aws.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/DescribeEntity"))
                .willReturn(catalogError(403, "AccessDeniedException", "User: arn:aws:sts::111122223333:assumed-role/"
                        + "MarketplaceCrmConnector/marketplace-crm-connector is not authorized to perform:"
                        + " aws-marketplace:DescribeEntity")));

        assertThatThrownBy(() -> catalog.describeEntity(ACCOUNT, "offer-abc123"))
                .isExactlyInstanceOf(MarketplaceRejected.class)
                .hasMessageStartingWith("AWS denied describing offer-abc123 for account " + ACCOUNT
                        + " (AccessDeniedException: User: ")
                .hasMessageEndingWith("An administrator should check the connector's IAM role for this account.");
        aws.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/DescribeEntity")));
    }

    /** ThrottlingException of the Agreement API (JSON 1.0: HTTP 400, {@code __type}): retried, then the request waits. */
    @Test
    void anAgreementCallThrottledPastItsRetriesIsUnavailableAfterFourAttempts() {
        aws.stubFor(agreementCall("DescribeAgreement").willReturn(agreementError(400, "ThrottlingException",
                "Rate exceeded")));

        assertThatThrownBy(() -> agreements.describe(ACCOUNT, "agmt-1111111111111111111111111"))
                .isExactlyInstanceOf(MarketplaceUnavailable.class)
                .hasMessageContaining("did not complete describing agreement agmt-1111111111111111111111111")
                .hasMessageContaining("(ThrottlingException, HTTP 400)");
        aws.verify(4, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(AGREEMENT_TARGET + "DescribeAgreement")));
    }

    /**
     * AccessDeniedException of the Agreement API ("User does not have sufficient access to perform this action",
     * https://docs.aws.amazon.com/marketplace/latest/APIReference/API_marketplace-agreements_SearchAgreements.html),
     * which JSON 1.0 sends as HTTP 400, not 403: still a denial for the administrator to fix, not a refusal of the
     * seller's input.
     */
    @Test
    void anAgreementCallTheRoleMayNotMakeFailsWithWordsForTheAdministrator() {
        aws.stubFor(agreementCall("SearchAgreements").willReturn(agreementError(400, "AccessDeniedException",
                "User does not have sufficient access to perform this action.")));

        assertThatThrownBy(() -> agreements.searchProposed(ACCOUNT, page -> { }))
                .isExactlyInstanceOf(MarketplaceRejected.class)
                .hasMessage("AWS denied searching agreements for account " + ACCOUNT + " (AccessDeniedException: User"
                        + " does not have sufficient access to perform this action.). An administrator should check"
                        + " the connector's IAM role for this account.");
    }

    /** The connection reset on every attempt (WireMock's Fault.CONNECTION_RESET_BY_PEER): retried, then the request waits. */
    @Test
    void aConnectionResetOnEveryAttemptIsUnavailable() {
        aws.stubFor(post(urlPathEqualTo("/ListEntities")).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> catalog.listEntities(ACCOUNT, "SaaSProduct", OwnershipType.SELF))
                .isExactlyInstanceOf(MarketplaceUnavailable.class)
                .hasMessageStartingWith("AWS could not be reached for listing SaaSProduct entities");
        aws.verify(4, postRequestedFor(urlPathEqualTo("/ListEntities")));
    }

    /** An answer that stalls past connector.aws.read-timeout (1s here): each attempt fails, then the request waits. */
    @Test
    void anAnswerThatStallsPastTheReadTimeoutIsUnavailable() {
        aws.stubFor(agreementCall("GetAgreementTerms").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.0").withBody("{\"acceptedTerms\":[]}")
                .withFixedDelay(3_000)));
        long started = System.nanoTime();

        assertThatThrownBy(() -> agreements.terms(ACCOUNT, "agmt-1111111111111111111111111"))
                .isExactlyInstanceOf(MarketplaceUnavailable.class)
                .hasMessageStartingWith("AWS could not be reached for reading the terms of agreement")
                .hasMessageContaining("Read timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("four attempts of one second, not of three")
                .isLessThan(Duration.ofSeconds(12));
        aws.verify(4, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(AGREEMENT_TARGET + "GetAgreementTerms")));
    }

    /** A rest-json error of the Catalog API: the error's name in x-amzn-ErrorType, its message in the body. */
    private static ResponseDefinitionBuilder catalogError(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazonaws.mpcs/")
                .withHeader("x-amzn-RequestId", "4c8ab06e-5f63-4ad3-93c5-0e5e3a8a1f7b")
                .withBody(json(Map.of("Message", message)));
    }

    /** A JSON 1.0 error of the Agreement API: its shape id in __type. */
    private static ResponseDefinitionBuilder agreementError(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.0")
                .withHeader("x-amzn-RequestId", "0b9a2c1e-7d4f-4f55-9b1e-3f0c2a7e8d61")
                .withBody(json(Map.of("__type", "com.amazonaws.marketplace.agreement#" + type, "message", message,
                        "requestId", "0b9a2c1e-7d4f-4f55-9b1e-3f0c2a7e8d61")));
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder agreementCall(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(AGREEMENT_TARGET + operation));
    }

    private static com.fasterxml.jackson.databind.JsonNode releaseOffer() {
        try {
            return new ObjectMapper().readTree("""
                    [{"ChangeType":"ReleaseOffer","Entity":{"Type":"Offer@1","Identifier":"offer-abc123"},
                      "DetailsDocument":{}}]""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, String> fields) {
        try {
            return new ObjectMapper().writeValueAsString(fields);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
