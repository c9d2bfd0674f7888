package io.mpcrm.connector.request;

import io.mpcrm.connector.settings.ConsistentSettings;
import io.mpcrm.connector.settings.WrittenDuration;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How requests are retried and resumed ({@code connector.requests.*}). A value that would stop requests from running
 * (no attempt, a sweep that reads none, a wait of zero that would spin) stops the start instead.
 *
 * @param maxAttempts attempts before a transient failure becomes a Failed request
 * @param retryBaseDelay wait after the first transient failure; doubles with each attempt, with jitter
 * @param retryMaxDelay the longest wait between two attempts
 * @param resumeProcessingAfter a request left Processing this long (its worker crashed) is taken up again
 * @param sweepBatchSize at most this many due requests are read per sweep
 */
@Validated
@ConsistentSettings
@ConfigurationProperties("connector.requests")
public record RequestPolicy(
        @DefaultValue("5") @Min(value = 1, message = "must be at least 1: every request is attempted once")
        int maxAttempts,
        @DefaultValue("30s") Duration retryBaseDelay,
        @DefaultValue("30m") Duration retryMaxDelay,
        @DefaultValue("10m") Duration resumeProcessingAfter,
        @DefaultValue("200") @Min(value = 1, message = "must be at least 1, or no waiting request is ever swept up")
        int sweepBatchSize) implements ConsistentSettings.Rules {

    @Override
    public Map<String, String> brokenRules() {
        Map<String, String> broken = new LinkedHashMap<>();
        if (retryBaseDelay.compareTo(Duration.ZERO) <= 0) {
            broken.put("retryBaseDelay", "must be longer than 0, e.g. 30s");
        } else if (retryMaxDelay.compareTo(retryBaseDelay) < 0) {
            broken.put("retryMaxDelay", "must be at least retry-base-delay ("
                    + WrittenDuration.of(retryBaseDelay) + ")");
        }
        if (resumeProcessingAfter.compareTo(Duration.ZERO) <= 0) {
            broken.put("resumeProcessingAfter", "must be longer than 0, e.g. 10m: longer than a request takes");
        }
        return broken;
    }
}
