package io.mpcrm.connector.sandbox;

import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The Marketplace sandbox (Catalog API, Agreement API, STS) shared by everything in one JVM, seeded with a seller and
 * a channel partner, and the settings that point the connector's unmodified AWS SDK clients at it. The base
 * credentials are throwaway keys made here and handed to the SDK's default provider chain.
 */
public final class SandboxMarketplace {

    public static final String SELLER = "111122223333";
    public static final String BULK_SELLER = "222233334444";
    public static final String CHANNEL_PARTNER = "555566667777";
    /** A channel partner with nothing shared, for tests that need an account nobody has used yet. */
    public static final String NEW_PARTNER = "777788889999";
    /** Tests run the quotas this many times faster, on both sides, so that a sync of hundreds takes seconds. */
    public static final double QUOTA_SCALE = 20;

    private static MarketplaceSandbox marketplace;
    private static MarketplaceSandbox.Seed seed;

    private SandboxMarketplace() {
    }

    public static synchronized MarketplaceSandbox marketplace() {
        if (marketplace == null) {
            marketplace = MarketplaceSandbox.start(MarketplaceSandbox.Options.defaults()
                    .withPort(Integer.getInteger("sandbox.marketplace.port", 0)));
            String accessKey = "AKIASANDBOX" + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
            String secretKey = UUID.randomUUID().toString() + UUID.randomUUID();
            marketplace.registerBaseCredentials(accessKey, secretKey);
            System.setProperty("aws.accessKeyId", accessKey);
            System.setProperty("aws.secretAccessKey", secretKey);
            seed = marketplace.seedDefault(SELLER, CHANNEL_PARTNER);
            marketplace.addAccount(BULK_SELLER);
            marketplace.addAccount(NEW_PARTNER);
            marketplace.setQuotaScale(QUOTA_SCALE);
            Runtime.getRuntime().addShutdownHook(new Thread(marketplace::close));
        }
        return marketplace;
    }

    public static synchronized MarketplaceSandbox.Seed seed() {
        marketplace();
        return seed;
    }

    /** Spring properties for the connector: AWS endpoints and the seller accounts the sandbox knows. */
    public static Map<String, Object> connectorProperties() {
        String endpoint = marketplace().endpoint().toString();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("connector.aws.catalog-endpoint", endpoint);
        properties.put("connector.aws.agreement-endpoint", endpoint);
        properties.put("connector.aws.sts-endpoint", endpoint);
        io.mpcrm.connector.marketplace.AwsSettings.DOCUMENTED_RATES.forEach((operation, rate) ->
                properties.put("connector.aws.rates." + operation, rate * QUOTA_SCALE));
        String[] accounts = {SELLER, BULK_SELLER, CHANNEL_PARTNER, NEW_PARTNER};
        for (int i = 0; i < accounts.length; i++) {
            properties.put("connector.seller-accounts[" + i + "].account-id", accounts[i]);
            properties.put("connector.seller-accounts[" + i + "].role-arn",
                    "arn:aws:iam::" + accounts[i] + ":role/MarketplaceCrmConnector");
            properties.put("connector.seller-accounts[" + i + "].region", "us-east-1");
            properties.put("connector.seller-accounts[" + i + "].eula-bucket", "sandbox-eulas-" + accounts[i]);
        }
        return properties;
    }
}
