package io.mpcrm.connector.observability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code connector.health}: how long a readiness check of Salesforce or of a seller account may take, and how long
 * its result is reused before the next probe checks again.
 */
@ConfigurationProperties("connector.health")
public record HealthSettings(@DefaultValue("5s") Duration timeout, @DefaultValue("30s") Duration cacheFor) {
}
