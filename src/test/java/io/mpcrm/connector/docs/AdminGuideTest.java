package io.mpcrm.connector.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The admin guide keeps up with what an administrator installs: every permission set in salesforce/force-app, every
 * IAM policy in config/iam/, every value of the Helm chart. The README leads to both guides.
 */
class AdminGuideTest {

    private static final Guide GUIDE = Guide.read(Path.of("docs", "admin-guide.md"));
    private static final Path VALUES = Path.of("helm", "marketplace-crm-connector", "values.yaml");
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^([A-Za-z][A-Za-z0-9]*):");

    @Test
    void everyPermissionSetIsAssignedToSomeone() {
        String section = String.join("\n", GUIDE.section("3. Assign the permission sets"));
        List<String> permissionSets = ForceAppSource.permissionSets();

        assertThat(permissionSets).isNotEmpty();
        assertThat(permissionSets.stream().filter(name -> !section.contains("`" + name + "`")))
                .as("permission sets not explained in \"3. Assign the permission sets\"").isEmpty();
    }

    /**
     * The Salesforce install ends with every flow active, also in production, where flows deploy inactive by default:
     * the counts the guide gives match the flows in salesforce/force-app, and so does what it says ships Draft.
     */
    @Test
    void theSalesforceInstallEndsWithEveryFlowOfTheProjectActive() throws IOException {
        String section = String.join("\n", GUIDE.section("1. Deploy the Salesforce metadata"));
        List<String> flows;
        try (Stream<Path> files = Files.list(ForceAppSource.DEFAULT.resolve("flows"))) {
            flows = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".flow-meta.xml")).sorted().toList();
        }
        long actions = flows.stream().filter(n -> n.startsWith("Marketplace_Action_")).count();
        List<String> screenFlows = new java.util.ArrayList<>();
        List<String> drafts = new java.util.ArrayList<>();
        for (String flow : flows) {
            String xml = Files.readString(ForceAppSource.DEFAULT.resolve("flows").resolve(flow));
            if (xml.contains("<processType>Flow</processType>")) {
                screenFlows.add(flow);
            }
            if (xml.contains("<status>Draft</status>")) {
                drafts.add(flow.replace(".flow-meta.xml", ""));
            }
        }

        assertThat(section).contains("That is " + flows.size() + " flows: " + actions + " `Marketplace_Action_*`",
                "The " + screenFlows.size() + " screen flows", "Expect " + flows.size() + " records",
                "sf data query --use-tooling-api", "FROM FlowDefinition", "Node.js 22 or later");
        assertThat(drafts).containsExactly("Marketplace_Request_Publish_Event");
        assertThat(section).contains("`" + drafts.get(0) + "` ships as Draft", "Setup > Flows > *Marketplace Request: Publish Event*");
    }

    @Test
    void everyIamPolicyIsPutWhereItBelongs() throws IOException {
        String section = String.join("\n", GUIDE.section("5. Give the connector access to each seller account"));
        List<String> policies;
        try (Stream<Path> files = Files.list(Path.of("config", "iam"))) {
            policies = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }

        assertThat(policies).isNotEmpty();
        assertThat(policies.stream().filter(policy -> !section.contains("`" + policy + "`")))
                .as("IAM policies in config/iam/ not explained in section 5").isEmpty();
    }

    @Test
    void everyChartValueIsInTheValuesTable() throws IOException {
        List<String> rows = GUIDE.section("8. Install with Helm").stream().filter(line -> line.startsWith("| `"))
                .toList();
        List<String> values = Files.readAllLines(VALUES).stream().map(TOP_LEVEL_KEY::matcher)
                .filter(Matcher::find).map(key -> key.group(1)).toList();

        assertThat(values).contains("replicaCount", "sellerAccounts", "salesforce");
        assertThat(values.stream().filter(value -> rows.stream()
                        .noneMatch(row -> row.contains("`" + value + "`") || row.contains("`" + value + "."))))
                .as("chart values without a row in the values table of \"8. Install with Helm\"").isEmpty();
    }

    @Test
    void theReadmeLeadsToBothGuides() {
        Guide readme = Guide.read(Path.of("README.md"));

        assertThat(readme.links()).contains("docs/admin-guide.md", "docs/user-guide.md");
        assertThat(readme.brokenLinks()).isEmpty();
    }

    @Test
    void itsLinksLeadSomewhereAndItsLinesFitTheScreen() {
        assertThat(GUIDE.brokenLinks()).isEmpty();
        assertThat(GUIDE.longLines()).as("lines longer than " + Guide.MAX_LINE + " characters").isEmpty();
    }
}
