package io.mpcrm.connector.health;

import io.mpcrm.connector.marketplace.SellerAccount;
import io.mpcrm.connector.marketplace.SellerAccountClients;
import io.mpcrm.connector.marketplace.SellerAccounts;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness details: for each configured seller account, whether STS lets the connector assume the account's role
 * (an AssumeRole, which no Marketplace API quota counts). The pod stays ready when an account fails: one account with
 * a broken role must not stop requests for the others, and another replica would fail the same way. The account
 * shows DOWN in the details, and its requests fail or wait with an explanation on the request.
 */
@Component("sellerAccounts")
public class SellerAccountsCheck implements HealthIndicator, DisposableBean {

    /** The shortest session STS grants; the check only proves that it grants one. */
    private static final Duration CHECK_SESSION = Duration.ofMinutes(15);

    private final ExecutorService threads = CheckThreads.named("seller-account-check");
    private final Map<String, CachedCheck> checks = new LinkedHashMap<>();

    public SellerAccountsCheck(SellerAccounts accounts, SellerAccountClients clients, HealthSettings settings,
                               Clock clock) {
        for (SellerAccount account : accounts.sellerAccounts()) {
            checks.put(account.accountId(), new CachedCheck(() -> {
                clients.newSession(account.accountId(), CHECK_SESSION);
                return "assumed " + account.roleArn();
            }, settings.timeout(), settings.cacheFor(), clock, threads));
        }
    }

    @Override
    public Health health() {
        // Side by side, so that probes wait for the slowest account, not for the sum of them.
        Map<String, CompletableFuture<CachedCheck.Result>> running = new LinkedHashMap<>();
        checks.forEach((account, check) -> running.put(account, CompletableFuture.supplyAsync(check::result, threads)));
        Map<String, Object> details = new LinkedHashMap<>();
        running.forEach((account, result) -> {
            CachedCheck.Result checked = result.join();
            details.put(account, Map.of("status", checked.up() ? "UP" : "DOWN", "detail", checked.detail(),
                    "checkedAt", checked.checkedAt().toString()));
        });
        return Health.up().withDetails(details).build();
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }
}
