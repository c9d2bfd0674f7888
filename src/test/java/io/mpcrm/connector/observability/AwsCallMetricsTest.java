package io.mpcrm.connector.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollector;

/** Each attempt of an AWS call is counted once, by what became of it. */
class AwsCallMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AwsCallMetrics metrics = new AwsCallMetrics(registry);

    @Test
    void aServerErrorThenAThrottleThenASuccessAreThreeAttemptsAndTwoRetries() {
        MetricCollector call = MetricCollector.create("ApiCall");
        call.reportMetric(CoreMetric.OPERATION_NAME, "DescribeEntity");
        call.reportMetric(CoreMetric.RETRY_COUNT, 2);
        attempt(call, 500, "ServerError");
        attempt(call, 429, "Throttling");
        attempt(call, 200, null);

        metrics.forAccount("111122223333").publish(call.collect());

        for (String outcome : new String[] {"error", "throttled", "success"}) {
            assertThat(registry.get("mpcrm.aws.calls").tags("account", "111122223333", "operation", "DescribeEntity",
                    "outcome", outcome).counter().count()).as(outcome).isEqualTo(1);
        }
        assertThat(registry.get("mpcrm.aws.retries").tag("operation", "DescribeEntity").counter().count()).isEqualTo(2);
    }

    private static void attempt(MetricCollector call, int status, String errorType) {
        MetricCollector attempt = call.createChild("ApiCallAttempt");
        attempt.reportMetric(HttpMetric.HTTP_STATUS_CODE, status);
        if (errorType != null) {
            attempt.reportMetric(CoreMetric.ERROR_TYPE, errorType);
        }
    }
}
