package io.mpcrm.connector.sandbox.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.ThrottlingException;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

class MarketplaceSandboxAuthAndLimitsIT {

    static final String SELLER = "111122223333";
    static final String PARTNER = "999988887777";

    static MarketplaceSandbox sandbox;
    static MarketplaceSandbox.Seed seed;
    static MarketplaceSandboxClients seller;

    @BeforeAll
    static void start() {
        sandbox = MarketplaceSandbox.start();
        seed = sandbox.seedDefault(SELLER, PARTNER);
        seller = new MarketplaceSandboxClients(sandbox, SELLER);
    }

    @AfterAll
    static void stop() {
        seller.close();
        sandbox.close();
    }

    @AfterEach
    void reset() {
        sandbox.setQuotaScale(1);
        sandbox.clearFaults();
        sandbox.setCredentialLifetime(null);
        sandbox.resetCounts();
    }

    private String saas() {
        return seed.products().get(MarketplaceSandbox.ProductType.SAAS);
    }

    @Test
    void throttlesBeyondTheQuotaAfterTheSdksOwnRetries() {
        seller.catalog.describeEntity(r -> r.catalog("AWSMarketplace").entityId(saas())); // credentials in hand
        sandbox.resetCounts();
        sandbox.setQuotaScale(0.001);
        seller.catalog.describeEntity(r -> r.catalog("AWSMarketplace").entityId(saas())); // the bucket's one token
        assertThatThrownBy(() -> seller.catalog.describeEntity(r -> r.catalog("AWSMarketplace").entityId(saas())))
                .isInstanceOfSatisfying(ThrottlingException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
        assertThat(sandbox.throttledCounts(SELLER).get("DescribeEntity")).isGreaterThanOrEqualTo(3L);
        assertThat(sandbox.callCounts(SELLER).get("DescribeEntity")).isEqualTo(1 + sandbox.throttledCounts(SELLER).get("DescribeEntity"));

        assertThatThrownBy(() -> {
            seller.agreement.describeAgreement(r -> r.agreementId(seed.activeAgreementId()));
            seller.agreement.describeAgreement(r -> r.agreementId(seed.activeAgreementId()));
        }).isInstanceOf(software.amazon.awssdk.services.marketplaceagreement.model.ThrottlingException.class);
    }

    @Test
    void injectedFaultsAreRetriedBySdk() {
        sandbox.failNext("DescribeEntity", 2, 500, "InternalServiceException");
        seller.catalog.describeEntity(r -> r.catalog("AWSMarketplace").entityId(saas()));
        assertThat(sandbox.callCounts(SELLER).get("DescribeEntity")).isEqualTo(3L);
        sandbox.setFaultRate(null, 1.0, 503, "InternalServiceException");
        assertThatThrownBy(() -> seller.catalog.listEntities(r -> r.catalog("AWSMarketplace").entityType("AmiProduct")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    }

    @Test
    void refreshesShortLivedCredentialsWithASecondAssumeRole() {
        sandbox.setCredentialLifetime(Duration.ofSeconds(3));
        try (MarketplaceSandboxClients c = new MarketplaceSandboxClients(sandbox, SELLER, Duration.ofSeconds(1), Duration.ofSeconds(2))) {
            int before = sandbox.issuedCredentials();
            c.catalog.describeEntity(r -> r.catalog("AWSMarketplace").entityId(saas()));
            int afterFirst = sandbox.issuedCredentials();
            assertThat(afterFirst).isEqualTo(before + 1);
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                c.catalog.describeEntity(r -> r.catalog("AWSMarketplace").entityId(saas()));
                return sandbox.issuedCredentials() > afterFirst;
            });
        }
    }

    @Test
    void expiredTemporaryCredentialsAreRejected() {
        sandbox.setCredentialLifetime(Duration.ofSeconds(1));
        Credentials temp = seller.sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + SELLER + ":role/Connector").roleSessionName("short")).credentials();
        try (MarketplaceCatalogClient c = MarketplaceSandboxClients.catalog(sandbox, StaticCredentialsProvider.create(
                AwsSessionCredentials.create(temp.accessKeyId(), temp.secretAccessKey(), temp.sessionToken())))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(temp.expiration()));
            assertThatThrownBy(() -> c.describeEntity(r -> r.catalog("AWSMarketplace").entityId(saas())))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
                    });
        }
    }

    @Test
    void aWrongSecretFailsTheSignatureCheck() {
        Credentials temp = seller.sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + SELLER + ":role/Connector").roleSessionName("wrong")).credentials();
        try (MarketplaceCatalogClient c = MarketplaceSandboxClients.catalog(sandbox, StaticCredentialsProvider.create(
                AwsSessionCredentials.create(temp.accessKeyId(), "not-the-secret", temp.sessionToken())))) {
            assertThatThrownBy(() -> c.describeEntity(r -> r.catalog("AWSMarketplace").entityId(saas())))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        }
    }

    @Test
    void assumeRoleIntoAnUnknownAccountIsDenied() {
        assertThatThrownBy(() -> seller.sts.assumeRole(r -> r.roleArn("arn:aws:iam::000011112222:role/Connector").roleSessionName("x1")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                });
    }

    @Test
    void rawRequestsWithAWrongServiceOrAnUnknownKeyAreRejected() throws Exception {
        Credentials temp = seller.sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + SELLER + ":role/Connector").roleSessionName("raw")).credentials();
        String date = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC).format(Instant.now());
        HttpClient http = HttpClient.newHttpClient();
        URI uri = sandbox.endpoint().resolve("/DescribeEntity?catalog=AWSMarketplace&entityId=" + saas());

        HttpResponse<String> wrongService = http.send(HttpRequest.newBuilder(uri).GET()
                .header("X-Amz-Date", date).header("X-Amz-Security-Token", temp.sessionToken())
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + temp.accessKeyId() + "/" + date.substring(0, 8)
                        + "/us-east-1/catalog/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongService.statusCode()).isEqualTo(403);
        assertThat(wrongService.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
        assertThat(wrongService.body()).contains("aws-marketplace");

        HttpResponse<String> unknownKey = http.send(HttpRequest.newBuilder(uri).GET()
                .header("X-Amz-Date", date)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAUNKNOWNKEY000000/" + date.substring(0, 8)
                        + "/us-east-1/aws-marketplace/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknownKey.statusCode()).isEqualTo(403);
        assertThat(unknownKey.headers().firstValue("x-amzn-ErrorType")).hasValue("UnrecognizedClientException");

        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(403);
    }
}
