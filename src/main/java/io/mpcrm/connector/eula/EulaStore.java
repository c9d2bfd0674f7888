package io.mpcrm.connector.eula;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.marketplace.MarketplaceUnavailable;
import io.mpcrm.connector.marketplace.SellerAccount;
import io.mpcrm.connector.marketplace.SellerAccountClients;
import io.mpcrm.connector.marketplace.SellerAccounts;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.salesforce.RecordIds;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import io.mpcrm.connector.marketplace.LinkSigning;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

// Over 300 lines on purpose: one file's way to S3 (check, upload, presigned URL and the session that signs it), each
// answer of S3 read in one place with the field it is about.
/**
 * Stores the custom EULA attached to a record (a Salesforce file) in the seller account's bucket and hands out a
 * presigned URL for the Catalog API: the latest version of the file is downloaded, checked ({@link EulaDocument}),
 * and put under {@code eulas/<sha256>.<ext>} with server-side encryption. The key is the content's hash, so the same
 * file attached twice, to one offer or to many, is one object, uploaded once. The S3 calls are the aws2-s3 steps of
 * {@code routes/eulas.camel.yaml} ({@code direct:eula-check}, {@code direct:eula-upload}, {@code direct:eula-link}),
 * made with the account's clients ({@link EulaBucketClients}); this class decides what their answers mean.
 *
 * <p>IAM: the connector's role needs {@code s3:PutObject} and {@code s3:GetObject} on {@code <bucket>/eulas/*}
 * ({@code kms:GenerateDataKey} and {@code kms:Decrypt} with a KMS key), nothing more: without {@code s3:ListBucket} S3
 * answers a missing object with 403, which reads here as "not stored yet" (the upload that follows tells a real denial).
 * Under IAM roles for service accounts it must also trust the cluster's
 * OIDC provider for the connector's service account, which starts the session that signs the URL (see
 * {@link SellerAccountClients#newSession}).
 */
@Component
public class EulaStore {

    private static final Logger log = LoggerFactory.getLogger(EulaStore.class);

    private static final String CHECK = "direct:eula-check";
    private static final String UPLOAD = "direct:eula-upload";
    private static final String LINK = "direct:eula-link";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final SalesforceRecords records;
    private final SellerAccounts accounts;
    private final SellerAccountClients clients;
    private final EulaSettings settings;
    private final ProducerTemplate s3;

    /**
     * @param clients starts the session that signs each link ({@link SellerAccountClients#newSession})
     * @param s3 sends to the routes of {@code routes/eulas.camel.yaml}
     */
    public EulaStore(SalesforceRecords records, SellerAccounts accounts, SellerAccountClients clients,
                     EulaSettings settings, ProducerTemplate s3) {
        this.records = records;
        this.accounts = accounts;
        this.clients = clients;
        this.settings = settings;
        this.s3 = s3;
    }

    /**
     * Stores the latest version of a Salesforce file for a seller account. A problem with the file or the set-up is a
     * {@link RequestRejected} on {@code field}; S3 throttling, 5xx or no answer is a {@link MarketplaceUnavailable}.
     */
    public StoredEula store(String sellerAccountId, String contentDocumentId, String field) {
        bucketOf(sellerAccountId, field);
        return store(sellerAccountId, check(contentDocumentId, field), field);
    }

    /**
     * The latest version of a Salesforce file, downloaded and checked as a custom EULA ({@link EulaDocument}: size,
     * and type by content), with nothing stored: what Validate checks, and Create then stores. A problem with the file
     * is a {@link RequestRejected} on {@code field}; a file declared over the limit is refused before its download.
     */
    public EulaDocument check(String contentDocumentId, String field) {
        if (!RecordIds.isRecordId(contentDocumentId)) {
            throw refused(field, "'" + contentDocumentId + "' is not the id of a Salesforce file. Put the id of the"
                    + " EULA file (ContentDocument, starting 069) attached to this record.");
        }
        return download(contentDocumentId, field);
    }

    /** Stores a checked file for a seller account; see {@link #store(String, String, String)}. */
    public StoredEula store(String sellerAccountId, EulaDocument document, String field) {
        String bucket = bucketOf(sellerAccountId, field);
        String key = "eulas/" + document.sha256() + "." + document.type().extension();
        if (exists(sellerAccountId, bucket, key, field)) {
            log.info("Custom EULA is already in bucket {} as {}", bucket, key);
        } else {
            put(sellerAccountId, bucket, key, document, field);
            log.info("Custom EULA ({}, {} bytes) stored in bucket {} as {}", document.type(), document.size(), bucket,
                    key);
        }
        return presign(sellerAccountId, bucket, key, document.sha256(), field);
    }

    private String bucketOf(String sellerAccountId, String field) {
        SellerAccount account = accounts.find(sellerAccountId).orElseThrow(() -> refused(field, "AWS account "
                + sellerAccountId + " is not configured in this connector; ask your administrator to add it."));
        if (account.eulaBucket() == null || account.eulaBucket().isBlank()) {
            throw refused(field, "No S3 bucket is configured for the custom EULAs of AWS account " + sellerAccountId
                    + ". An administrator must configure eula-bucket for this account under connector.seller-accounts.");
        }
        return account.eulaBucket();
    }

