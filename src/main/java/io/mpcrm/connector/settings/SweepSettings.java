package io.mpcrm.connector.settings;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the sweep looks for due requests ({@code connector.sweep.*}): the route request-sweep reads these through
 * {@link RouteTimers}. A bare number is read as milliseconds, as before durations were written as durations.
 *
 * @param initialDelay the first sweep this long after the event subscription is up (0: at once)
 * @param period then every period
 */
@Validated
@ConsistentSettings
@ConfigurationProperties("connector.sweep")
public record SweepSettings(@DefaultValue("1s") Duration initialDelay, @DefaultValue("30s") Duration period)
        implements ConsistentSettings.Rules {

    @Override
    public Map<String, String> brokenRules() {
        Map<String, String> broken = new LinkedHashMap<>();
        if (initialDelay.isNegative()) {
            broken.put("initialDelay", "must be 0 or longer, e.g. 1s");
        }
        if (period.compareTo(Duration.ZERO) <= 0) {
            broken.put("period", "must be longer than 0, e.g. 30s: the sweep finds the requests no event announced");
        }
        return broken;
    }
}
