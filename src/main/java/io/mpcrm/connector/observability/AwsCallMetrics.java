package io.mpcrm.connector.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * {@code mpcrm_aws_calls_total{account,operation,outcome}}: every HTTP attempt the SDK made (what counts against an
 * AWS quota), with outcome {@code success}, {@code throttled} (the SDK's own throttling test: 429 or a throttling
 * error code) or {@code error}; and {@code mpcrm_aws_retries_total{account,operation}}: the attempts after the first.
 * Fed by the SDK's metric publisher, which reports each call with its attempts once the call is over, on the clients
 * {@code SellerAccountClients} builds (Catalog, Agreement, S3, STS).
 */
@Component
public class AwsCallMetrics {

    private static final String ATTEMPT = "ApiCallAttempt";
    private static final String THROTTLING = "Throttling";

    private final MeterRegistry registry;

    public AwsCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The publisher for the clients of one seller account. */
    public MetricPublisher forAccount(String accountId) {
        return new MetricPublisher() {
            @Override
            public void publish(MetricCollection call) {
                record(accountId, call);
            }

            @Override
            public void close() {
                // Nothing buffered: every call is counted as it is published.
            }
        };
    }

    void record(String accountId, MetricCollection call) {
        String operation = first(call.metricValues(CoreMetric.OPERATION_NAME), "unknown");
        call.children().stream().filter(attempt -> ATTEMPT.equals(attempt.name())).forEach(attempt ->
                Counter.builder("mpcrm.aws.calls").description("AWS API attempts by account, operation and outcome")
                        .tags("account", accountId, "operation", operation, "outcome", outcome(attempt))
                        .register(registry).increment());
        Integer retries = first(call.metricValues(CoreMetric.RETRY_COUNT), 0);
        Counter counter = Counter.builder("mpcrm.aws.retries").description("AWS API attempts retried by the SDK")
                .tags("account", accountId, "operation", operation).register(registry);
        if (retries > 0) {
            counter.increment(retries);
        }
    }

    private static String outcome(MetricCollection attempt) {
        String errorType = first(attempt.metricValues(CoreMetric.ERROR_TYPE), null);
        int status = first(attempt.metricValues(HttpMetric.HTTP_STATUS_CODE), 0);
        if (THROTTLING.equals(errorType) || status == 429) {
            return "throttled";
        }
        if (errorType != null || status >= 300 || status == 0) {
            return "error";
        }
        return "success";
    }

    private static <T> T first(List<T> values, T otherwise) {
        return values.isEmpty() || values.get(0) == null ? otherwise : values.get(0);
    }
}
