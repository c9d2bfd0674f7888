package io.mpcrm.connector.sandbox.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/** {@link SandboxS3} through the real AWS SDK S3 client and presigner. */
class SandboxS3IT {

    private static final String BUCKET = "seller-eulas";
    private static final byte[] EULA = "Custom EULA for offer-1234: the buyer may ...".getBytes(StandardCharsets.UTF_8);

    private static SandboxS3 sandbox;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        sandbox = SandboxS3.start();
        sandbox.createBucket(BUCKET);
        s3 = client(sandbox.secretAccessKey());
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void storesAnObjectWithTheEncryptionAndContentTypeAskedFor() {
        PutObjectResponse put = s3.putObject(b -> b.bucket(BUCKET).key("eula/offer-1234.pdf")
                        .contentType("application/pdf")
                        .serverSideEncryption(ServerSideEncryption.AES256)
                        .metadata(Map.of("offer-id", "offer-1234")),
                RequestBody.fromBytes(EULA));

        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(sandbox.object(BUCKET, "eula/offer-1234.pdf")).isEqualTo(EULA);
        assertThat(sandbox.metadata(BUCKET, "eula/offer-1234.pdf"))
                .containsEntry("content-type", "application/pdf")
                .containsEntry("content-length", String.valueOf(EULA.length))
                .containsEntry("x-amz-meta-offer-id", "offer-1234")
                .containsEntry(SandboxS3.SERVER_SIDE_ENCRYPTION, "AES256");

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("eula/offer-1234.pdf"));
        assertThat(got.asByteArray()).isEqualTo(EULA);
        assertThat(got.response().contentType()).isEqualTo("application/pdf");
        assertThat(got.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("eula/offer-1234.pdf"));
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    }

    @Test
    void recordsNoEncryptionWhenNoneWasAskedForAndForgetsItOnOverwriteAndDelete() {
        String key = "eula/plain offer+5678.txt";
        s3.putObject(b -> b.bucket(BUCKET).key(key).serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromString("first"));
        assertThat(sandbox.metadata(BUCKET, key)).containsEntry(SandboxS3.SERVER_SIDE_ENCRYPTION, "AES256");

        s3.putObject(b -> b.bucket(BUCKET).key(key).contentType("text/plain"), RequestBody.fromString("second"));
        assertThat(sandbox.metadata(BUCKET, key)).doesNotContainKey(SandboxS3.SERVER_SIDE_ENCRYPTION);
        assertThat(new String(sandbox.object(BUCKET, key), StandardCharsets.UTF_8)).isEqualTo("second");

        s3.putObject(b -> b.bucket(BUCKET).key(key).serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromString("third"));
        s3.deleteObject(b -> b.bucket(BUCKET).key(key));
        assertThat(sandbox.keys(BUCKET)).doesNotContain(key);
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("fourth"));
        assertThat(sandbox.metadata(BUCKET, key)).doesNotContainKey(SandboxS3.SERVER_SIDE_ENCRYPTION);
    }

    @Test
    void listsKeys() {
        String bucket = "listing";
        sandbox.createBucket(bucket);
        for (String key : new String[] {"b/2.pdf", "a/1.pdf", "c.pdf"}) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
        }

        assertThat(sandbox.keys(bucket)).containsExactly("a/1.pdf", "b/2.pdf", "c.pdf");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
                .containsExactly("a/1.pdf", "b/2.pdf", "c.pdf");
    }

    @Test
    void aPresignedGetWorksWithoutCredentialsAndATamperedOneIsRefused() throws Exception {
        s3.putObject(b -> b.bucket(BUCKET).key("eula/presigned.pdf").contentType("application/pdf")
                .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromBytes(EULA));
        URI url;
        try (S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(sandbox.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(sandbox.secretAccessKey()))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
            PresignedGetObjectRequest presigned = presigner.presignGetObject(b -> b
                    .signatureDuration(Duration.ofMinutes(10))
                    .getObjectRequest(g -> g.bucket(BUCKET).key("eula/presigned.pdf")));
            url = presigned.url().toURI();
        }
        assertThat(url.getAuthority()).isEqualTo(sandbox.endpoint().getAuthority());
        assertThat(url.getPath()).isEqualTo("/" + BUCKET + "/eula/presigned.pdf");

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(EULA);
        assertThat(fetched.headers().firstValue("Content-Type")).hasValue("application/pdf");

        URI otherKey = URI.create(url.toString().replace("/eula/presigned.pdf", "/eula/offer-1234.pdf"));
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(otherKey).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("SignatureDoesNotMatch");

        URI unsigned = URI.create(url.getScheme() + "://" + url.getAuthority() + url.getRawPath());
        assertThat(http.send(HttpRequest.newBuilder(unsigned).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(403);
    }

    @Test
    void aWrongSecretIsRejected() {
        try (S3Client wrong = client(sandbox.secretAccessKey() + "0")) {
            assertThatThrownBy(() -> wrong.putObject(b -> b.bucket(BUCKET).key("eula/forged.pdf"),
                    RequestBody.fromString("forged")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
            assertThatThrownBy(() -> wrong.listObjectsV2(b -> b.bucket(BUCKET)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
        assertThat(sandbox.keys(BUCKET)).doesNotContain("eula/forged.pdf");
    }

    @Test
    void temporaryCredentialsOfATrustedIssuerWorkWithTheirSessionTokenOnly() throws Exception {
        Instant expiry = Instant.now().plus(Duration.ofHours(1));
        sandbox.trust(id -> id.equals("ASIATEMPORARY1") ? Optional.of(
                new SandboxS3.Credential("temporary-secret", "token-1", "111122223333", expiry)) : Optional.empty());
        sandbox.createBucket("eulas-111122223333", "111122223333");

        try (S3Client seller = client(AwsSessionCredentials.create("ASIATEMPORARY1", "temporary-secret", "token-1"))) {
            seller.putObject(b -> b.bucket("eulas-111122223333").key("eulas/a.txt"), RequestBody.fromString("signed"));
            assertThat(sandbox.object("eulas-111122223333", "eulas/a.txt")).asString(StandardCharsets.UTF_8)
                    .isEqualTo("signed");
            URI url = presign(AwsSessionCredentials.create("ASIATEMPORARY1", "temporary-secret", "token-1"),
                    "eulas-111122223333", "eulas/a.txt");
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("signed");
        }
        try (S3Client wrongToken = client(AwsSessionCredentials.create("ASIATEMPORARY1", "temporary-secret", "token-2"))) {
            assertThatThrownBy(() -> wrongToken.getObject(b -> b.bucket("eulas-111122223333").key("eulas/a.txt")))
                    .isInstanceOfSatisfying(S3Exception.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidToken"));
        }
        try (S3Client noToken = client(AwsBasicCredentials.create("ASIATEMPORARY1", "temporary-secret"))) {
            assertThatThrownBy(() -> noToken.headObject(b -> b.bucket("eulas-111122223333").key("eulas/a.txt")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void expiredCredentialsAndAnotherAccountsBucketAreRefused() {
        sandbox.trust(id -> id.equals("ASIAEXPIRED") ? Optional.of(new SandboxS3.Credential("s", "t", "111122223333",
                Instant.now().minusSeconds(1))) : Optional.empty());
        sandbox.trust(id -> id.equals("ASIAOTHER") ? Optional.of(new SandboxS3.Credential("s", "t", "999988887777",
                Instant.now().plus(Duration.ofHours(1)))) : Optional.empty());
        sandbox.createBucket("eulas-owned", "111122223333");

        try (S3Client expired = client(AwsSessionCredentials.create("ASIAEXPIRED", "s", "t"))) {
            assertThatThrownBy(() -> expired.putObject(b -> b.bucket("eulas-owned").key("x"), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken"));
        }
        try (S3Client other = client(AwsSessionCredentials.create("ASIAOTHER", "s", "t"))) {
            assertThatThrownBy(() -> other.putObject(b -> b.bucket("eulas-owned").key("x"), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    });
        }
        assertThat(sandbox.keys("eulas-owned")).isEmpty();
    }

    @Test
    void everyRequestIsLoggedByOperationWithItsBucketKeySignerAndEncryptionHeaders() throws Exception {
        sandbox.trust(id -> id.equals("ASIALOGGED") ? Optional.of(new SandboxS3.Credential("logged-secret", "token-l",
                "444455556666", Instant.now().plus(Duration.ofHours(1)))) : Optional.empty());
        sandbox.createBucket("eulas-444455556666", "444455556666");
        int before = sandbox.served().size();

        AwsSessionCredentials role = AwsSessionCredentials.create("ASIALOGGED", "logged-secret", "token-l");
        try (S3Client seller = client(role)) {
            assertThatThrownBy(() -> seller.headObject(b -> b.bucket("eulas-444455556666").key("eulas/b.pdf")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
            seller.putObject(b -> b.bucket("eulas-444455556666").key("eulas/b.pdf")
                    .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromString("terms"));
            seller.listObjectsV2(b -> b.bucket("eulas-444455556666").prefix("eulas/"));
        }
        URI url = presign(role, "eulas-444455556666", "eulas/b.pdf");
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.toString().replaceAll(
                "X-Amz-Signature=[0-9a-f]+", "X-Amz-Signature=" + "0".repeat(64)))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(sandbox.served().subList(before, sandbox.served().size())).containsExactly(
                new S3Request("HeadObject", "eulas-444455556666", "eulas/b.pdf", 404, "444455556666", false, Map.of()),
                new S3Request("PutObject", "eulas-444455556666", "eulas/b.pdf", 200, "444455556666", false,
                        Map.of(SandboxS3.SERVER_SIDE_ENCRYPTION, "AES256")),
                new S3Request("ListObjectsV2", "eulas-444455556666", null, 200, "444455556666", false, Map.of()),
                new S3Request("GetObject", "eulas-444455556666", "eulas/b.pdf", 200, "444455556666", true, Map.of()),
                new S3Request("GetObject", "eulas-444455556666", "eulas/b.pdf", 403, null, true, Map.of()));
    }

    @Test
    void aPresignedReadJudgedAtALaterInstantFailsOnceTheUrlOrItsSigningCredentialsHaveExpired() throws Exception {
        Instant credentialsExpire = Instant.now().plus(Duration.ofMinutes(30));
        sandbox.trust(id -> id.equals("ASIALATER") ? Optional.of(new SandboxS3.Credential("later-secret", "token-x",
                "121212121212", credentialsExpire)) : Optional.empty());
        sandbox.createBucket("eulas-121212121212", "121212121212");
        AwsSessionCredentials role = AwsSessionCredentials.create("ASIALATER", "later-secret", "token-x");
        try (S3Client seller = client(role)) {
            seller.putObject(b -> b.bucket("eulas-121212121212").key("eulas/c.pdf"), RequestBody.fromString("terms"));
        }
        URI url = presign(role, "eulas-121212121212", "eulas/c.pdf"); // 10 minutes

        assertThat(readAt(url, Instant.now().plus(Duration.ofMinutes(9))).statusCode()).isEqualTo(200);
        HttpResponse<String> urlExpired = readAt(url, Instant.now().plus(Duration.ofMinutes(11)));
        assertThat(urlExpired.statusCode()).isEqualTo(403);
        assertThat(urlExpired.body()).contains("<Code>AccessDenied</Code>", "Request has expired");

        URI longUrl = presign(role, "eulas-121212121212", "eulas/c.pdf", Duration.ofHours(2));
        assertThat(readAt(longUrl, credentialsExpire.minusSeconds(60)).statusCode()).isEqualTo(200);
        HttpResponse<String> credentialsExpired = readAt(longUrl, credentialsExpire.plusSeconds(60));
        assertThat(credentialsExpired.statusCode()).isEqualTo(400);
        assertThat(credentialsExpired.body()).contains("<Code>ExpiredToken</Code>");
        assertThat(readAt(longUrl, Instant.now()).statusCode()).as("judged now").isEqualTo(200);
    }

    private static HttpResponse<String> readAt(URI url, Instant at) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).header(SandboxS3.JUDGED_AT, at.toString())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesBucketNamesThatS3Refuses() {
        assertThatThrownBy(() -> sandbox.createBucket("b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.createBucket("Seller_EULAs")).isInstanceOf(IllegalArgumentException.class);
    }

    private static S3Client client(String secretAccessKey) {
        return client(AwsBasicCredentials.create(sandbox.accessKeyId(), secretAccessKey));
    }

    private static URI presign(AwsCredentials credentials, String bucket, String key) throws Exception {
        return presign(credentials, bucket, key, Duration.ofMinutes(10));
    }

    private static URI presign(AwsCredentials credentials, String bucket, String key, Duration validity)
            throws Exception {
        try (S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(sandbox.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
            return presigner.presignGetObject(b -> b.signatureDuration(validity)
                    .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toURI();
        }
    }

    private static S3Client client(AwsCredentials credentials) {
        return S3Client.builder()
                .endpointOverride(sandbox.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .forcePathStyle(true)
                // s3proxy 3.0.0 cannot verify the checksums SDK 2.30+ sends by default.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    private static StaticCredentialsProvider credentials(String secretAccessKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(sandbox.accessKeyId(), secretAccessKey));
    }
}
