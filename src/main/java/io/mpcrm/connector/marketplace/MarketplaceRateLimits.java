package io.mpcrm.connector.marketplace;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import org.springframework.stereotype.Component;

/**
 * Client-side request rates per seller account and operation, so that normal work stays under the documented quotas
 * and never meets a ThrottlingException. Every HTTP attempt (retries included) waits for a permit; permits are spread
 * evenly over the second, because the service counts calls per second, not per burst.
 */
@Component
public class MarketplaceRateLimits {

    private final AwsSettings settings;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    public MarketplaceRateLimits(AwsSettings settings) {
        this.settings = settings;
    }

    /** An interceptor for the clients of one seller account. */
    public ExecutionInterceptor forAccount(String accountId) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                acquire(accountId, attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
    }

    void acquire(String accountId, String operation) {
        RateLimiter limiter = limiters.computeIfAbsent(accountId + "/" + operation,
                key -> RateLimiter.of(key, config(settings.rate(operation))));
        try {
            RateLimiter.waitForPermission(limiter);
        } catch (RequestNotPermitted waitedTooLong) {
            throw new MarketplaceUnavailable("The connector's own limit of " + settings.rate(operation) + " "
                    + operation + " calls per second for AWS account " + accountId + " was busy for longer than "
                    + settings.permitTimeout().toSeconds() + " s.", waitedTooLong);
        }
    }

    private RateLimiterConfig config(double perSecond) {
        long nanosPerPermit = (long) (1_000_000_000L / perSecond);
        return RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(nanosPerPermit))
                .timeoutDuration(settings.permitTimeout())
                .build();
    }
}
