package io.mpcrm.connector.replica;

import io.mpcrm.connector.ConnectorApplication;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import io.mpcrm.connector.sandbox.salesforce.SandboxPubSub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One connector process, as a pod runs it: the real application (routes from {@code routes/}, configuration from
 * {@code config/}) with its own name, web port and settings, on an org of the test's own, so that no other test's
 * connector takes its requests.
 */
final class ConnectorReplica implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String name;
    private final ConfigurableApplicationContext context;

    private ConnectorReplica(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
    }

    static ConnectorReplica start(String name, SandboxOrg org, SandboxPubSub pubsub, Map<String, Object> settings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("camel.component.salesforce.login-url", org.loginUrl());
        properties.put("camel.component.salesforce.authentication-type", "CLIENT_CREDENTIALS");
        properties.put("camel.component.salesforce.client-id", org.clientId());
        properties.put("camel.component.salesforce.client-secret", org.clientSecret());
        properties.put("camel.component.salesforce.pub-sub-host", pubsub.host());
        properties.put("camel.component.salesforce.pub-sub-port", pubsub.port());
        properties.putAll(SandboxMarketplace.connectorProperties());
        properties.put("spring.application.name", name);
        properties.put("camel.main.name", name);
        properties.put("connector.instance-id", name);
        properties.put("server.port", 0);
        properties.put("connector.sweep.initial-delay", 0);
        properties.put("connector.sweep.period", 500);
        properties.putAll(settings);
        SpringApplication application = new SpringApplication(ConnectorApplication.class);
        application.setRegisterShutdownHook(false);
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new ConnectorReplica(name, application.run(args));
    }

    String name() {
        return name;
    }

    CamelContext camel() {
        return context.getBean(CamelContext.class);
    }

    boolean runs(String routeId) {
        return context.isActive() && camel().getRouteController().getRouteStatus(routeId) == ServiceStatus.Started;
    }

    /** Told to stop and waiting for the requests in flight. */
    boolean stopping() {
        return camel().isStopping();
    }

    /** What the kubelet's readiness probe gets: the status code and body of GET /actuator/health/readiness. */
    HttpResponse<String> readiness() {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops as on SIGTERM: Spring closes the context, Camel waits for the requests in flight. */
    @Override
    public void close() {
        context.close();
    }
}
