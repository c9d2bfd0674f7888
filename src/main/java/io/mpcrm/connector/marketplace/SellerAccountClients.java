package io.mpcrm.connector.marketplace;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplaceagreement.MarketplaceAgreementClient;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * One Catalog API client and one Agreement API client per configured seller account. Their credentials come from
 * STS AssumeRole on the account's role, refreshed by the SDK before they expire; the base credentials come from the
 * default provider chain (IRSA on Kubernetes). Nothing about AWS access is read from Salesforce.
 */
@Component
public class SellerAccountClients implements DisposableBean {

    private final SellerAccounts accounts;
    private final AwsSettings settings;
    private final MarketplaceRateLimits rateLimits;
    private final Map<String, Clients> byAccount = new ConcurrentHashMap<>();

    public SellerAccountClients(SellerAccounts accounts, AwsSettings settings, MarketplaceRateLimits rateLimits) {
        this.accounts = accounts;
        this.settings = settings;
        this.rateLimits = rateLimits;
    }

    public MarketplaceCatalogClient catalog(String accountId) {
        return clients(accountId).catalog();
    }

    public MarketplaceAgreementClient agreements(String accountId) {
        return clients(accountId).agreements();
    }

    private Clients clients(String accountId) {
        return byAccount.computeIfAbsent(accountId, this::connect);
    }

    private Clients connect(String accountId) {
        SellerAccount account = accounts.find(accountId).orElseThrow(() -> new MarketplaceRejected("AWS account "
                + accountId + " is not configured in this connector; ask your administrator to add it.", null));
        Region region = Region.of(account.region());
        var sts = StsClient.builder().region(region).credentialsProvider(DefaultCredentialsProvider.builder().build());
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
                .build();
        var catalog = MarketplaceCatalogClient.builder().region(region).credentialsProvider(credentials)
                .overrideConfiguration(overrides);
        if (settings.catalogEndpoint() != null) {
            catalog.endpointOverride(settings.catalogEndpoint());
        }
        var agreements = MarketplaceAgreementClient.builder().region(region).credentialsProvider(credentials)
                .overrideConfiguration(overrides);
        if (settings.agreementEndpoint() != null) {
            agreements.endpointOverride(settings.agreementEndpoint());
        }
        return new Clients(stsClient, credentials, catalog.build(), agreements.build());
    }

    @Override
    public void destroy() {
        byAccount.values().forEach(Clients::close);
    }

    private record Clients(StsClient sts, StsAssumeRoleCredentialsProvider credentials,
                           MarketplaceCatalogClient catalog, MarketplaceAgreementClient agreements) {
        void close() {
            catalog.close();
            agreements.close();
            credentials.close();
            sts.close();
        }
    }
}
