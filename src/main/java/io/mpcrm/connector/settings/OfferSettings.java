package io.mpcrm.connector.settings;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How open change sets are followed ({@code connector.offers.*}; offers' and resale authorizations' alike). Kept
 * here, with the other settings, so that neither the tracker's package nor the Marketplace gateway's imports the
 * other to read it.
 *
 * @param trackerPeriod how often open change sets are followed (the route offer-status-tracker, through
 *        {@link RouteTimers}); a bare number is read as milliseconds
 * @param trackerWriters how many ended change sets a tracker cycle writes back at once
 * @param serverFaultRestarts how many times a change set AWS failed internally is started again
 */
@Validated
@ConsistentSettings
@ConfigurationProperties("connector.offers")
public record OfferSettings(
        @DefaultValue("60s") Duration trackerPeriod,
        @DefaultValue("4") @Min(value = 1, message = "must be at least 1, or no ended change set is written back")
        int trackerWriters,
        @DefaultValue("3") @Min(value = 0, message = "must be 0 (never start again) or more")
        int serverFaultRestarts) implements ConsistentSettings.Rules {

    @Override
    public Map<String, String> brokenRules() {
        Map<String, String> broken = new LinkedHashMap<>();
        if (trackerPeriod.compareTo(Duration.ZERO) <= 0) {
            broken.put("trackerPeriod", "must be longer than 0, e.g. 60s");
        }
        return broken;
    }
}
