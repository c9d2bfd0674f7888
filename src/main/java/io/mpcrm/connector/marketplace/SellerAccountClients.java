package io.mpcrm.connector.marketplace;

import io.mpcrm.connector.observability.AwsCallMetrics;
import io.mpcrm.connector.observability.ChangeSetLogContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplaceagreement.MarketplaceAgreementClient;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * One Catalog API client, one Agreement API client, one S3 client and one S3 presigner per configured seller account.
 * The clients' credentials come from STS AssumeRole on the account's role, refreshed by the SDK before they expire; the
 * base credentials come from the default provider chain (IRSA on Kubernetes). The presigner signs links with a session
 * started for each ({@link #newSession}, {@link LinkSigning}). Nothing about AWS access is read from Salesforce.
 */
@Component
public class SellerAccountClients implements DisposableBean {

    private final SellerAccounts accounts;
    private final AwsSettings settings;
    private final MarketplaceRateLimits rateLimits;
    private final AwsCallMetrics callMetrics;
    private final Map<String, Clients> byAccount = new ConcurrentHashMap<>();
    private final Supplier<Optional<String>> tokenFile;
    private final Supplier<AwsCredentialsProvider> baseCredentials;

    @Autowired
    public SellerAccountClients(SellerAccounts accounts, AwsSettings settings, MarketplaceRateLimits rateLimits,
                               AwsCallMetrics callMetrics) {
        this(accounts, settings, rateLimits, callMetrics,
                () -> SdkSystemSetting.AWS_WEB_IDENTITY_TOKEN_FILE.getStringValue().filter(f -> !f.isBlank()));
    }

    /**
     * As above, with the web identity token file found by {@code tokenFile} rather than where the AWS SDK's default
     * chain looks: empty for an identity that has none (EKS Pod Identity, an instance profile, long-term keys).
     */
    public SellerAccountClients(SellerAccounts accounts, AwsSettings settings, MarketplaceRateLimits rateLimits,
                                AwsCallMetrics callMetrics, Supplier<Optional<String>> tokenFile) {
        this(accounts, settings, rateLimits, callMetrics, tokenFile, () -> DefaultCredentialsProvider.builder().build());
    }

    /**
     * As above, with the base credentials (those that assume the accounts' roles) from {@code baseCredentials}, asked
     * once per account, rather than from the AWS SDK's default chain.
     */
    public SellerAccountClients(SellerAccounts accounts, AwsSettings settings, MarketplaceRateLimits rateLimits,
                                AwsCallMetrics callMetrics, Supplier<Optional<String>> tokenFile,
                                Supplier<AwsCredentialsProvider> baseCredentials) {
        this.accounts = accounts;
        this.settings = settings;
        this.rateLimits = rateLimits;
        this.callMetrics = callMetrics;
        this.tokenFile = tokenFile;
        this.baseCredentials = baseCredentials;
    }

    public MarketplaceCatalogClient catalog(String accountId) {
        return clients(accountId).catalog();
    }

    public MarketplaceAgreementClient agreements(String accountId) {
        return clients(accountId).agreements();
    }

    /** S3 in the account's region, path-style when the endpoint is overridden (S3-compatible servers). */
    public S3Client s3(String accountId) {
        return clients(accountId).s3();
    }

    /**
     * Presigns in the account's region (and at the S3 endpoint of {@code connector.aws.s3-endpoint}, path-style), with
     * the credentials handed to {@link LinkSigning#with} on the calling thread: a session started for the link by
     * {@link #newSession}, never the clients' own short sessions, which a link would not outlive.
     */
    public S3Presigner linkPresigner(String accountId) {
        return clients(accountId).presigner();
    }

    /** The assumed-role credentials of the account's clients, refreshed by the SDK before they expire. */
    public AwsCredentialsProvider credentials(String accountId) {
        return clients(accountId).credentials();
    }

    /**
     * Credentials of a new session of the account's role lasting {@code duration} (STS grants 15 minutes to 12 hours,
     * and no more than the role's MaxSessionDuration), for what must keep working that long: a presigned URL dies with
     * the credentials that signed it, and the clients' own sessions are short.
     *
     * <p>With a {@link #webIdentityTokenFile() web identity token} (IAM roles for service accounts on EKS) the session
     * is started from the token, with AssumeRoleWithWebIdentity on the account's role: the connector's own identity is
     * then a role session, and a role assumed from it (role chaining) gets one hour at most, whatever its
     * MaxSessionDuration (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html#iam-term-role-chaining); a
     * session started from the token is not chained. The account must trust the cluster's OIDC provider for that
     * (https://docs.aws.amazon.com/eks/latest/userguide/cross-account-access.html). Without a token, AssumeRole from
     * the base credentials, which long-term keys may do for up to 12 hours.
     *
     * @throws UncheckedIOException when the token file cannot be read
     */
    public AwsSessionCredentials newSession(String accountId, Duration duration) {
        Clients clients = clients(accountId);
        Optional<Path> tokenFile = webIdentityTokenFile();
        Credentials issued;
        if (tokenFile.isPresent()) {
            String token = webIdentityToken(tokenFile.get());
            // An unsigned call: the token is the proof (the SDK sends AssumeRoleWithWebIdentity without credentials).
            issued = clients.sts().assumeRoleWithWebIdentity(r -> r.roleArn(clients.roleArn())
                    .roleSessionName("marketplace-crm-connector-signing").webIdentityToken(token)
                    .durationSeconds((int) duration.toSeconds())).credentials();
        } else {
            issued = clients.sts().assumeRole(r -> r.roleArn(clients.roleArn())
                    .roleSessionName("marketplace-crm-connector-signing")
                    .durationSeconds((int) duration.toSeconds())).credentials();
        }
        return AwsSessionCredentials.builder().accessKeyId(issued.accessKeyId())
                .secretAccessKey(issued.secretAccessKey()).sessionToken(issued.sessionToken())
                .expirationTime(issued.expiration()).build();
    }

    /**
     * The web identity token file the AWS SDK's default chain reads (the {@code aws.webIdentityTokenFile} system
     * property, else {@code AWS_WEB_IDENTITY_TOKEN_FILE}, which EKS sets for IAM roles for service accounts), if any.
     */
    public Optional<Path> webIdentityTokenFile() {
        return tokenFile.get().map(Path::of);
    }

    /** The token as it is now: EKS replaces the file before the token expires, so it is read for each session. */
    private static String webIdentityToken(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("The web identity token file " + file + " cannot be read", e);
        }
    }

    private Clients clients(String accountId) {
        return byAccount.computeIfAbsent(accountId, this::connect);
    }

    private Clients connect(String accountId) {
        SellerAccount account = accounts.find(accountId).orElseThrow(() -> new MarketplaceRejected("AWS account "
                + accountId + " is not configured in this connector; ask your administrator to add it.", null));
        Region region = Region.of(account.region());
        // Every client reports its calls and retries under the account (mpcrm_aws_calls_total).
        var metrics = callMetrics.forAccount(accountId);
        var sts = StsClient.builder().region(region).credentialsProvider(baseCredentials.get())
                .httpClientBuilder(httpClient())
                .overrideConfiguration(c -> c.addMetricPublisher(metrics));
        if (settings.stsEndpoint() != null) {
            sts.endpointOverride(settings.stsEndpoint());
        }
        StsClient stsClient = sts.build();
        StsAssumeRoleCredentialsProvider credentials = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(stsClient)
                .refreshRequest(r -> r.roleArn(account.roleArn()).roleSessionName("marketplace-crm-connector")
                        .durationSeconds((int) settings.sessionDuration().toSeconds()))
                .build();
        ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts()).build())
                .addExecutionInterceptor(rateLimits.forAccount(accountId))
                .addExecutionInterceptor(new ChangeSetLogContext())
                .addMetricPublisher(metrics)
                .build();
        var catalog = MarketplaceCatalogClient.builder().region(region).credentialsProvider(credentials)
                .httpClientBuilder(httpClient()).overrideConfiguration(overrides);
        if (settings.catalogEndpoint() != null) {
            catalog.endpointOverride(settings.catalogEndpoint());
        }
        var agreements = MarketplaceAgreementClient.builder().region(region).credentialsProvider(credentials)
                .httpClientBuilder(httpClient()).overrideConfiguration(overrides);
        if (settings.agreementEndpoint() != null) {
            agreements.endpointOverride(settings.agreementEndpoint());
        }
        // S3 has quotas per prefix far above what EULA uploads need, so no client-side rate limit here.
        var s3 = S3Client.builder().region(region).credentialsProvider(credentials).httpClientBuilder(httpClient())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts()).build())
                        .addMetricPublisher(metrics)
                        .build());
        var presigner = S3Presigner.builder().region(region).credentialsProvider(LinkSigning.credentials());
        if (settings.s3Endpoint() != null) {
            s3.endpointOverride(settings.s3Endpoint()).forcePathStyle(true);
            presigner.endpointOverride(settings.s3Endpoint())
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        if (settings.s3Checksums() != null) {
            s3.requestChecksumCalculation(settings.s3Checksums().requests())
                    .responseChecksumValidation(settings.s3Checksums().responses());
        }
        return new Clients(account.roleArn(), stsClient, credentials, catalog.build(), agreements.build(), s3.build(),
                presigner.build());
    }

    /** The SDK's own HTTP client (Apache), waiting at most connector.aws.read-timeout for the next bytes of an answer. */
    private ApacheHttpClient.Builder httpClient() {
        return ApacheHttpClient.builder().socketTimeout(settings.readTimeout());
    }

    @Override
    public void destroy() {
        byAccount.values().forEach(Clients::close);
    }

    private record Clients(String roleArn, StsClient sts, StsAssumeRoleCredentialsProvider credentials,
                           MarketplaceCatalogClient catalog, MarketplaceAgreementClient agreements, S3Client s3,
                           S3Presigner presigner) {
        void close() {
            catalog.close();
            agreements.close();
            s3.close();
            presigner.close();
            credentials.close();
            sts.close();
        }
    }
}
