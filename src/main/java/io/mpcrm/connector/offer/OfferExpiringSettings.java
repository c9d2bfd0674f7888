package io.mpcrm.connector.offer;

import io.mpcrm.connector.settings.QuartzCron;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When released offers are reported as expiring ({@code connector.domain-events.offer-expiring.*}).
 *
 * @param withinDays an offer whose expiration date is within this many days (today included) is reported
 * @param cron when the daily check runs (Quartz cron, UTC)
 */
@Validated
@ConfigurationProperties("connector.domain-events.offer-expiring")
public record OfferExpiringSettings(
        @DefaultValue("7") @Min(value = 0, message = "must be 0 (expiring today) or more days")
        @Max(value = 366, message = "must be at most 366 days") int withinDays,
        @DefaultValue("0 0 6 * * ?") @QuartzCron String cron) {
}
