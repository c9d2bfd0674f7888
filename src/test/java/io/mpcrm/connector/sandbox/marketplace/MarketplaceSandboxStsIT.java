package io.mpcrm.connector.sandbox.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The sandbox's STS as the real SDK meets it: long-term keys assume a role for as long as its MaxSessionDuration
 * allows, a role session assuming a role (role chaining) gets one hour at most, and a web identity token (what EKS
 * projects into a pod for IAM roles for service accounts) gets a role session that is not chained.
 */
class MarketplaceSandboxStsIT {

    static final String CONNECTOR = "246813579024";
    static final String SELLER = "111122223333";
    static final String UNTRUSTING = "555566667777";
    static final Duration SIX_HOURS_AND_A_MINUTE = Duration.ofHours(6).plusMinutes(1);

    static MarketplaceSandbox sandbox;
    static StsClient base;
    static StsClient anonymous;
    static String token;

    @BeforeAll
    static void start() {
        sandbox = MarketplaceSandbox.start();
        for (String account : new String[] {CONNECTOR, SELLER, UNTRUSTING}) {
            sandbox.addAccount(account);
        }
        String akid = "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        String secret = UUID.randomUUID() + "/" + UUID.randomUUID();
        sandbox.registerBaseCredentials(akid, secret);
        base = sts(AwsBasicCredentials.create(akid, secret));
        token = "eyJ" + UUID.randomUUID().toString().replace("-", "");
        sandbox.registerWebIdentityToken(token, "system:serviceaccount:marketplace:marketplace-crm-connector");
        sandbox.trustWebIdentity(CONNECTOR);
        sandbox.trustWebIdentity(SELLER);
        anonymous = StsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    @AfterAll
    static void stop() {
        base.close();
        anonymous.close();
        sandbox.close();
    }

    @Test
    void longTermKeysAssumeARoleForAsLongAsItsMaxSessionDurationAllows() {
        Credentials session = base.assumeRole(r -> r.roleArn(role(SELLER)).roleSessionName("signing")
                .durationSeconds((int) SIX_HOURS_AND_A_MINUTE.toSeconds())).credentials();

        assertThat(session.expiration()).isAfter(Instant.now().plus(Duration.ofHours(6)));
    }

    @Test
    void aRoleSessionThatAssumesARoleGetsOneHourAtMostWhateverTheRolesMaxSessionDuration() {
        Credentials connector = base.assumeRole(r -> r.roleArn(role(CONNECTOR)).roleSessionName("pod")).credentials();

        try (StsClient chained = sts(session(connector))) {
            assertThat(chained.assumeRole(r -> r.roleArn(role(SELLER)).roleSessionName("clients")
                    .durationSeconds(3600)).credentials().expiration())
                    .isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofHours(1)));
            // AWS's answer, word for word (see MarketplaceSandbox#assumeRole for the sources).
            assertThatThrownBy(() -> chained.assumeRole(r -> r.roleArn(role(SELLER)).roleSessionName("signing")
                    .durationSeconds((int) SIX_HOURS_AND_A_MINUTE.toSeconds())))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The requested DurationSeconds"
                                + " exceeds the 1 hour session limit for roles assumed by role chaining.");
                    });
            assertThatThrownBy(() -> chained.assumeRole(r -> r.roleArn(role(SELLER)).roleSessionName("signing")
                    .durationSeconds(3601))).isInstanceOf(StsException.class).hasMessageContaining("role chaining");
        }
    }

    @Test
    void aWebIdentityTokenGivesASessionThatIsNotChainedButWhateverItAssumesIs() {
        int before = sandbox.webIdentitySessions();

        Credentials signing = anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(role(SELLER))
                .roleSessionName("signing").webIdentityToken(token)
                .durationSeconds((int) SIX_HOURS_AND_A_MINUTE.toSeconds())).credentials();

        assertThat(signing.expiration()).isAfter(Instant.now().plus(Duration.ofHours(6)));
        assertThat(sandbox.webIdentitySessions()).isEqualTo(before + 1);
        assertThat(sandbox.issuedCredentials(signing.accessKeyId())).hasValueSatisfying(issued ->
                assertThat(issued.accountId()).isEqualTo(SELLER));
        try (StsClient chained = sts(session(signing))) {
            assertThatThrownBy(() -> chained.assumeRole(r -> r.roleArn(role(SELLER)).roleSessionName("again")
                    .durationSeconds(7200))).isInstanceOfSatisfying(StsException.class, e ->
                    assertThat(e.awsErrorDetails().errorMessage()).contains("role chaining"));
        }
    }

    @Test
    void aWebIdentitySessionStillEndsAtTheRolesMaxSessionDuration() {
        sandbox.setMaxSessionDuration(Duration.ofHours(1));
        try {
            assertThatThrownBy(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(role(SELLER))
                    .roleSessionName("signing").webIdentityToken(token).durationSeconds(3601)))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
                    });
        } finally {
            sandbox.setMaxSessionDuration(Duration.ofHours(12));
        }
    }

    @Test
    void aTokenNobodyIssuedOrARoleThatDoesNotTrustTheProviderIsRefused() {
        assertThatThrownBy(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(role(SELLER))
                .roleSessionName("signing").webIdentityToken("eyJforged")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
                });
        assertThatThrownBy(() -> anonymous.assumeRoleWithWebIdentity(r -> r.roleArn(role(UNTRUSTING))
                .roleSessionName("signing").webIdentityToken(token)))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Not authorized to perform sts:AssumeRoleWithWebIdentity");
                });
    }

    private static String role(String account) {
        return "arn:aws:iam::" + account + ":role/MarketplaceCrmConnector";
    }

    private static AwsSessionCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    private static StsClient sts(AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }
}
