package io.mpcrm.connector.chaos;

import io.mpcrm.connector.marketplace.AwsSettings;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.SandboxSalesforce;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import io.mpcrm.connector.sandbox.salesforce.SandboxPubSub;
import io.mpcrm.connector.security.LogSecretsWatch;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Salesforce org (with its Pub/Sub API) and a Marketplace of the chaos run's own, so that the faults injected into
 * them reach only the connector under test, not the end-to-end tests' shared connector in the same JVM.
 */
final class ChaosSandboxes implements AutoCloseable {

    static final String SELLER = SandboxMarketplace.SELLER;
    static final String RESELLER = SandboxMarketplace.CHANNEL_PARTNER;

    final SandboxOrg org;
    final SandboxPubSub pubsub;
    final MarketplaceSandbox marketplace;
    final MarketplaceSandbox.Seed seed;

    private ChaosSandboxes(SandboxOrg org, SandboxPubSub pubsub, MarketplaceSandbox marketplace,
                           MarketplaceSandbox.Seed seed) {
        this.org = org;
        this.pubsub = pubsub;
        this.marketplace = marketplace;
        this.seed = seed;
    }

    static ChaosSandboxes start(long faultSeed) {
        // The shared Marketplace sandbox gives the SDK's default provider chain its role session (web identity); ours
        // accepts that session too, and its roles are assumed by role chaining as in the pod.
        MarketplaceSandbox shared = SandboxMarketplace.marketplace();
        SandboxOrg org = SandboxOrg.start(SandboxSalesforce.OBJECTS, SandboxOrg.Options.defaults().withFaultSeed(faultSeed));
        // This org's client secret is the chaos connector's own: its logs are scanned for it too.
        LogSecretsWatch.watchFor(org.clientSecret());
        SandboxPubSub pubsub = SandboxPubSub.start(org, SandboxPubSub.Options.defaults().withFaultSeed(faultSeed));
        MarketplaceSandbox marketplace = MarketplaceSandbox.start(MarketplaceSandbox.Options.defaults());
        marketplace.acceptSessionsFrom(shared);
        MarketplaceSandbox.Seed seed = marketplace.seedDefault(SELLER, RESELLER);
        marketplace.setQuotaScale(SandboxMarketplace.QUOTA_SCALE);
        return new ChaosSandboxes(org, pubsub, marketplace, seed);
    }

    /** Spring properties for a connector on these sandboxes, with the tests' quick pace. */
    Map<String, Object> connectorProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("camel.component.salesforce.login-url", org.loginUrl());
        p.put("camel.component.salesforce.authentication-type", "CLIENT_CREDENTIALS");
        p.put("camel.component.salesforce.client-id", org.clientId());
        p.put("camel.component.salesforce.client-secret", org.clientSecret());
        p.put("camel.component.salesforce.pub-sub-host", pubsub.host());
        p.put("camel.component.salesforce.pub-sub-port", pubsub.port());
        String endpoint = marketplace.endpoint().toString();
        p.put("connector.aws.catalog-endpoint", endpoint);
        p.put("connector.aws.agreement-endpoint", endpoint);
        p.put("connector.aws.sts-endpoint", endpoint);
        p.put("connector.aws.s3-endpoint", SandboxMarketplace.s3().endpoint().toString());
        p.put("connector.aws.s3-checksums", "when-required");
        AwsSettings.DOCUMENTED_RATES.forEach((operation, rate) ->
                p.put("connector.aws.rates." + operation, rate * SandboxMarketplace.QUOTA_SCALE));
        p.put("connector.seller-accounts[0].account-id", SELLER);
        p.put("connector.seller-accounts[0].role-arn", "arn:aws:iam::" + SELLER + ":role/MarketplaceCrmConnector");
        p.put("connector.seller-accounts[0].region", "us-east-1");
        p.put("connector.seller-accounts[0].eula-bucket", SandboxMarketplace.eulaBucket(SELLER));
        // Any free port for the probes: the chaos connector must not need 8080 free on the machine that runs it.
        p.put("server.port", "0");
        p.put("connector.sweep.initial-delay", "0");
        p.put("connector.sweep.period", "1000");
        // Production waits 30 s to 30 min between attempts; here 0.5 s to 4 s, so a burst of 5xx must be short too.
        p.put("connector.requests.retry-base-delay", "500ms");
        p.put("connector.requests.retry-max-delay", "4s");
        // Production's 5 attempts span minutes, far longer than a 5xx burst; compressed, 5 span only about 7 s, which
        // two bursts 6 s apart can fill on a busy machine. 8 attempts keep the retries outlasting two bursts.
        p.put("connector.requests.max-attempts", "8");
        // A request whose worker was stopped is taken up again this soon (production: 10 minutes).
        p.put("connector.requests.resume-processing-after", "5s");
        p.put("connector.offers.tracker-period", "1000");
        // Stopping does not wait for in-flight requests: the next start must cope with whatever was half done.
        p.put("camel.main.shutdown-timeout", "1");
        // Thousands of injected faults would each log a warning; the figures say what happened.
        p.put("spring.main.banner-mode", "off");
        p.put("logging.level.root", "WARN");
        p.put("logging.level.io.mpcrm.connector", "ERROR");
        return p;
    }

    @Override
    public void close() {
        marketplace.close();
        pubsub.close();
        org.close();
    }
}
