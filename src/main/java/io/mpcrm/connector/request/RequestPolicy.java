package io.mpcrm.connector.request;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How requests are retried and resumed ({@code connector.requests.*}).
 *
 * @param maxAttempts attempts before a transient failure becomes a Failed request
 * @param retryBaseDelay wait after the first transient failure; doubles with each attempt, with jitter
 * @param retryMaxDelay the longest wait between two attempts
 * @param resumeProcessingAfter a request left Processing this long (its worker crashed) is taken up again
 * @param sweepBatchSize at most this many due requests are read per sweep
 */
@ConfigurationProperties("connector.requests")
public record RequestPolicy(
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("30s") Duration retryBaseDelay,
        @DefaultValue("30m") Duration retryMaxDelay,
        @DefaultValue("10m") Duration resumeProcessingAfter,
        @DefaultValue("200") int sweepBatchSize) {
}
