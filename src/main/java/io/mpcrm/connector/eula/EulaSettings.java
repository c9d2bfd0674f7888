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
 * @param urlValidity how long the presigned URL handed to the Catalog API works, at most 7 days (the SigV4 limit);
 *        a URL signed with assumed-role credentials stops working when they expire, whichever comes first
 * @param kmsKeyId a KMS key to encrypt with ({@code aws:kms}); empty for S3-managed keys ({@code AES256})
 */
@Validated
@ConfigurationProperties("connector.eula")
public record EulaSettings(
        @DefaultValue("10MB") DataSize maxBytes,
        @DefaultValue("7d") Duration urlValidity,
        String kmsKeyId) {

    public static final Duration LONGEST_URL_VALIDITY = Duration.ofDays(7);

    @AssertTrue(message = "url-validity must be between 1 second and 7 days (the longest a SigV4 presigned URL works)")
    public boolean isUrlValidityPresignable() {
        return urlValidity == null || (urlValidity.toSeconds() >= 1 && urlValidity.compareTo(LONGEST_URL_VALIDITY) <= 0);
    }

    @AssertTrue(message = "max-bytes must be more than 0")
    public boolean isMaxBytesPositive() {
        return maxBytes == null || maxBytes.toBytes() > 0;
    }
}
