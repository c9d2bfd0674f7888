package io.mpcrm.connector.eula;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.marketplace.AwsSettings;
import io.mpcrm.connector.marketplace.LinkSigning;
import io.mpcrm.connector.marketplace.MarketplaceRateLimits;
import io.mpcrm.connector.marketplace.SellerAccountClients;
import io.mpcrm.connector.marketplace.SellerAccounts;
import io.mpcrm.connector.observability.AwsCallMetrics;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.s3.S3Request;
import io.mpcrm.connector.sandbox.s3.SandboxS3;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 step as an administrator reads it in {@code routes/eulas.camel.yaml}, run on its own (no Salesforce, no
 * request): the routes with the seller account's real clients ({@link EulaBucketClients}: the account's role, assumed
 * through the Marketplace sandbox's STS) against the S3 sandbox, sent what {@link EulaStore} sends. What S3 saw is
 * read from the sandbox's log of the requests it answered.
 */
@CamelSpringBootTest
@SpringBootTest(classes = EulaRoutesTest.EulaRoutes.class, properties = {
        "camel.main.routes-include-pattern=file:routes/eulas.camel.yaml",
        // The connector's readiness group names its own health checks, which this slice does not have.
        "management.endpoint.health.validate-group-membership=false"})
class EulaRoutesTest {

    private static final String ACCOUNT = SandboxMarketplace.SELLER;
    private static final String BUCKET = SandboxMarketplace.eulaBucket(ACCOUNT);
    private static final String KMS_KEY = "arn:aws:kms:us-east-1:111122223333:key/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9";

