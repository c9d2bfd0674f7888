package io.mpcrm.connector.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code mpcrm_salesforce_calls_total{operation}}: the connector's Salesforce REST calls; and
 * {@code mpcrm_salesforce_api_remaining} / {@code mpcrm_salesforce_api_limit}: the org's daily API allowance as the
 * latest response's {@code Sforce-Limit-Info: api-usage=USED/LIMIT} header said (NaN until a response said it). The
 * allowance is the org's, shared with every other integration, so it can fall while the connector is idle.
 */
@Component
public class SalesforceApiUsage {

    static final String LIMIT_INFO = "Sforce-Limit-Info";
    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");
    private static final Pattern VERSION_PREFIX = Pattern.compile("^/services/data/v[0-9.]+");

    private final MeterRegistry registry;
    private final AtomicLong used = new AtomicLong(-1);
    private final AtomicLong limit = new AtomicLong(-1);

    public SalesforceApiUsage(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("mpcrm.salesforce.api.remaining", this, usage -> usage.known() ? usage.limit.get() - usage.used.get() : Double.NaN)
                .description("API requests the Salesforce org has left today (Sforce-Limit-Info)").register(registry);
        Gauge.builder("mpcrm.salesforce.api.limit", this, usage -> usage.known() ? usage.limit.get() : Double.NaN)
                .description("The Salesforce org's daily API request allowance (Sforce-Limit-Info)").register(registry);
    }

    /** One REST call went out; {@code exchange} holds the response headers camel-salesforce copied. */
    public void called(String method, String path, Exchange exchange) {
        Counter.builder("mpcrm.salesforce.calls").description("Salesforce REST calls by operation")
                .tag("operation", operation(method, path)).register(registry).increment();
        String header = exchange.getMessage().getHeader(LIMIT_INFO, String.class);
        Matcher usage = header == null ? null : API_USAGE.matcher(header);
        if (usage != null && usage.find()) {
            used.set(Long.parseLong(usage.group(1)));
            limit.set(Long.parseLong(usage.group(2)));
        }
    }

    private boolean known() {
        return limit.get() >= 0;
    }

    /** A short name for the kind of call, from its method and path; never a record id. */
    static String operation(String method, String path) {
        String resource = VERSION_PREFIX.matcher(path).replaceFirst("");
        if (resource.startsWith("/query")) {
            return "query";
        }
        if (resource.startsWith("/composite/sobjects")) {
            return switch (method) {
                case "POST" -> "collection_create";
                case "PATCH" -> resource.split("/").length > 4 ? "collection_upsert" : "collection_update";
                case "DELETE" -> "collection_delete";
                default -> "collection_read";
            };
        }
        if (resource.startsWith("/composite")) {
            return "composite";
        }
        if (resource.equals("/sobjects") || resource.equals("/sobjects/") || resource.endsWith("/describe")
                || resource.endsWith("/describe/")) {
            return "describe";
        }
        if (resource.startsWith("/sobjects/") && resource.contains("/VersionData")) {
            return "download";
        }
        if (resource.startsWith("/sobjects/")) {
            return switch (method) {
                case "POST" -> "create";
                case "PATCH" -> "update";
                case "DELETE" -> "delete";
                default -> "read";
            };
        }
        if (resource.startsWith("/limits")) {
            return "limits";
        }
        return "other";
    }
}
