package io.mpcrm.connector.sandbox;

import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import io.mpcrm.connector.sandbox.marketplace.ReplaceableAgreementsSeed;
import io.mpcrm.connector.sandbox.s3.SandboxS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The Marketplace sandbox (Catalog API, Agreement API, STS) and the S3 sandbox shared by everything in one JVM, seeded
 * with a seller and a channel partner, and the settings that point the connector's unmodified AWS SDK clients at them.
 * The connector's own identity is a role session, as the Helm chart gives it on EKS (IAM roles for service accounts,
 * see {@link #CONNECTOR_ROLE_ARN}), so every seller account's role is assumed by role chaining; S3 accepts the
 * credentials the Marketplace sandbox's STS issued, and each seller account has its own EULA bucket. For clients
 * outside the connector (the AWS CLI, an SDK with static keys) the seller account also has an IAM user, whose
 * long-term keys ({@link #sellerUser()}) both sandboxes accept as AWS does.
 */
public final class SandboxMarketplace {

    public static final String SELLER = "111122223333";
    public static final String BULK_SELLER = "222233334444";
    public static final String CHANNEL_PARTNER = "555566667777";
    /** A channel partner with nothing shared, for tests that need an account nobody has used yet. */
    public static final String NEW_PARTNER = "777788889999";
    /** Only the credential-renewal test uses this account, so its first AssumeRole happens in that test. */
    public static final String RENEWAL_PARTNER = "888899990000";
    /** Only the status tracker's test sells from this account, so that its calls count that test's change sets alone. */
    public static final String TRACKED_SELLER = "333344445555";
    /** The reseller of the ISV's resale authorization tests: only they authorize it, so its shared list is theirs. */
    public static final String RESELLER = "666677778888";
    /**
     * A channel partner whose ISV changes authorizations after the partner synced them (restricts them, ends them
     * early), so that no other test sees those authorizations.
     */
    public static final String LATE_PARTNER = "454545454545";
    /** Only the benchmark's call budgets use this account, so that its calls are those of the measured requests. */
    public static final String BENCHMARK_SELLER = "121212121212";
    /** The AWS account of the connector's own role (the chart's serviceAccount.awsRoleArn). */
    public static final String CONNECTOR_ACCOUNT = "246813579024";
    /** The connector's own role, which the pod's service account token is exchanged for. */
    public static final String CONNECTOR_ROLE_ARN = "arn:aws:iam::" + CONNECTOR_ACCOUNT + ":role/marketplace-crm-connector";
    /** The subject of the pod's service account token: the chart's service account in its namespace. */
    public static final String SERVICE_ACCOUNT = "system:serviceaccount:marketplace:marketplace-crm-connector";
    /** Tests run the quotas this many times faster, on both sides, so that a sync of hundreds takes seconds. */
    public static final double QUOTA_SCALE = 20;

    private static final String[] ACCOUNTS = {SELLER, BULK_SELLER, CHANNEL_PARTNER, NEW_PARTNER, RENEWAL_PARTNER,
            TRACKED_SELLER, RESELLER, BENCHMARK_SELLER, LATE_PARTNER};

    private static MarketplaceSandbox marketplace;
    private static MarketplaceSandbox.Seed seed;
    private static SandboxS3 s3;
    private static ReplaceableAgreementsSeed replaceableAgreements;
    private static String webIdentityToken;
    private static UserKeys sellerUser;

    /** An IAM user's long-term access key pair, in {@code accountId}. */
    public record UserKeys(String accessKeyId, String secretAccessKey, String accountId) {
    }

    private SandboxMarketplace() {
    }

    public static synchronized MarketplaceSandbox marketplace() {
        if (marketplace == null) {
            marketplace = MarketplaceSandbox.start(MarketplaceSandbox.Options.defaults()
                    .withPort(Integer.getInteger("sandbox.marketplace.port", 0)));
            webIdentity(marketplace);
            seed = marketplace.seedDefault(SELLER, CHANNEL_PARTNER);
            replaceableAgreements = ReplaceableAgreementsSeed.plant(marketplace, seed, java.time.Instant.now());
            marketplace.addAccount(BULK_SELLER);
            marketplace.addAccount(NEW_PARTNER);
            marketplace.addAccount(RENEWAL_PARTNER);
            marketplace.addAccount(TRACKED_SELLER);
            marketplace.addAccount(RESELLER);
            marketplace.addAccount(BENCHMARK_SELLER);
            marketplace.addAccount(LATE_PARTNER);
            marketplace.setQuotaScale(QUOTA_SCALE);
            sellerUser = newUserKeys(SELLER);
            marketplace.registerUserCredentials(sellerUser.accessKeyId(), sellerUser.secretAccessKey(), SELLER);
            // The seller accounts' roles trust the cluster's OIDC provider too (admin guide, section 5).
            for (String account : ACCOUNTS) {
                marketplace.trustWebIdentity(account);
            }
            SandboxExit.closeAtExit(marketplace);
        }
        return marketplace;
    }

    /**
     * The connector's own identity as the chart gives it on EKS with IAM roles for service accounts: the service
     * account's annotation makes EKS project a token file into the pod and set AWS_ROLE_ARN and
     * AWS_WEB_IDENTITY_TOKEN_FILE, and the AWS SDK's default provider chain exchanges the token for a session of that
     * role (AssumeRoleWithWebIdentity). The same SDK path is taken here through the system properties the SDK reads
     * in their place (SdkSystemSetting: aws.roleArn, aws.webIdentityTokenFile, aws.roleSessionName), with
     * aws.endpointUrlSts (and aws.region) for the STS client that provider builds itself. No AWS key is set: the
     * chain's first providers (system properties, environment) find nothing, as in the pod.
     */
    private static void webIdentity(MarketplaceSandbox marketplace) {
        String token = "eyJ" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        Path file;
        try {
            file = Files.createTempFile("sandbox-service-account-token", "");
            Files.writeString(file, token);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sandbox's service account token", e);
        }
        file.toFile().deleteOnExit();
        webIdentityToken = token;
        marketplace.registerWebIdentityToken(token, SERVICE_ACCOUNT);
        marketplace.trustWebIdentity(CONNECTOR_ACCOUNT);
        System.setProperty("aws.roleArn", CONNECTOR_ROLE_ARN);
        System.setProperty("aws.webIdentityTokenFile", file.toString());
        System.setProperty("aws.roleSessionName", "marketplace-crm-connector-pod");
        System.setProperty("aws.endpointUrlSts", marketplace.endpoint().toString());
        System.setProperty("aws.region", MarketplaceSandbox.REGION);
    }

    /** Throwaway keys shaped as AWS makes them: AKIA and 16 of A-Z2-7, a 40-character secret. */
    static UserKeys newUserKeys(String accountId) {
        java.security.SecureRandom random = new java.security.SecureRandom();
        String base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder id = new StringBuilder("AKIA");
        for (int i = 0; i < 16; i++) {
            id.append(base32.charAt(random.nextInt(base32.length())));
        }
        byte[] secret = new byte[30];
        random.nextBytes(secret);
        return new UserKeys(id.toString(), java.util.Base64.getEncoder().encodeToString(secret), accountId);
    }

    /**
     * The long-term keys of an IAM user of the seller account ({@link #SELLER}): the Marketplace and S3 sandboxes
     * take them as AWS takes an IAM user's, and they may assume {@link #roleArn the seller's role}. Secret: only the
     * sandbox run prints them, for clients outside the JVM.
     */
    public static synchronized UserKeys sellerUser() {
        marketplace();
        return sellerUser;
    }

    /** The role the connector assumes in a seller account ({@code connector.seller-accounts[n].role-arn}). */
    public static String roleArn(String accountId) {
        return "arn:aws:iam::" + accountId + ":role/MarketplaceCrmConnector";
    }

    /**
     * The S3 sandbox: it trusts the credentials the Marketplace sandbox's STS issues and the IAM user's keys, and
     * holds one EULA bucket per seller account ({@link #eulaBucket}), owned by that account.
     */
    public static synchronized SandboxS3 s3() {
        if (s3 == null) {
            MarketplaceSandbox sts = marketplace();
            s3 = SandboxS3.start(Integer.getInteger("sandbox.s3.port", 0));
            s3.trust(accessKeyId -> sts.issuedCredentials(accessKeyId).or(() -> sts.userCredentials(accessKeyId))
                    .map(c -> new SandboxS3.Credential(c.secretAccessKey(), c.sessionToken(), c.accountId(),
                            c.expiration())));
            for (String account : ACCOUNTS) {
                s3.createBucket(eulaBucket(account), account);
            }
            SandboxExit.closeAtExit(s3);
        }
        return s3;
    }

    /** The pod's service account token the connector's identity comes from: a secret, which no log may show. */
    public static synchronized String webIdentityToken() {
        marketplace();
        return webIdentityToken;
    }

    /** The bucket configured as a seller account's {@code eula-bucket}. */
    public static String eulaBucket(String accountId) {
        return "sandbox-eulas-" + accountId;
    }

    public static synchronized MarketplaceSandbox.Seed seed() {
        marketplace();
        return seed;
    }

    /** The agreements agreement-based offers are made from (see {@link ReplaceableAgreementsSeed}). */
    public static synchronized ReplaceableAgreementsSeed replaceableAgreements() {
        marketplace();
        return replaceableAgreements;
    }

    /** Spring properties for the connector: AWS endpoints and the seller accounts the sandbox knows. */
    public static Map<String, Object> connectorProperties() {
        String endpoint = marketplace().endpoint().toString();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("connector.aws.catalog-endpoint", endpoint);
        properties.put("connector.aws.agreement-endpoint", endpoint);
        properties.put("connector.aws.sts-endpoint", endpoint);
        properties.put("connector.aws.s3-endpoint", s3().endpoint().toString());
        // s3proxy cannot check the checksums the SDK sends by default; production keeps the SDK's default.
        properties.put("connector.aws.s3-checksums", "when-required");
        io.mpcrm.connector.marketplace.AwsSettings.DOCUMENTED_RATES.forEach((operation, rate) ->
                properties.put("connector.aws.rates." + operation, rate * QUOTA_SCALE));
        String[] accounts = ACCOUNTS;
        for (int i = 0; i < accounts.length; i++) {
            properties.put("connector.seller-accounts[" + i + "].account-id", accounts[i]);
            properties.put("connector.seller-accounts[" + i + "].role-arn", roleArn(accounts[i]));
            properties.put("connector.seller-accounts[" + i + "].region", "us-east-1");
            properties.put("connector.seller-accounts[" + i + "].eula-bucket", eulaBucket(accounts[i]));
        }
        return properties;
    }
}