    /** The clients of the connector's AWS side and the EULA routes, nothing of Salesforce or of requests. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableConfigurationProperties({SellerAccounts.class, AwsSettings.class})
    @Import({MarketplaceRateLimits.class, AwsCallMetrics.class, SellerAccountClients.class, EulaBucketClients.class})
    static class EulaRoutes {
    }

    @DynamicPropertySource
    static void sandbox(DynamicPropertyRegistry registry) {
        SandboxMarketplace.connectorProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired
    private CamelContext camel;
    @Autowired
    private ProducerTemplate template;
    @Autowired
    private SellerAccountClients clients;

    private final SandboxS3 s3 = SandboxMarketplace.s3();

    @Test
    void aNewFileIsCheckedUploadedEncryptedAndLinkedInTwoS3CallsWithoutAHeadBucket() throws Exception {
        String key = "eulas/" + UUID.randomUUID().toString().replace("-", "") + ".txt";
        byte[] eula = ("Custom EULA " + key).getBytes(StandardCharsets.UTF_8);
        int before = s3.served().size();
        NotifyBuilder linked = new NotifyBuilder(camel).fromRoute("eula-link").whenCompleted(1).create();

        Exchange check = send("direct:eula-check", key, null, Map.of());
        Exchange upload = send("direct:eula-upload", key, eula, Map.of(
                AWS2S3Constants.CONTENT_TYPE, "text/plain; charset=utf-8",
                AWS2S3Constants.CONTENT_LENGTH, (long) eula.length,
                AWS2S3Constants.METADATA, Map.of("sha256", "test")));
        AwsSessionCredentials session = clients.newSession(ACCOUNT, Duration.ofMinutes(61));
        Exchange link = LinkSigning.with(session, () -> send("direct:eula-link", key, null,
                Map.of(AWS2S3Constants.DOWNLOAD_LINK_EXPIRATION_TIME, Duration.ofHours(1).toMillis())));

        assertThat(check.getException()).as("a file not stored yet").isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.statusCode()).isIn(403, 404));
        assertThat(upload.getException()).isNull();
        assertThat(link.getException()).isNull();
        assertThat(linked.matches(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(s3.object(BUCKET, key)).isEqualTo(eula);
        assertThat(s3.metadata(BUCKET, key)).containsEntry(SandboxS3.SERVER_SIDE_ENCRYPTION, "AES256")
                .containsEntry("content-type", "text/plain; charset=utf-8").containsEntry("x-amz-meta-sha256", "test");
        // The endpoints started during this test (a new Camel context): none sent HeadBucket, which needs
        // s3:ListBucket; signing the link is no S3 call at all.
        List<S3Request> calls = s3.served().subList(before, s3.served().size()).stream()
                .filter(call -> BUCKET.equals(call.bucket())).toList();
        assertThat(calls).extracting(S3Request::operation).containsExactly("HeadObject", "PutObject");
        assertThat(calls).allSatisfy(call -> assertThat(call.accountId()).isEqualTo(ACCOUNT));

        URI url = URI.create(link.getMessage().getBody(String.class));
        Map<String, String> query = query(url);
        assertThat(query).containsEntry("X-Amz-Expires", "3600");
        assertThat(query.get("X-Amz-Credential")).as("signed by the session started for the link")
                .startsWith(session.accessKeyId() + "/");
        HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.body()).isEqualTo(eula);
    }

    @Test
    void aFileStoredAlreadyIsOneHeadObjectAndAKmsKeyEncryptsWithIt() {
        String key = "eulas/" + UUID.randomUUID().toString().replace("-", "") + ".pdf";
        byte[] eula = ("%PDF-1.7\n% " + key + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        Exchange upload = send("direct:eula-upload", key, eula, Map.of("eulaKmsKeyId", KMS_KEY,
                AWS2S3Constants.CONTENT_LENGTH, (long) eula.length));
        assertThat(upload.getException()).isNull();
        int before = s3.served().size();

        Exchange check = send("direct:eula-check", key, null, Map.of());

        assertThat(check.getException()).isNull();
        assertThat(s3.served().subList(before, s3.served().size())).filteredOn(call -> BUCKET.equals(call.bucket()))
                .extracting(S3Request::operation).containsExactly("HeadObject");
        assertThat(s3.metadata(BUCKET, key)).containsEntry(SandboxS3.SERVER_SIDE_ENCRYPTION, "aws:kms")
                .containsEntry("x-amz-server-side-encryption-aws-kms-key-id", KMS_KEY);
    }

    @Test
    void aLinkAskedForWithoutASessionStartedForItIsNotSigned() {
        Exchange link = send("direct:eula-link", "eulas/unsigned.txt", null,
                Map.of(AWS2S3Constants.DOWNLOAD_LINK_EXPIRATION_TIME, Duration.ofHours(6).toMillis()));

        assertThat(link.getException()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no session started for it");
        assertThat(link.getMessage().getBody()).isNull();
    }

    /**
     * Why the routes' endpoints set fileName: an aws2-s3 endpoint without it sends HeadBucket when it starts
     * (AWS2S3Endpoint#doStart in camel-aws2-s3 4.17), one call more per endpoint, which needs s3:ListBucket.
     */
    @Test
    void anEndpointWithoutFileNameSendsHeadBucketWhenItStarts() {
        int before = s3.served().size();

        Exchange check = template.send("aws2-s3:" + BUCKET + "?amazonS3Client=#eulaS3-" + ACCOUNT
                + "&operation=headObject", ex -> ex.getIn().setHeader(AWS2S3Constants.KEY, "eulas/none.txt"));

        assertThat(check.getException()).isInstanceOf(S3Exception.class);
        assertThat(s3.served().subList(before, s3.served().size())).filteredOn(call -> BUCKET.equals(call.bucket()))
                .extracting(S3Request::operation).containsExactly("HeadBucket", "HeadObject");
    }

    private Exchange send(String route, String key, byte[] body, Map<String, Object> more) {
        Map<String, Object> headers = new LinkedHashMap<>(more);
        headers.put("sellerAccountId", ACCOUNT);
        headers.put("eulaBucket", BUCKET);
        headers.put(AWS2S3Constants.KEY, key);
        return template.send(route, ex -> {
            ex.getIn().setHeaders(headers);
            ex.getIn().setBody(body);
        });
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
