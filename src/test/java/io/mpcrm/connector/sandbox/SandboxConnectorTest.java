package io.mpcrm.connector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the sandbox run prints for a newcomer: every endpoint and credential in one column, a readiness line a script
 * can wait for, and settings for every port, each of them in the admin guide.
 */
class SandboxConnectorTest {

    private static final Pattern SANDBOX_SETTING = Pattern.compile("\"(sandbox\\.[a-z0-9.-]+)\"");

    private final SandboxOrg org = SandboxSalesforce.org();
    private final Path ca = Path.of("target/sandbox/sandbox-ca.pem").toAbsolutePath();

    @Test
    void theBannerNamesEveryEndpointAndCredentialInOneColumn() {
        SandboxSeed seed = new SandboxSeed(org.integrationUserId(), "a00000000000001AAA", "a00000000000002AAA",
                "a06000000000003AAA", "a04000000000004AAA", "a0B000000000005AAA");
        String banner = SandboxConnector.banner(org, seed, ca);
        SandboxMarketplace.UserKeys keys = SandboxMarketplace.sellerUser();

        assertThat(banner).contains(org.loginUrl(), org.clientId(), org.clientSecret(), org.orgId(),
                SandboxSalesforce.pubsub().host() + ":" + SandboxSalesforce.pubsub().port(), ca.toString(),
                SandboxMarketplace.marketplace().endpoint().toString(), SandboxMarketplace.s3().endpoint().toString(),
                "AWS_ACCESS_KEY_ID=" + keys.accessKeyId(), "AWS_SECRET_ACCESS_KEY=" + keys.secretAccessKey(),
                "AWS_DEFAULT_REGION=us-east-1", SandboxMarketplace.roleArn(SandboxMarketplace.SELLER));
        List<String> rows = banner.lines().filter(l -> !l.isBlank() && !l.startsWith("====")).toList();
        assertThat(rows).hasSizeGreaterThan(10).allSatisfy(row -> {
            assertThat(row.charAt(27)).as(row).isEqualTo(' ');
            assertThat(row.charAt(28)).as(row).isNotEqualTo(' ');
        });
    }

    @Test
    void theReadyLineIsOneLineNamingEveryEndpoint() {
        String ready = SandboxConnector.readyLine(org, ca, "8080");
        assertThat(ready).startsWith("sandbox ready: ").doesNotContain("\n").contains(org.loginUrl(),
                SandboxSalesforce.pubsub().host() + ":" + SandboxSalesforce.pubsub().port(),
                SandboxMarketplace.marketplace().endpoint().toString(), SandboxMarketplace.s3().endpoint().toString(),
                ca.toString(), "http://localhost:8080");
    }

    @Test
    void everySandboxSettingIsDocumentedInTheAdminGuidesTryItSection() throws IOException {
        Set<String> settings = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/java/io/mpcrm/connector/sandbox"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = SANDBOX_SETTING.matcher(Files.readString(file));
                while (m.find()) {
                    if (m.group(1).endsWith(".port") || m.group(1).endsWith("-file")) {
                        settings.add(m.group(1));
                    }
                }
            }
        }
        String guide = Files.readString(Path.of("docs/admin-guide.md"));
        String section = guide.substring(guide.indexOf("## Try it on the sandbox"));
        assertThat(settings).contains("sandbox.salesforce.port", "sandbox.pubsub.port", "sandbox.marketplace.port",
                "sandbox.s3.port", "sandbox.ca-file");
        assertThat(settings).allSatisfy(setting -> assertThat(section).as(setting).contains("`" + setting + "`"));
    }
}
