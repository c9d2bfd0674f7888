package io.mpcrm.connector.eula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpcrm.connector.marketplace.AwsSettings;
import io.mpcrm.connector.marketplace.MarketplaceRateLimits;
import io.mpcrm.connector.marketplace.SellerAccountClients;
import io.mpcrm.connector.marketplace.SellerAccounts;
import io.mpcrm.connector.observability.AwsCallMetrics;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.s3.SandboxS3;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A seller's custom EULA, attached to an offer in the sandbox org, on its way to the seller account's bucket. */
class EulaStoreIT extends ConnectorOnSandbox {

    private static final String ACCOUNT = SandboxMarketplace.SELLER;
    private static final String BUCKET = SandboxMarketplace.eulaBucket(ACCOUNT);
    /** The offer field a custom EULA's file id is on: the field a problem with the file names. */
    private static final String FIELD = "EULA_Document_Id__c";

    @Autowired
    private EulaStore store;
    @Autowired
    private SalesforceRecords records;
    @Autowired
    private SellerAccounts accounts;
    @Autowired
    private AwsSettings awsSettings;
    @Autowired
    private MarketplaceRateLimits rateLimits;
    @Autowired
    private AwsCallMetrics callMetrics;
    @Autowired
    private EulaSettings settings;
    @Autowired
    private ProducerTemplate s3Routes;

    private final SandboxS3 s3 = SandboxMarketplace.s3();
    private final String seller = org.createUser("EULA Seller " + System.nanoTime(), "Marketplace_User");

    @Test
    void aPdfAttachedToAnOfferIsStoredEncryptedUnderItsHashAndItsUrlFetchesTheSameBytes() throws Exception {
        byte[] pdf = pdf("Acme Analytics custom EULA " + System.nanoTime());
        String document = attach(offer("Acme private offer"), "Acme EULA.pdf", pdf);

        Instant before = Instant.now();
        StoredEula stored = store.store(ACCOUNT, document, FIELD);

        String sha256 = sha256(pdf);
        assertThat(stored.bucket()).isEqualTo(BUCKET);
        assertThat(stored.key()).isEqualTo("eulas/" + sha256 + ".pdf");
        assertThat(stored.sha256()).isEqualTo(sha256);
        assertThat(s3.object(BUCKET, stored.key())).isEqualTo(pdf);
        assertThat(s3.metadata(BUCKET, stored.key()))
                .containsEntry("content-type", "application/pdf")
                .containsEntry(SandboxS3.SERVER_SIDE_ENCRYPTION, "AES256");
        // The URL works for connector.eula.url-validity (6 hours by default), and the credentials that signed it, of a
        // session made for it, outlast it: a presigned URL stops working when they expire.
        Map<String, String> query = query(stored.presignedUrl());
        assertThat(query).containsEntry("X-Amz-Expires", String.valueOf(Duration.ofHours(6).toSeconds()));
        Instant signedAt = java.time.LocalDateTime.parse(query.get("X-Amz-Date"),
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")).toInstant(java.time.ZoneOffset.UTC);
        Instant urlExpires = signedAt.plus(Duration.ofHours(6));
        assertThat(stored.expiresAt()).isAfter(before).isBetween(urlExpires, urlExpires.plusSeconds(1));
        Instant credentialsExpire = SandboxMarketplace.marketplace().issuedCredentials(
                query.get("X-Amz-Credential").split("/")[0]).orElseThrow().expiration();
        assertThat(credentialsExpire).isAfterOrEqualTo(stored.expiresAt());

        HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(stored.presignedUrl()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(pdf);
        assertThat(query).containsKey("X-Amz-Security-Token");
    }

    @Test
    void aRoleWhoseSessionsCannotOutlastTheUrlIsExplainedToTheAdministrator() {
        String document = attach(offer("Acme short-session offer"), "Acme EULA.pdf",
                pdf("Acme short-session EULA " + System.nanoTime()));
        SandboxMarketplace.marketplace().setMaxSessionDuration(Duration.ofHours(1));
        try {
            assertThatThrownBy(() -> store.store(ACCOUNT, document, FIELD))
                    .isInstanceOfSatisfying(RequestRejected.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> {
                                assertThat(p.field()).isEqualTo("EULA_Document_Id__c");
                                assertThat(p.message()).contains("MaxSessionDuration to at least 361 minutes")
                                        .contains("connector.eula.url-validity");
                            }));
        } finally {
            SandboxMarketplace.marketplace().setMaxSessionDuration(Duration.ofHours(12));
        }
    }

    @Test
    void aSellerAccountWhoseRoleDoesNotTrustTheClustersOidcProviderIsExplainedToTheAdministrator() {
        String document = attach(offer("Acme untrusting offer"), "Acme EULA.pdf",
                pdf("Acme untrusting EULA " + System.nanoTime()));
        SandboxMarketplace.marketplace().distrustWebIdentity(ACCOUNT);
        try {
            assertThatThrownBy(() -> store.store(ACCOUNT, document, FIELD))
                    .isInstanceOfSatisfying(RequestRejected.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> {
                                assertThat(p.field()).isEqualTo("EULA_Document_Id__c");
                                assertThat(p.message()).contains("arn:aws:iam::" + ACCOUNT
                                                + ":role/MarketplaceCrmConnector", "AccessDenied")
                                        .contains("add the cluster's OIDC identity provider to AWS account " + ACCOUNT)
                                        .contains("admin guide, section 5");
                            }));
        } finally {
            SandboxMarketplace.marketplace().trustWebIdentity(ACCOUNT);
        }
    }