    private EulaDocument download(String contentDocumentId, String field) {
        List<ObjectNode> versions = records.query("SELECT Id, Title, FileExtension, ContentSize, VersionData"
                + " FROM ContentVersion WHERE ContentDocumentId = " + Soql.quote(contentDocumentId)
                + " AND IsLatest = true");
        if (versions.isEmpty()) {
            throw refused(field, "No file with id " + contentDocumentId + " is visible to the connector. Attach the"
                    + " EULA to this record and put the file's id here; if it is attached, an administrator should"
                    + " share it with the connector's user.");
        }
        ObjectNode version = versions.get(0);
        String extension = version.path("FileExtension").asText("");
        String fileName = version.path("Title").asText(contentDocumentId) + (extension.isEmpty() ? "" : "." + extension);
        long maxBytes = settings.maxBytes().toBytes();
        long declared = version.path("ContentSize").asLong(0);
        if (declared > maxBytes) {
            throw refused(field, EulaDocument.tooBig(fileName, declared, maxBytes));
        }
        byte[] content = records.download(version.path("VersionData").asText());
        return EulaDocument.check(fileName, content, maxBytes, field);
    }

    private boolean exists(String accountId, String bucket, String key, String field) {
        try {
            s3("check for " + key, accountId, bucket, field, CHECK, headers(accountId, bucket, key), null);
            return true;
        } catch (S3Refused refused) {
            // Without s3:ListBucket S3 answers 403 rather than 404 for a missing object; the upload will tell.
            if (refused.status == 404 || refused.status == 403) {
                return false;
            }
            throw refused.rejection;
        }
    }

    private void put(String accountId, String bucket, String key, EulaDocument document, String field) {
        Map<String, Object> headers = headers(accountId, bucket, key);
        headers.put(AWS2S3Constants.CONTENT_TYPE, document.type().contentType());
        headers.put(AWS2S3Constants.CONTENT_LENGTH, (long) document.size());
        headers.put(AWS2S3Constants.METADATA, Map.of("sha256", document.sha256()));
        if (settings.kmsKeyId() != null && !settings.kmsKeyId().isBlank()) {
            headers.put("eulaKmsKeyId", settings.kmsKeyId());
        }
        try {
            s3("upload of " + key, accountId, bucket, field, UPLOAD, headers, document.content());
        } catch (S3Refused refused) {
            throw refused.rejection;
        }
    }

    private StoredEula presign(String accountId, String bucket, String key, String sha256, String field) {
        // A session made for this URL, so that the credentials that sign it outlast it (they die together otherwise).
        AwsSessionCredentials credentials = signingSession(accountId, field);
        Map<String, Object> headers = headers(accountId, bucket, key);
        // Milliseconds; the constant's value is camel-aws2-s3's own spelling, CamelAwsS3DowloadLinkExpirationTime.
        headers.put(AWS2S3Constants.DOWNLOAD_LINK_EXPIRATION_TIME, settings.urlValidity().toMillis());
        Exchange signed = LinkSigning.with(credentials, () -> {
            try {
                return s3("signing of a link to " + key, accountId, bucket, field, LINK, headers, null);
            } catch (S3Refused refused) {
                throw refused.rejection;
            }
        });
        URI url = URI.create(signed.getMessage().getBody(String.class));
        return new StoredEula(bucket, key, sha256, url, expiresAt(url));
    }

    /** When a presigned URL stops working, as S3 reads it from the URL: X-Amz-Date plus X-Amz-Expires seconds. */
    private static Instant expiresAt(URI url) {
        Map<String, String> query = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            query.put(nameValue[0], nameValue.length < 2 ? "" : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        Instant signedAt = LocalDateTime.parse(query.get("X-Amz-Date"), AMZ_DATE).toInstant(ZoneOffset.UTC);
        return signedAt.plusSeconds(Long.parseLong(query.get("X-Amz-Expires")));
    }

    private static Map<String, Object> headers(String accountId, String bucket, String key) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("sellerAccountId", accountId);
        headers.put("eulaBucket", bucket);
        headers.put(AWS2S3Constants.KEY, key);
        return headers;
    }

