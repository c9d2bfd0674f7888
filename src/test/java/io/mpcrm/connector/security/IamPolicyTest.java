package io.mpcrm.connector.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The IAM policies shipped in {@code config/iam/} allow exactly what the connector's code calls: an administrator who
 * applies them gives the connector nothing more, and the connector never meets an AccessDenied of its own making.
 */
class IamPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path IAM = Path.of("config", "iam");
    private static final String EULA_BUCKET = "arn:aws:s3:::EULA_BUCKET";
    private static final String WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";

    private final Set<String> needed = AwsOperationsCalled.iamActions(Path.of("src", "main", "java"));

    @Test
    void theSourceCallsTheMarketplaceS3AndStsOperationsWeExpect() {
        // Guards the scan itself: if it stopped finding calls, the tests below would pass on an empty list.
        assertThat(needed).contains("aws-marketplace:StartChangeSet", "aws-marketplace:DescribeEntity",
                "aws-marketplace:SearchAgreements", "s3:PutObject", "s3:GetObject", "sts:AssumeRole",
                "sts:AssumeRoleWithWebIdentity");
    }

    @Test
    void theSellerAccountRoleMayDoExactlyWhatTheCodeCallsInMarketplaceAndS3() throws IOException {
        JsonNode policy = policy("connector-seller-account-policy.json");
        Set<String> neededInSellerAccount = new TreeSet<>(needed);
        neededInSellerAccount.removeIf(a -> a.startsWith("sts:"));

        assertThat(actions(policy)).containsExactlyInAnyOrderElementsOf(neededInSellerAccount);
        assertThat(policy.path("Statement")).allSatisfy(s -> assertThat(s.path("Effect").asText()).isEqualTo("Allow"));
    }

    @Test
    void theSellerAccountRoleReachesTheEulaBucketAloneAndWritesOnlyEncryptedObjectsUnderEulas() throws IOException {
        JsonNode policy = policy("connector-seller-account-policy.json");

        for (JsonNode statement : policy.path("Statement")) {
            List<String> actions = values(statement.path("Action"));
            List<String> resources = values(statement.path("Resource"));
            if (actions.stream().anyMatch(a -> a.startsWith("s3:"))) {
                assertThat(actions).as(statement.path("Sid").asText()).allMatch(a -> a.startsWith("s3:"));
                assertThat(resources).as(statement.path("Sid").asText())
                        .allMatch(r -> r.equals(EULA_BUCKET) || r.equals(EULA_BUCKET + "/eulas/*"));
            } else {
                assertThat(actions).allMatch(a -> a.startsWith("aws-marketplace:"));
            }
            if (actions.contains("s3:ListBucket")) {
                assertThat(resources).containsExactly(EULA_BUCKET);
            }
            if (actions.contains("s3:PutObject")) {
                assertThat(statement.at("/Condition/StringEquals/s3:x-amz-server-side-encryption").asText())
                        .isEqualTo("AES256");
            }
        }
    }

    @Test
    void theConnectorsOwnIdentityMayOnlyAssumeTheSellerAccountRoles() throws IOException {
        JsonNode identity = policy("connector-identity-policy.json");
        Set<String> neededForItself = new TreeSet<>(needed);
        neededForItself.removeIf(a -> !a.startsWith("sts:"));
        // AssumeRoleWithWebIdentity is called without credentials: only the role's trust policy authorizes it.
        neededForItself.remove(WEB_IDENTITY);

        assertThat(actions(identity)).containsExactlyInAnyOrderElementsOf(neededForItself);
        assertThat(values(identity.at("/Statement/0/Resource")))
                .containsExactly("arn:aws:iam::*:role/MarketplaceCrmConnector");
    }

    @Test
    void theSellerAccountRoleTrustsTheConnectorAloneUnderTheSessionNamesItUses() throws IOException {
        JsonNode trust = policy("connector-seller-account-trust-policy.json");
        Set<String> neededInTrust = new TreeSet<>(needed);
        neededInTrust.removeIf(a -> !a.startsWith("sts:"));

        assertThat(actions(trust)).containsExactlyInAnyOrderElementsOf(neededInTrust);
        assertThat(trust.at("/Statement/0/Action").asText()).isEqualTo("sts:AssumeRole");
        assertThat(trust.at("/Statement/0/Principal/AWS").asText())
                .isEqualTo("arn:aws:iam::CONNECTOR_ACCOUNT_ID:role/CONNECTOR_IDENTITY_ROLE");
        assertThat(values(trust.at("/Statement/0/Condition/StringEquals/sts:RoleSessionName")))
                .containsExactlyInAnyOrderElementsOf(sessionNamesInTheCode());
    }

    @Test
    void theSellerAccountRoleTrustsTheConnectorsServiceAccountTokenAloneToSignEulaLinks() throws IOException {
        // The session that signs a custom EULA's link is started from the pod's token (IAM roles for service
        // accounts): it cannot be a role chained from the connector's own session, which AWS caps at one hour.
        JsonNode web = policy("connector-seller-account-trust-policy.json").at("/Statement/1");

        assertThat(web.path("Action").asText()).isEqualTo(WEB_IDENTITY);
        assertThat(web.at("/Principal/Federated").asText())
                .isEqualTo("arn:aws:iam::SELLER_ACCOUNT_ID:oidc-provider/OIDC_PROVIDER");
        // https://docs.aws.amazon.com/eks/latest/userguide/cross-account-access.html: without a sub condition any
        // service account of the cluster could assume the role.
        assertThat(web.at("/Condition/StringEquals")).hasSize(2);
        assertThat(web.at("/Condition/StringEquals").path("OIDC_PROVIDER:sub").asText())
                .isEqualTo("system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT");
        assertThat(web.at("/Condition/StringEquals").path("OIDC_PROVIDER:aud").asText())
                .isEqualTo("sts.amazonaws.com");
    }

    @Test
    void theSellerAccountRoleWritesOnlyEncryptedEulasAndReadsNothingElseOfTheBucketOrAnyOther() {
        IamPolicy seller = IamPolicy.shipped("connector-seller-account-policy.json",
                Map.of("EULA_BUCKET", "acme-eulas"));
        Map<String, String> aes256 = Map.of("s3:x-amz-server-side-encryption", "AES256");

        assertThat(seller.allows("s3:PutObject", "arn:aws:s3:::acme-eulas/eulas/1f.pdf", aes256)).isTrue();
        assertThat(seller.allows("s3:PutObject", "arn:aws:s3:::acme-eulas/eulas/1f.pdf", Map.of()))
                .as("unencrypted").isFalse();
        assertThat(seller.allows("s3:PutObject", "arn:aws:s3:::acme-eulas/eulas/1f.pdf",
                Map.of("s3:x-amz-server-side-encryption", "aws:kms"))).as("another encryption").isFalse();
        assertThat(seller.allows("s3:PutObject", "arn:aws:s3:::acme-eulas/backups/1f.pdf", aes256)).isFalse();
        assertThat(seller.allows("s3:GetObject", "arn:aws:s3:::acme-eulas/eulas/1f.pdf", Map.of())).isTrue();
        assertThat(seller.allows("s3:GetObject", "arn:aws:s3:::acme-payroll/eulas/1f.pdf", Map.of())).isFalse();
        assertThat(seller.allows("s3:ListBucket", "arn:aws:s3:::acme-eulas", Map.of())).isTrue();
        assertThat(seller.allows("s3:DeleteObject", "arn:aws:s3:::acme-eulas/eulas/1f.pdf", Map.of())).isFalse();
    }

    /** The RoleSessionName literals the code passes to AssumeRole. */
    private static Set<String> sessionNamesInTheCode() throws IOException {
        String clients = java.nio.file.Files.readString(Path.of("src", "main", "java", "io", "mpcrm", "connector",
                "marketplace", "SellerAccountClients.java"));
        Set<String> names = new TreeSet<>();
        var m = java.util.regex.Pattern.compile("roleSessionName\\(\"([^\"]+)\"\\)").matcher(clients);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).as("session names found in SellerAccountClients").isNotEmpty();
        return names;
    }

    private static JsonNode policy(String file) throws IOException {
        JsonNode policy = JSON.readTree(IAM.resolve(file).toFile());
        assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
        return policy;
    }

    private static Set<String> actions(JsonNode policy) {
        Set<String> actions = new TreeSet<>();
        policy.path("Statement").forEach(s -> actions.addAll(values(s.path("Action"))));
        assertThat(actions).as("no wildcard actions").noneMatch(a -> a.contains("*"));
        return actions;
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        } else if (!node.isMissingNode()) {
            values.add(node.asText());
        }
        return values;
    }
}