    @Test
    void anOwnIdentityThatIsARoleSessionWithoutAWebIdentityTokenIsExplainedAsTheOneHourLimitOfRoleChaining() {
        String document = attach(offer("Acme pod identity offer"), "Acme EULA.pdf",
                pdf("Acme pod identity EULA " + System.nanoTime()));
        // As with EKS Pod Identity or an instance profile: the connector's own credentials (from the SDK's default
        // chain) are a role session, and there is no token to start the signing session from.
        SellerAccountClients withoutToken = new SellerAccountClients(accounts, awsSettings, rateLimits, callMetrics,
                Optional::empty);
        try {
            EulaStore podIdentity = new EulaStore(records, accounts, withoutToken, settings, s3Routes);

            assertThatThrownBy(() -> podIdentity.store(ACCOUNT, document, FIELD))
                    .isInstanceOfSatisfying(RequestRejected.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> assertThat(p.message())
                                    .contains("exceeds the 1 hour session limit for roles assumed by role chaining")
                                    .contains("give the connector IAM roles for service accounts")));
        } finally {
            withoutToken.destroy();
        }
    }

    @Test
    void theSameFileAttachedTwiceIsOneObject() {
        byte[] text = ("Custom EULA, plain text " + System.nanoTime() + "\r\n\t1. The buyer may ...\n")
                .getBytes(StandardCharsets.UTF_8);
        String first = attach(offer("First offer"), "eula.txt", text);
        String second = attach(offer("Second offer"), "same eula renamed.txt", text);

        StoredEula once = store.store(ACCOUNT, first, FIELD);
        StoredEula twice = store.store(ACCOUNT, second, FIELD);
        StoredEula again = store.store(ACCOUNT, first, FIELD);

        assertThat(twice.key()).isEqualTo(once.key()).isEqualTo(again.key()).endsWith(".txt");
        assertThat(s3.keys(BUCKET)).filteredOn(key -> key.contains(once.sha256())).containsExactly(once.key());
        assertThat(s3.metadata(BUCKET, once.key())).containsEntry("content-type", "text/plain; charset=utf-8");
    }

    @Test
    void aProgramRenamedToPdfIsRefusedAndNothingIsWritten() {
        byte[] exe = new byte[8192];
        new Random(System.nanoTime()).nextBytes(exe);
        exe[0] = 'M';
        exe[1] = 'Z';
        String document = attach(offer("Offer with a suspicious EULA"), "EULA.pdf", exe);
        var keysBefore = s3.keys(BUCKET);

        assertThatThrownBy(() -> store.store(ACCOUNT, document, FIELD)).isInstanceOfSatisfying(RequestRejected.class, e -> {
            assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("EULA_Document_Id__c");
            assertThat(e.problems().get(0).message()).startsWith("The custom EULA file 'EULA.pdf' is not a PDF,"
                    + " Word (.docx) or text file: its content is a program");
        });
        assertThat(s3.keys(BUCKET)).isEqualTo(keysBefore).noneMatch(key -> key.contains(sha256(exe)));
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsDownloaded() {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        byte[] header = pdf("big");
        System.arraycopy(header, 0, big, 0, header.length);
        String document = attach(offer("Offer with a huge EULA"), "Huge EULA.pdf", big);
        long downloadsBefore = org.callCounts().getOrDefault("download", 0L);

        assertThatThrownBy(() -> store.store(ACCOUNT, document, FIELD)).isInstanceOfSatisfying(RequestRejected.class,
                e -> assertThat(e.problems().get(0).message())
                        .startsWith("The custom EULA file 'Huge EULA.pdf' is 10.0 MB; the limit is 10 MB."));
        assertThat(org.callCounts().getOrDefault("download", 0L)).isEqualTo(downloadsBefore);
    }

    @Test
    void aBucketTheRoleMayNotWriteIsRefusedWithWordsForTheAdministrator() {
        byte[] text = ("EULA " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        String document = attach(offer("Offer of a misconfigured account"), "eula.txt", text);
        // As if the bucket's policy let another account in and not the connector's role. (NEW_PARTNER must stay
        // unused: CatalogSyncIT needs an account whose role nobody has assumed yet.)
        s3.createBucket(BUCKET, "999988887777");
        try {
            assertThatThrownBy(() -> store.store(ACCOUNT, document, FIELD)).isInstanceOfSatisfying(RequestRejected.class,
                    e -> assertThat(e.problems().get(0).message()).startsWith("AWS denied the connector the upload of")
                            .contains("bucket " + BUCKET, "An administrator should allow the connector's role"));
        } finally {
            s3.createBucket(BUCKET, ACCOUNT);
        }
        assertThat(s3.keys(BUCKET)).noneMatch(key -> key.contains(sha256(text)));
    }

    @Test
    void anIdThatIsNoFileIsRefusedOnTheEulaField() {
        assertThatThrownBy(() -> store.store(ACCOUNT, "069' OR Id != '", FIELD)).isInstanceOfSatisfying(
                RequestRejected.class, e -> assertThat(e.problems().get(0).message())
                        .contains("is not the id of a Salesforce file"));
        assertThatThrownBy(() -> store.store(ACCOUNT, "069000000000001AAA", FIELD)).isInstanceOfSatisfying(
                RequestRejected.class, e -> assertThat(e.problems().get(0).message())
                        .startsWith("No file with id 069000000000001AAA is visible to the connector."));
    }

    private String offer(String name) {
        String offer = org.insertAs(seller, "MP_Private_Offer__c", Map.of("Name", name,
                "Seller_Account__c", sellerAccount(seller, ACCOUNT)));
        return offer;
    }

    /** Attaches a file to a record as the seller does in the Files related list; returns the ContentDocument id. */
    private String attach(String record, String fileName, byte[] content) {
        String version = org.insertAs(seller, "ContentVersion", Map.of("PathOnClient", fileName,
                "VersionData", Base64.getEncoder().encodeToString(content), "FirstPublishLocationId", record));
        return (String) org.get("ContentVersion", version).get("ContentDocumentId");
    }

    private static byte[] pdf(String text) {
        return ("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static Map<String, String> query(java.net.URI url) {
        Map<String, String> parameters = new java.util.HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
