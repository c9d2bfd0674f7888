package io.mpcrm.connector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplaceagreement.MarketplaceAgreementClient;
import software.amazon.awssdk.services.marketplaceagreement.model.AgreementViewSummary;
import software.amazon.awssdk.services.marketplaceagreement.model.Filter;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.EntitySummary;
import software.amazon.awssdk.services.marketplacecatalog.model.MarketplaceCatalogException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * What a newcomer does with the keys the sandbox run prints: the AWS SDK for Java's plain clients, with nothing but a
 * {@code StaticCredentialsProvider} of an IAM user's long-term keys, an endpoint override and the region. AWS takes an
 * IAM user's keys for the Marketplace APIs, STS and S3 alike; the sandboxes do too, and still check every signature.
 * The Marketplace calls go to a sandbox of this class's own, seeded as the run's and given an IAM user as the run gives
 * one ({@link SandboxMarketplace#newUserKeys}), so that they add nothing to the calls and role sessions the end-to-end
 * tests count on the shared one; S3 is the shared sandbox, with the very keys the run prints.
 */
class StandardAwsClientsTest {

    private static MarketplaceSandbox marketplace;
    private static MarketplaceSandbox.Seed seed;
    private static SandboxMarketplace.UserKeys user;

    @BeforeAll
    static void startASandboxWithAnIamUser() {
        marketplace = MarketplaceSandbox.start();
        seed = marketplace.seedDefault(SandboxMarketplace.SELLER, SandboxMarketplace.CHANNEL_PARTNER);
        user = SandboxMarketplace.newUserKeys(SandboxMarketplace.SELLER);
        marketplace.registerUserCredentials(user.accessKeyId(), user.secretAccessKey(), user.accountId());
    }

    @AfterAll
    static void stop() {
        marketplace.close();
    }

    private static AwsCredentialsProvider keys(SandboxMarketplace.UserKeys keys, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), secret));
    }

    private AwsCredentialsProvider keys(String secret) {
        return keys(user, secret);
    }

    private MarketplaceCatalogClient catalog(AwsCredentialsProvider credentials) {
        return MarketplaceCatalogClient.builder().endpointOverride(marketplace.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
    }

    @Test
    void theRunsMarketplaceSandboxKnowsTheKeysItPrints() {
        SandboxMarketplace.UserKeys printed = SandboxMarketplace.sellerUser();
        assertThat(printed.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
        assertThat(printed.secretAccessKey()).hasSize(40);
        assertThat(SandboxMarketplace.marketplace().userCredentials(printed.accessKeyId()))
                .hasValueSatisfying(c -> {
                    assertThat(c.secretAccessKey()).isEqualTo(printed.secretAccessKey());
                    assertThat(c.accountId()).isEqualTo(SandboxMarketplace.SELLER);
                    assertThat(c.sessionToken()).isNull();
                });
    }

    @Test
    void theIamUsersKeysListTheSellersProductsAndAgreements() {
        assertThat(user.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
        assertThat(user.accountId()).isEqualTo(SandboxMarketplace.SELLER);
        try (MarketplaceCatalogClient catalog = catalog(keys(user.secretAccessKey()));
             MarketplaceAgreementClient agreements = MarketplaceAgreementClient.builder()
                     .endpointOverride(marketplace.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(keys(user.secretAccessKey())).build()) {
            List<String> products = catalog.listEntities(r -> r.catalog("AWSMarketplace").entityType("SaaSProduct"))
                    .entitySummaryList().stream().map(EntitySummary::entityId).toList();
            assertThat(products).contains(seed.products().get(MarketplaceSandbox.ProductType.SAAS));

            List<String> agreementIds = agreements.searchAgreementsPaginator(r -> r.catalog("AWSMarketplace").filters(
                    Filter.builder().name("PartyType").values("Proposer").build(),
                    Filter.builder().name("AgreementType").values("PurchaseAgreement").build()))
                    .stream().flatMap(page -> page.agreementViewSummaries().stream())
                    .map(AgreementViewSummary::agreementId).toList();
            assertThat(agreementIds).contains(seed.activeAgreementId());
        }
    }

    @Test
    void aWrongSecretIsRefusedAsAwsRefusesABadSignature() {
        try (MarketplaceCatalogClient catalog = catalog(keys(user.secretAccessKey() + "x"))) {
            assertThatThrownBy(() -> catalog.listEntities(r -> r.catalog("AWSMarketplace").entityType("SaaSProduct")))
                    .isInstanceOfSatisfying(MarketplaceCatalogException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        }
    }

    @Test
    void theIamUserAssumesTheSellersRoleWithoutRoleChainingAndUsesTheSession() {
        Credentials session;
        try (StsClient sts = StsClient.builder().endpointOverride(marketplace.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(keys(user.secretAccessKey())).build()) {
            // Two hours: more than role chaining allows, so this passes only for a user's keys.
            session = sts.assumeRole(r -> r.roleArn(SandboxMarketplace.roleArn(SandboxMarketplace.SELLER))
                    .roleSessionName("newcomer").durationSeconds(7200)).credentials();
        }
        assertThat(marketplace.startedSessions()).anySatisfy(s -> {
            assertThat(s.roleSessionName()).isEqualTo("newcomer");
            assertThat(s.chained()).isFalse();
        });
        try (MarketplaceCatalogClient catalog = catalog(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                session.accessKeyId(), session.secretAccessKey(), session.sessionToken())))) {
            assertThat(catalog.listEntities(r -> r.catalog("AWSMarketplace").entityType("SaaSProduct"))
                    .entitySummaryList()).isNotEmpty();
        }
    }

    @Test
    void theIamUserWritesAndReadsItsAccountsEulaBucketAndNoOtherAccounts() {
        String bucket = SandboxMarketplace.eulaBucket(SandboxMarketplace.SELLER);
        byte[] eula = "EULA uploaded with the IAM user's keys".getBytes(StandardCharsets.UTF_8);
        try (S3Client s3 = S3Client.builder().endpointOverride(SandboxMarketplace.s3().endpoint())
                .region(Region.US_EAST_1).forcePathStyle(true)
                // s3proxy cannot check the checksums the SDK sends by default (as in the connector's sandbox settings).
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(keys(SandboxMarketplace.sellerUser(),
                        SandboxMarketplace.sellerUser().secretAccessKey())).build()) {
            s3.putObject(b -> b.bucket(bucket).key("newcomer/eula.txt"), RequestBody.fromBytes(eula));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("newcomer/eula.txt")).asByteArray())
                    .isEqualTo(eula);
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(SandboxMarketplace.eulaBucket(
                    SandboxMarketplace.CHANNEL_PARTNER)).key("anything")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }
}