    /**
     * A session of the account's role that outlasts the URL it signs. Under IAM roles for service accounts it is
     * started from the pod's web identity token, not from the connector's own role session: a role assumed from a role
     * session is capped at one hour (role chaining), and AWS may read the document hours after StartChangeSet.
     */
    private AwsSessionCredentials signingSession(String accountId, String field) {
        Duration session = settings.signingSession();
        try {
            return clients.newSession(accountId, session);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                    ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
            if (e.statusCode() == 429 || e.statusCode() >= 500 || e.isThrottlingException()
                    || "IDPCommunicationError".equals(code)) {
                throw new MarketplaceUnavailable("STS did not start the session that signs the EULA's URL for AWS"
                        + " account " + accountId + " (" + code + ").", e);
            }
            String said = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage();
            String role = accounts.find(accountId).map(SellerAccount::roleArn).orElse("AWS account " + accountId);
            String what = "AWS did not grant the connector's role " + role + " a session of " + session.toMinutes()
                    + " minutes to sign the custom EULA's download link (" + code + ": " + said + "). ";
            String todo;
            if (said != null && said.contains("role chaining")) {
                todo = "The connector's own AWS identity is a role session (EKS Pod Identity or an instance profile),"
                        + " and AWS gives a role assumed from one at most an hour, too short for a link AWS may read"
                        + " hours later. An administrator should give the connector IAM roles for service accounts"
                        + " (the chart's serviceAccount.awsRoleArn), whose token starts the signing session directly"
                        + " (admin guide, section 5).";
            } else if (said != null && said.contains("MaxSessionDuration")) {
                todo = "An administrator should raise the role's MaxSessionDuration to at least " + session.toMinutes()
                        + " minutes, or lower connector.eula.url-validity.";
            } else if (clients.webIdentityTokenFile().isPresent()) {
                todo = "The connector starts this session from its service account's web identity token"
                        + " (sts:AssumeRoleWithWebIdentity). An administrator should add the cluster's OIDC identity"
                        + " provider to AWS account " + accountId + " and let the role trust it for the connector's"
                        + " service account (admin guide, section 5).";
            } else {
                todo = "An administrator should let the role trust the connector's identity under the session name"
                        + " marketplace-crm-connector-signing (admin guide, section 5).";
            }
            throw refused(field, what + todo);
        } catch (UncheckedIOException e) {
            throw refused(field, "The connector could not read its web identity token, which starts the session that"
                    + " signs the custom EULA's download link (" + e.getMessage() + "). An administrator should check"
                    + " the IAM role of the connector's service account (the chart's serviceAccount.awsRoleArn).");
        } catch (SdkException e) {
            throw new MarketplaceUnavailable("STS could not be reached to sign the EULA's URL (" + e.getMessage()
                    + ").", e);
        }
    }

    /**
     * An S3 call, one of the routes' steps, whose refusal the caller decides about: a missing object is not always a
     * failure. The aws2-s3 producer hands S3's exceptions back as the SDK threw them.
     */
    private Exchange s3(String what, String accountId, String bucket, String field, String route,
                        Map<String, Object> headers, Object body) throws S3Refused {
        try {
            Exchange exchange = s3.send(route, ex -> {
                ex.getIn().setHeaders(headers);
                ex.getIn().setBody(body);
            });
            if (exchange.getException() instanceof RuntimeException failure) {
                throw failure;
            }
            if (exchange.getException() != null) {
                throw new IllegalStateException("The " + what + " in bucket " + bucket + " failed",
                        exchange.getException());
            }
            return exchange;
        } catch (AwsServiceException e) {
            int status = e.statusCode();
            String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "HTTP " + status
                    : e.awsErrorDetails().errorCode();
            if (status == 429 || status >= 500 || e.isThrottlingException()) {
                throw new MarketplaceUnavailable("S3 did not complete the " + what + " in bucket " + bucket
                        + " for AWS account " + accountId + " (" + code + ").", e);
            }
            String message;
            if (status == 403) {
                message = "AWS denied the connector the " + what + " in bucket " + bucket + " of AWS account "
                        + accountId + " (" + code + "). An administrator should allow the connector's role s3:PutObject"
                        + " and s3:GetObject on " + bucket + "/eulas/*, and the use of the bucket's KMS key if it has one.";
            } else if ("NoSuchBucket".equals(code)) {
                message = "The S3 bucket " + bucket + " configured as eula-bucket for AWS account " + accountId
                        + " does not exist. An administrator should create it or correct eula-bucket.";
            } else {
                message = "S3 refused the " + what + " in bucket " + bucket + " of AWS account " + accountId + " ("
                        + code + ": " + (e.awsErrorDetails() == null ? e.getMessage()
                        : e.awsErrorDetails().errorMessage()) + "). An administrator should check the bucket.";
            }
            throw new S3Refused(status, refused(field, message));
        } catch (SdkException e) {
            throw new MarketplaceUnavailable("S3 could not be reached for the " + what + " in bucket " + bucket
                    + " (" + e.getMessage() + ").", e);
        }
    }

    private static RequestRejected refused(String field, String message) {
        return new RequestRejected(List.of(new FieldProblem(field, message)));
    }

    /** S3 said no; {@link #rejection} is what the seller and administrator read if that is the end of it. */
    private static final class S3Refused extends Exception {
        final int status;
        final RequestRejected rejection;

        S3Refused(int status, RequestRejected rejection) {
            super(rejection.getMessage(), null, false, false);
            this.status = status;
            this.rejection = rejection;
        }
    }
}
