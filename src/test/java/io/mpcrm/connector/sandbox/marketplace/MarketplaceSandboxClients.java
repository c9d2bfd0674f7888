package io.mpcrm.connector.sandbox.marketplace;

import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplaceagreement.MarketplaceAgreementClient;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** The real SDK clients wired to a sandbox the way the connector wires them to AWS (base keys, then AssumeRole). */
final class MarketplaceSandboxClients implements AutoCloseable {

    final StsClient sts;
    final StsAssumeRoleCredentialsProvider credentials;
    final MarketplaceCatalogClient catalog;
    final MarketplaceAgreementClient agreement;

    MarketplaceSandboxClients(MarketplaceSandbox sandbox, String accountId) {
        this(sandbox, accountId, null, null);
    }

    MarketplaceSandboxClients(MarketplaceSandbox sandbox, String accountId, Duration staleTime, Duration prefetchTime) {
        String akid = "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        String secret = UUID.randomUUID() + "/" + UUID.randomUUID();
        sandbox.registerBaseCredentials(akid, secret);
        sts = StsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(akid, secret))).build();
        var provider = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .refreshRequest(r -> r.roleArn("arn:aws:iam::" + accountId + ":role/Connector").roleSessionName("connector-test"));
        if (staleTime != null) {
            provider.staleTime(staleTime);
        }
        if (prefetchTime != null) {
            provider.prefetchTime(prefetchTime);
        }
        credentials = provider.build();
        catalog = catalog(sandbox, credentials);
        agreement = MarketplaceAgreementClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
    }

    static MarketplaceCatalogClient catalog(MarketplaceSandbox sandbox, AwsCredentialsProvider credentials) {
        return MarketplaceCatalogClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
    }

    @Override
    public void close() {
        catalog.close();
        agreement.close();
        credentials.close();
        sts.close();
    }
}
