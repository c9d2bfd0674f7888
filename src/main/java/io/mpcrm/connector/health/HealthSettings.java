package io.mpcrm.connector.health;

import io.mpcrm.connector.settings.ConsistentSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code connector.health}: how long a readiness check of Salesforce or of a seller account may take, and how long
 * its result is reused before the next probe checks again.
 */
@Validated
@ConsistentSettings
@ConfigurationProperties("connector.health")
public record HealthSettings(@DefaultValue("5s") Duration timeout, @DefaultValue("30s") Duration cacheFor)
        implements ConsistentSettings.Rules {

    @Override
    public Map<String, String> brokenRules() {
        Map<String, String> broken = new LinkedHashMap<>();
        if (timeout.compareTo(Duration.ZERO) <= 0) {
            broken.put("timeout", "must be longer than 0, e.g. 5s");
        }
        if (cacheFor.isNegative()) {
            broken.put("cacheFor", "must be 0 (check at every probe) or longer, e.g. 30s");
        }
        return broken;
    }
}
