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
    private static final String START = "aws-marketplace:StartChangeSet";
    private static final String CHANGE_TYPE = "catalog:ChangeType";
    private static final String CATALOG = "arn:aws:aws-marketplace:us-east-1:111122223333:AWSMarketplace/";
    /**
     * Not a change the connector sends: AWS's own managed policy for offer management allows it on any resource beside
     * Offer/* (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSMarketplaceSellerOfferManagement.html),
     * which suggests IAM asks for it when an offer is created on a product. The Catalog API reference does not say, so
     * the shipped policy allows it too: it creates an offer, it changes no product.
     */
    private static final String CREATE_OFFER_ON_PRODUCT = "CreateOfferOnProduct";
    private static final String WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";

    private final Set<String> needed = AwsOperationsCalled.iamActions(Path.of("src", "main", "java"),
            Path.of("routes"));
    private final Set<String> changeTypes = ChangeTypesSent.in(Path.of("src", "main", "java"));
    private final IamPolicy seller = IamPolicy.shipped("connector-seller-account-policy.json",
            Map.of("EULA_BUCKET", "acme-eulas"));

    @Test
    void theSourceCallsTheMarketplaceS3AndStsOperationsWeExpect() {
        // Guards the scan itself: if it stopped finding calls, the tests below would pass on an empty list.
        assertThat(needed).contains("aws-marketplace:StartChangeSet", "aws-marketplace:DescribeEntity",
                "aws-marketplace:SearchAgreements", "s3:PutObject", "s3:GetObject", "sts:AssumeRole",
                "sts:AssumeRoleWithWebIdentity");
    }

    @Test
    void theSourceSendsTheChangeTypesOfOffersReplacementsChannelPartnerOffersAndResaleAuthorizations() {
        // Guards the scan: if it stopped finding the builders' change types, the policy check would pass on none.
        assertThat(changeTypes).contains("CreateOffer", "CreateReplacementOffer", "CreateOfferUsingResaleAuthorization",
                "CreateReplacementOfferUsingResaleAuthorization", "CreateResaleAuthorization", "UpdateInformation",
                "UpdateAvailability", "UpdateMarkup", "ReleaseOffer", "ReleaseResaleAuthorization",
                "RestrictResaleAuthorization");
        assertThat(changeTypes).doesNotContain("CancelChangeSet", "Released", "CreatedDate");
    }

    @Test
    void theSellerAccountRoleMayStartExactlyTheChangeTypesTheCodeSends() throws IOException {
        Set<String> allowed = new TreeSet<>();
        Set<String> onAnyResource = new TreeSet<>();
        for (JsonNode statement : policy("connector-seller-account-policy.json").path("Statement")) {
            if (values(statement.path("Action")).contains(START)) {
                // Type "String" in the Service Authorization Reference: one change type per evaluation, so no set
                // operator (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsmarketplacecatalog.html,
                // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
                assertThat(statement.path("Condition").properties()).as(statement.path("Sid").asText())
                        .singleElement().satisfies(condition -> {
                            assertThat(condition.getKey()).isEqualTo("StringEquals");
                            assertThat(condition.getValue().properties()).singleElement()
                                    .satisfies(key -> assertThat(key.getKey()).isEqualTo(CHANGE_TYPE));
                        });
                List<String> types = values(statement.path("Condition").path("StringEquals").path(CHANGE_TYPE));
                allowed.addAll(types);
                if (values(statement.path("Resource")).contains("*")) {
                    onAnyResource.addAll(types);
                }
            }
        }

        Set<String> expected = new TreeSet<>(changeTypes);
        expected.add(CREATE_OFFER_ON_PRODUCT);
        assertThat(allowed).as("change types the policy allows vs. those in src/main/java")
                .containsExactlyInAnyOrderElementsOf(expected);
        // Only what creates an offer or an authorization goes beyond Offer/*, ResaleAuthorization/* and ChangeSet/*.
        assertThat(onAnyResource).allMatch(type -> type.startsWith("Create"));
    }

    @Test
    void theSellerAccountRoleStartsEveryChangeTheCodeSendsOnOffersAndResaleAuthorizations() {
        for (String type : changeTypes) {
            Map<String, List<String>> change = Map.of(CHANGE_TYPE, List.of(type));
            assertThat(seller.allowsWith(START, CATALOG + "Offer/offer-1a2b3c4d5e6f7", change)).as(type).isTrue();
            assertThat(seller.allowsWith(START, CATALOG + "ResaleAuthorization/resaleauthz-1a2b3c4d5e6f7", change))
                    .as(type).isTrue();
            assertThat(seller.allowsWith(START, CATALOG + "ChangeSet/4ue2v4x2n0n1xg4zh9kqjzn8c", change)).as(type)
                    .isTrue();
        }
        for (String create : List.of("CreateOffer", "CreateResaleAuthorization", CREATE_OFFER_ON_PRODUCT)) {
            assertThat(seller.allowsWith(START, CATALOG + "SaaSProduct/prod-1a2b3c4d5e6f7",
                    Map.of(CHANGE_TYPE, List.of(create)))).as(create + " from a product").isTrue();
        }
    }

    @Test
    void theSellerAccountRoleCannotChangeProductsOrAnythingWithoutAChangeType() {
        for (String product : List.of("SaaSProduct/prod-1a2b3c4d5e6f7", "AmiProduct/prod-7f6e5d4c3b2a1",
                "ContainerProduct/prod-0a0b0c0d0e0f0")) {
            for (String type : List.of("CreateProduct", "UpdateInformation", "AddDimensions", "UpdateDimensions",
                    "UpdateTargeting", "UpdateVisibility", "ReleaseProduct", "RestrictDimensions")) {
                assertThat(seller.allowsWith(START, CATALOG + product, Map.of(CHANGE_TYPE, List.of(type))))
                        .as(type + " on " + product).isFalse();
            }
        }
        for (String type : List.of("CreateProduct", "AddDimensions", "AddDeliveryOptions", "UpdateVisibility")) {
            assertThat(seller.allowsWith(START, CATALOG + "ChangeSet/4ue2v4x2n0n1xg4zh9kqjzn8c",
                    Map.of(CHANGE_TYPE, List.of(type)))).as(type + " as a change set").isFalse();
        }
        assertThat(seller.allowsWith(START, CATALOG + "Offer/offer-1a2b3c4d5e6f7", Map.of()))
                .as("no change type in the request").isFalse();
        assertThat(seller.allowsWith(START, CATALOG + "Experience/exp-1a2b3c4d5e6f7",
                Map.of(CHANGE_TYPE, List.of("UpdateInformation")))).as("a private marketplace").isFalse();
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
        // The administrator lists each seller account's role (admin guide, section 5): no account is implied.
        assertThat(values(identity.at("/Statement/0/Resource")))
                .containsExactly("arn:aws:iam::SELLER_ACCOUNT_ID:role/MarketplaceCrmConnector");
        assertThat(identity.path("Statement")).allSatisfy(statement ->
                assertThat(values(statement.path("Resource"))).noneMatch(r -> r.contains("*")));

        IamPolicy filled = IamPolicy.shipped("connector-identity-policy.json",
                Map.of("SELLER_ACCOUNT_ID", "111122223333"));
        assertThat(filled.allows("sts:AssumeRole", "arn:aws:iam::111122223333:role/MarketplaceCrmConnector", Map.of()))
                .isTrue();
        assertThat(filled.allows("sts:AssumeRole", "arn:aws:iam::999988887777:role/MarketplaceCrmConnector", Map.of()))
                .as("the same role name in an account nobody listed").isFalse();
        assertThat(filled.allows("sts:AssumeRole", "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole",
                Map.of())).as("another role of a listed account").isFalse();
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
        Map<String, String> aes256 = Map.of("s3:x-amz-server-side-encryption", "AES256");

        assertThat(seller.allows("s3:PutObject", "arn:aws:s3:::acme-eulas/eulas/1f.pdf", aes256)).isTrue();
        assertThat(seller.allows("s3:PutObject", "arn:aws:s3:::acme-eulas/eulas/1f.pdf", Map.of()))
                .as("unencrypted").isFalse();
        assertThat(seller.allows("s3:PutObject", "arn:aws:s3:::acme-eulas/eulas/1f.pdf",
                Map.of("s3:x-amz-server-side-encryption", "aws:kms"))).as("another encryption").isFalse();
        assertThat(seller.allows("s3:PutObject", "arn:aws:s3:::acme-eulas/backups/1f.pdf", aes256)).isFalse();
        assertThat(seller.allows("s3:GetObject", "arn:aws:s3:::acme-eulas/eulas/1f.pdf", Map.of())).isTrue();
        assertThat(seller.allows("s3:GetObject", "arn:aws:s3:::acme-payroll/eulas/1f.pdf", Map.of())).isFalse();
        assertThat(seller.allows("s3:DeleteObject", "arn:aws:s3:::acme-eulas/eulas/1f.pdf", Map.of())).isFalse();
    }

    /**
     * No code lists the bucket, and EulaStore reads a 403 on HeadObject as "not stored yet" (it then uploads), so it
     * does not need the 404 that s3:ListBucket would give for a missing key
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html): the role may not list, under eulas/ or
     * elsewhere.
     */
    @Test
    void theSellerAccountRoleCannotListTheBucketUnderEulasOrElsewhere() {
        for (Map<String, String> listing : List.of(Map.<String, String>of(), Map.of("s3:prefix", "eulas/"),
                Map.of("s3:prefix", "backups/"), Map.of("s3:prefix", ""))) {
            assertThat(seller.allows("s3:ListBucket", "arn:aws:s3:::acme-eulas", listing)).as("%s", listing).isFalse();
            assertThat(seller.allows("s3:ListBucket", "arn:aws:s3:::acme-payroll", listing)).as("%s", listing)
                    .isFalse();
        }
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
