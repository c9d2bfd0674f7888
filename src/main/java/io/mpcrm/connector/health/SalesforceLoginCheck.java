package io.mpcrm.connector.health;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.transport.HttpConversation;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness: the integration user can log in to Salesforce, with the very login request camel-salesforce makes
 * (JWT bearer or client credentials). A login is not an API request, so it spends none of the org's daily API
 * allowance; the session it creates is not used, so the connector's own session is left as it is. Without
 * Salesforce the connector can do nothing, so this one makes the pod unready.
 */
@Component("salesforceLogin")
public class SalesforceLoginCheck implements HealthIndicator, DisposableBean {

    private final ExecutorService threads = CheckThreads.named("salesforce-login-check");
    private final CachedCheck check;
    private final HealthSettings settings;

    public SalesforceLoginCheck(CamelContext camel, HealthSettings settings, Clock clock) {
        this.settings = settings;
        this.check = new CachedCheck(() -> login(camel), settings.timeout(), settings.cacheFor(), clock, threads);
    }

    private String login(CamelContext camel) throws Exception {
        var session = camel.getComponent("salesforce", SalesforceComponent.class).getSession();
        if (session == null) {
            throw new IllegalStateException("camel-salesforce has not started its session yet");
        }
        ContentResponse response = session.getLoginRequest(new HttpConversation())
                .timeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS).send();
        if (response.getStatus() != 200) {
            // The body of a refused login says why (invalid_grant, ...) and holds no token.
            throw new IllegalStateException("login refused with HTTP " + response.getStatus() + ": "
                    + response.getContentAsString());
        }
        return "login accepted";
    }

    @Override
    public Health health() {
        CachedCheck.Result result = check.result();
        return (result.up() ? Health.up() : Health.down()).withDetail("login", result.detail())
                .withDetail("checkedAt", result.checkedAt().toString()).build();
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }
}
