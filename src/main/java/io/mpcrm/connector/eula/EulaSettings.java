package io.mpcrm.connector.eula;

import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How custom EULAs are checked and stored ({@code connector.eula.*}).
 *
 * @param maxBytes the largest file accepted; camel-salesforce's {@code http-max-content-length} must be at least this
 * @param urlValidity how long the presigned URL handed to the Catalog API works. AWS reads the document itself while
 *        it processes the change set, which takes "a few minutes" for an offer and "anywhere from a few minutes to a
 *        few hours" for a resale authorization (AWS Marketplace API Reference, private offers and resale
 *        authorizations, UpdateLegalTerms), so the default is 6 hours. The URL is signed with credentials of a
 *        session of the seller account's role made for it, lasting {@link #signingSession()}: STS allows at most 12
 *        hours, and no more than the role's MaxSessionDuration, which must be at least that long. Under IAM roles for
 *        service accounts that session is started from the pod's web identity token, as a session assumed from the
 *        connector's own role session (role chaining) would end after one hour
 * @param kmsKeyId a KMS key to encrypt with ({@code aws:kms}); empty for S3-managed keys ({@code AES256})
 */
@Validated
@ConfigurationProperties("connector.eula")
public record EulaSettings(
        @DefaultValue("10MB") DataSize maxBytes,
        @DefaultValue("6h") Duration urlValidity,
        String kmsKeyId) {

    /** The longest session STS grants a role (DurationSeconds 43200). */
    public static final Duration LONGEST_SESSION = Duration.ofHours(12);
    /** The shortest session STS grants (DurationSeconds 900). */
    public static final Duration SHORTEST_SESSION = Duration.ofMinutes(15);
    /** Time between the signing session's start and the signature, so that the session outlasts the URL. */
    static final Duration SIGNING_MARGIN = Duration.ofMinutes(1);
    public static final Duration LONGEST_URL_VALIDITY = LONGEST_SESSION.minus(SIGNING_MARGIN);

    @AssertTrue(message = "url-validity must be between 1s and 11h59m: the presigned EULA URL is signed with credentials"
            + " of a session of the seller account's role that lasts url-validity plus one minute, and STS grants at"
            + " most 12 hours (and no more than the role's MaxSessionDuration: raise it to at least url-validity plus"
            + " one minute). Keep it above the few hours AWS may take to read the document (default 6h)")
    public boolean isUrlValidityPresignable() {
        return urlValidity == null || (urlValidity.toSeconds() >= 1 && urlValidity.compareTo(LONGEST_URL_VALIDITY) <= 0);
    }

    /**
     * How long the session that signs a URL lasts: the URL's validity plus the time to sign, at least the 15 minutes
     * STS requires. A presigned URL stops working when its signing credentials expire, so they must outlast it.
     */
    public Duration signingSession() {
        Duration session = urlValidity.plus(SIGNING_MARGIN);
        return session.compareTo(SHORTEST_SESSION) < 0 ? SHORTEST_SESSION : session;
    }

    @AssertTrue(message = "max-bytes must be more than 0")
    public boolean isMaxBytesPositive() {
        return maxBytes == null || maxBytes.toBytes() > 0;
    }
}
