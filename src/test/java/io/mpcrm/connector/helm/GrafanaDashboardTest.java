package io.mpcrm.connector.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.mpcrm.connector.observability.ConnectorMetricNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A platform team turns on the Grafana dashboard and gets the on-call panels, each querying a metric the connector
 * serves (the scrape test, OnCallMonitoringIT, proves every name in {@link ConnectorMetricNames} is served).
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = ConnectorChart.DIRECTORY.resolve("dashboards/marketplace-crm-connector.json");
    private static final Pattern METRIC = Pattern.compile("\\b(mpcrm_[a-z0-9_]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;
    private ConnectorChart chart;

    @BeforeEach
    void chart() {
        chart = new ConnectorChart(scratch);
    }

    @Test
    void theDashboardConfigMapIsRenderedOnlyWhenAskedForWithTheLabelGrafanaLooksFor() throws Exception {
        assertThat(chart.template("single-replica-values.yaml").all(ConfigMap.class))
                .noneMatch(map -> map.getMetadata().getName().endsWith("-dashboard"));

        ConfigMap dashboard = chart.template("single-replica-values.yaml", """
                grafana:
                  dashboard:
                    enabled: true
                    annotations:
                      grafana_folder: Marketplace
                """).configMap("dashboard");

        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1")
                .containsEntry("app.kubernetes.io/name", "marketplace-crm-connector");
        assertThat(dashboard.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Marketplace");
        assertThat(dashboard.getData()).containsOnlyKeys("marketplace-crm-connector.json");
        assertThat(JSON.readTree(dashboard.getData().get("marketplace-crm-connector.json")))
                .isEqualTo(JSON.readTree(Files.readString(DASHBOARD)));
    }

    @Test
    void thePanelsAnOnCallEngineerNeedsQueryOnlyMetricsTheConnectorServes() throws Exception {
        JsonNode dashboard = JSON.readTree(Files.readString(DASHBOARD));
        List<String> expressions = dashboard.path("panels").findValues("expr").stream().map(JsonNode::asText).toList();
        Set<String> queried = new TreeSet<>();
        for (String expression : expressions) {
            Matcher metric = METRIC.matcher(expression);
            while (metric.find()) {
                queried.add(metric.group(1));
            }
        }

        assertThat(ConnectorMetricNames.SERVED).containsAll(queried);
        assertThat(queried).contains("mpcrm_requests_total", "mpcrm_request_duration_seconds_bucket",
                "mpcrm_aws_calls_total", "mpcrm_salesforce_api_remaining", "mpcrm_changesets_open",
                "mpcrm_event_lag_seconds_bucket", "mpcrm_sync_last_success_timestamp_seconds");
        assertThat(dashboard.path("panels").findValuesAsText("title")).contains("Requests by action and outcome",
                "Request duration p95 by action", "AWS throttles and errors by account", "Salesforce API allowance left",
                "Open change sets by account", "Event lag p95", "Time since the last successful sync");
    }

    @Test
    void podsWriteJsonLogLinesUnlessTextIsAskedFor() {
        assertThat(chart.template("single-replica-values.yaml").setting("logging.structured.format.console"))
                .isEqualTo("ecs");
        assertThat(chart.template("single-replica-values.yaml", "logs:\n  format: text\n").connectorConfiguration()
                .bind("logging.structured.format.console", String.class).isBound()).isFalse();
    }
}
