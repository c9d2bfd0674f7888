package io.mpcrm.connector.request;

import io.mpcrm.connector.marketplace.SellerAccount;
import io.mpcrm.connector.settings.ConsistentSettings;
import io.mpcrm.connector.settings.QuartzCron;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Syncs that run on a schedule ({@code connector.schedules}), per action and seller account. Each firing records a
 * request, exactly as the button does, so it is visible, retried and explained the same way. A schedule's account must
 * be one of {@code connector.seller-accounts}: otherwise every firing would record a request only to refuse it.
 */
@Validated
@ConsistentSettings
@ConfigurationProperties("connector")
public record Schedules(@DefaultValue @Valid List<Schedule> schedules,
                        @DefaultValue List<ConfiguredAccount> sellerAccounts) implements ConsistentSettings.Rules {

    /** Of {@code connector.seller-accounts}, the account ids only (the rest is checked with the accounts). */
    public record ConfiguredAccount(String accountId) {
    }

    @Override
    public Map<String, String> brokenRules() {
        List<String> configured = sellerAccounts.stream().map(ConfiguredAccount::accountId).toList();
        if (!configured.stream().allMatch(id -> id != null && id.matches(SellerAccount.ACCOUNT_ID))) {
            // A mistyped account id is the mistake to name, and the accounts' own check names it.
            return Map.of();
        }
        Map<String, String> broken = new LinkedHashMap<>();
        for (int i = 0; i < schedules.size(); i++) {
            String account = schedules.get(i).sellerAccount();
            if (account != null && account.matches(SellerAccount.ACCOUNT_ID) && !configured.contains(account)) {
                broken.put("schedules[" + i + "].sellerAccount", "is not one of connector.seller-accounts ("
                        + (configured.isEmpty() ? "none configured" : String.join(", ", configured))
                        + "): add the account there, or correct the schedule");
            }
        }
        return broken;
    }

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
            @Pattern(regexp = SellerAccount.ACCOUNT_ID, message = "must be a 12-digit AWS account id")
            String sellerAccount,
            @QuartzCron String cron) {
    }
}
