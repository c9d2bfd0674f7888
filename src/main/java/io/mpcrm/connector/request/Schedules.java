package io.mpcrm.connector.request;

import io.mpcrm.connector.settings.QuartzCron;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Syncs that run on a schedule ({@code connector.schedules}), per action and seller account. Each firing records a
 * request, exactly as the button does, so it is visible, retried and explained the same way.
 */
@Validated
@ConfigurationProperties("connector")
public record Schedules(@DefaultValue @Valid List<Schedule> schedules) {

    /**
     * @param action one of the sync actions, e.g. REFRESH_PRODUCTS
     * @param sellerAccount the 12-digit AWS account id
     * @param cron a Quartz cron expression, e.g. {@code 0 0 3 * * ?} for 03:00 every day
     */
    public record Schedule(
            @NotBlank(message = "is missing: give the sync to run, e.g. REFRESH_PRODUCTS")
            @Pattern(regexp = "REFRESH_PRODUCTS|REFRESH_AGREEMENTS|REFRESH_SHARED_RESALE_AUTHORIZATIONS",
                    message = "must be a sync action: REFRESH_PRODUCTS, REFRESH_AGREEMENTS or"
                            + " REFRESH_SHARED_RESALE_AUTHORIZATIONS") String action,
            @NotBlank(message = "is missing: give the 12-digit AWS account id of the seller account to sync")
            @Pattern(regexp = "\\d{12}", message = "must be a 12-digit AWS account id") String sellerAccount,
            @QuartzCron String cron) {
    }
}
