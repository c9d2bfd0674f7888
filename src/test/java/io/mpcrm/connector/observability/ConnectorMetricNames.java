package io.mpcrm.connector.observability;

import java.util.Set;

/**
 * The sample names the connector's own metrics produce in Prometheus, as the README lists them and the dashboard
 * queries them. The scrape test proves each one is served; the chart test proves the dashboard asks for no other.
 */
public final class ConnectorMetricNames {

    public static final Set<String> SERVED = Set.of(
            "mpcrm_requests_total",
            "mpcrm_request_duration_seconds_bucket", "mpcrm_request_duration_seconds_count",
            "mpcrm_request_duration_seconds_sum", "mpcrm_request_duration_seconds_max",
            "mpcrm_aws_calls_total", "mpcrm_aws_retries_total",
            "mpcrm_salesforce_calls_total", "mpcrm_salesforce_api_remaining", "mpcrm_salesforce_api_limit",
            "mpcrm_changesets_open",
            "mpcrm_sync_records_total", "mpcrm_sync_last_success_timestamp_seconds",
            "mpcrm_event_lag_seconds_bucket", "mpcrm_event_lag_seconds_count", "mpcrm_event_lag_seconds_sum",
            "mpcrm_event_lag_seconds_max");

    private ConnectorMetricNames() {
    }
}
