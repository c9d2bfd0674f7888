package io.mpcrm.connector.sandbox;

import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import io.mpcrm.connector.sandbox.salesforce.SandboxPubSub;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox org and its Pub/Sub API, shared by everything in one JVM (tests and the sandbox run), and the
 * connector settings that point the real camel-salesforce component at them.
 */
public final class SandboxSalesforce {

    public static final Path OBJECTS = Path.of("salesforce/force-app/main/default/objects");
    private static SandboxOrg org;
    private static SandboxPubSub pubsub;

    private SandboxSalesforce() {
    }

    public static synchronized SandboxOrg org() {
        if (org == null) {
            // Every port can be pinned (sandbox.*.port, listed in the admin guide's "Try it on the sandbox").
            org = SandboxOrg.start(OBJECTS,
                    SandboxOrg.Options.defaults().withPort(Integer.getInteger("sandbox.salesforce.port", 0)));
            pubsub = SandboxPubSub.start(org, SandboxPubSub.Options.defaults()
                    .withPort(Integer.getInteger("sandbox.pubsub.port", 0)));
            SandboxExit.closeAtExit(() -> {
                pubsub.close();
                org.close();
            });
        }
        return org;
    }

    /** The org's Pub/Sub API (gRPC over TLS, with the sandbox CA's certificate, which this JVM trusts). */
    public static synchronized SandboxPubSub pubsub() {
        org();
        return pubsub;
    }

    /**
     * Command-line arguments that put the sandbox settings (Salesforce and AWS) above any configuration file,
     * followed by {@code args}.
     */
    public static String[] withConnectorProperties(String... args) {
        Map<String, Object> properties = new LinkedHashMap<>(connectorProperties());
        properties.putAll(SandboxMarketplace.connectorProperties());
        return java.util.stream.Stream.concat(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()), java.util.Arrays.stream(args))
                .toArray(String[]::new);
    }

    /** Spring properties that connect the connector to the sandbox org with client-credentials login. */
    public static Map<String, Object> connectorProperties() {
        SandboxOrg org = org();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("camel.component.salesforce.login-url", org.loginUrl());
        properties.put("camel.component.salesforce.authentication-type", "CLIENT_CREDENTIALS");
        properties.put("camel.component.salesforce.client-id", org.clientId());
        properties.put("camel.component.salesforce.client-secret", org.clientSecret());
        properties.put("camel.component.salesforce.pub-sub-host", pubsub().host());
        properties.put("camel.component.salesforce.pub-sub-port", pubsub().port());
        return properties;
    }
}
