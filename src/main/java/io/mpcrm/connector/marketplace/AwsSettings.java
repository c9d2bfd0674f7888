package io.mpcrm.connector.marketplace;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import io.mpcrm.connector.settings.ConsistentSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;

/**
 * How the connector reaches AWS ({@code connector.aws.*}). Endpoints are empty in production (the SDK's own) and point
 * at the sandbox in tests; rates are calls per second per seller account and operation, at the documented quotas.
 *
 * @param s3Checksums when the S3 client computes request checksums and validates response ones; empty keeps the
 *        SDK's default (when supported). S3-compatible servers that cannot check the SDK's checksums need
 *        {@code when-required}.
 * @param maxAttempts attempts per call, including the SDK's retries of throttling and 5xx (backoff with jitter)
 * @param permitTimeout how long a call may wait for its rate limit before it counts as throttled
 * @param readTimeout how long an AWS call waits for the next bytes of an answer before the attempt counts as failed
 *        (and is retried like a 5xx); the AWS SDK's own default, 30 seconds
 * @param sessionDuration the life of each session of a seller account's role, renewed before it ends: 15 minutes (the
 *        shortest STS grants) to 1 hour, as the connector's own identity is a role session on EKS and a role assumed
 *        from one (role chaining) gets one hour at most
 *        (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html#iam-term-role-chaining)
 */
@Validated
@ConsistentSettings
@ConfigurationProperties("connector.aws")
public record AwsSettings(
        URI catalogEndpoint,
        URI agreementEndpoint,
        URI stsEndpoint,
        URI s3Endpoint,
        S3Checksums s3Checksums,
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("30s") Duration permitTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("15m") Duration sessionDuration,
        @DefaultValue Map<String, Double> rates) implements ConsistentSettings.Rules {

    /** Documented request rates per account (calls per second), used where {@code rates} does not say otherwise. */
    public static final Map<String, Double> DOCUMENTED_RATES = Map.ofEntries(
            Map.entry("ListEntities", 10.0), Map.entry("DescribeEntity", 20.0),
            Map.entry("BatchDescribeEntities", 10.0), Map.entry("StartChangeSet", 5.0),
            Map.entry("ListChangeSets", 5.0), Map.entry("DescribeChangeSet", 10.0),
            Map.entry("CancelChangeSet", 5.0), Map.entry("SearchAgreements", 5.0),
            Map.entry("DescribeAgreement", 5.0), Map.entry("GetAgreementTerms", 5.0));

    /** The two checksum modes of the AWS SDK's S3 client, set together. */
    public enum S3Checksums {
        WHEN_SUPPORTED(RequestChecksumCalculation.WHEN_SUPPORTED, ResponseChecksumValidation.WHEN_SUPPORTED),
        WHEN_REQUIRED(RequestChecksumCalculation.WHEN_REQUIRED, ResponseChecksumValidation.WHEN_REQUIRED);

        private final RequestChecksumCalculation requests;
        private final ResponseChecksumValidation responses;

        S3Checksums(RequestChecksumCalculation requests, ResponseChecksumValidation responses) {
            this.requests = requests;
            this.responses = responses;
        }

        public RequestChecksumCalculation requests() {
            return requests;
        }

        public ResponseChecksumValidation responses() {
            return responses;
        }
    }

    @Override
    public Map<String, String> brokenRules() {
        if (sessionDuration != null && (sessionDuration.compareTo(Duration.ofMinutes(15)) < 0
                || sessionDuration.compareTo(Duration.ofHours(1)) > 0)) {
            return Map.of("sessionDuration", "must be between 15m and 1h: the connector assumes the seller accounts'"
                    + " roles from its own identity, on EKS a role session, and AWS gives a role assumed from a role"
                    + " session (role chaining) one hour at most");
        }
        return Map.of();
    }

    public double rate(String operation) {
        Double configured = rates.get(operation);
        return configured != null ? configured : DOCUMENTED_RATES.getOrDefault(operation, 5.0);
    }
}
