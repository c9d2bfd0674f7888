package io.mpcrm.connector.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpcrm.connector.ConnectorApplication;
import io.mpcrm.connector.eula.EulaSettings;
import io.mpcrm.connector.offer.OfferExpiringSettings;
import io.mpcrm.connector.marketplace.AwsSettings;
import io.mpcrm.connector.marketplace.SellerAccounts;
import io.mpcrm.connector.request.RequestPolicy;
import io.mpcrm.connector.request.Schedules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * An administrator deploys config/examples/application-production.yaml with one mistake; the connector does not
 * start, and the log says which setting is wrong and why, without a stack trace. The start goes through
 * SpringApplication, so Spring Boot's failure analysis reports it exactly as on a real start.
 */
@ExtendWith(OutputCaptureExtension.class)
class WrongSettingsStopTheStartTest {

    /** The environment the example reads its two secrets from (the chart maps them from the Salesforce Secret). */
    private static final Path EXAMPLE = Path.of("config", "examples", "application-production.yaml");
    private static final Map<String, Object> ENVIRONMENT = Map.of("SF_CLIENT_ID", "3MVG9example",
            "SF_KEY_STORE_PASSWORD", "example-password");

    @Test
    void theProductionExampleBindsAndValidates() {
        try (ConfigurableApplicationContext started = start(Map.of())) {
            SellerAccounts accounts = started.getBean(SellerAccounts.class);
            assertThat(accounts.sellerAccounts()).extracting(a -> a.accountId())
                    .containsExactly("111122223333", "210987654321");
            assertThat(accounts.find("210987654321").orElseThrow().eulaBucket())
                    .isEqualTo("acme-marketplace-eulas-210987654321");
            assertThat(started.getBean(Schedules.class).schedules()).hasSize(5)
                    .allSatisfy(s -> assertThat(QuartzCron.Check.problem(s.cron())).isNull());
            SalesforceLogin login = started.getBean(SalesforceLogin.class);
            assertThat(login.authenticationType()).isEqualTo("JWT");
            assertThat(login.clientId()).isEqualTo("3MVG9example");
            assertThat(login.userName()).isEqualTo("marketplace-connector@acme.example");
            assertThat(started.getBean(OfferExpiringSettings.class).withinDays()).isEqualTo(14);
            assertThat(started.getBean(RequestPolicy.class).maxAttempts()).as("default from application.yaml")
                    .isEqualTo(5);
        }
    }

    @Test
    void anAccountIdThatIsNotTwelveDigitsIsNamed(CapturedOutput output) {
        assertStartRefused(output, edited("- account-id: \"210987654321\"", "- account-id: \"21098765432\""),
                "connector.seller-accounts[1].account-id = \"21098765432\": must be a 12-digit AWS account id");
    }

    @Test
    void aMissingRoleArnIsNamed(CapturedOutput output) {
        assertStartRefused(output, edited("  role-arn: arn:aws:iam::111122223333:role/MarketplaceCrmConnector\n", "\n"),
                "connector.seller-accounts[0].role-arn: is missing: give the ARN of the IAM role");
    }

    @Test
    void aRoleArnThatIsNoArnIsNamed(CapturedOutput output) {
        assertStartRefused(output, edited("arn:aws:iam::210987654321:role/MarketplaceCrmConnector",
                        "MarketplaceCrmConnector"),
                "connector.seller-accounts[1].role-arn = \"MarketplaceCrmConnector\": is not an IAM role ARN: write"
                        + " arn:aws:iam::<account-id>:role/<role name>");
    }

    @Test
    void aRoleInAnotherAccountIsNamed(CapturedOutput output) {
        assertStartRefused(output, edited("arn:aws:iam::210987654321:role/MarketplaceCrmConnector",
                        "arn:aws:iam::111122223333:role/MarketplaceCrmConnector"),
                "connector.seller-accounts[1].role-arn = \"arn:aws:iam::111122223333:role/MarketplaceCrmConnector\":"
                        + " role-arn must be a role in the seller account itself (arn:aws:iam::210987654321:role/...),"
                        + " not in account 111122223333");
    }

    @Test
    void aScheduleForAnAccountTheConnectorDoesNotActForIsNamed(CapturedOutput output) {
        assertStartRefused(output, edited("seller-account: \"210987654321\"\n      cron: \"0 10 3 * * ?\"",
                        "seller-account: \"444455556666\"\n      cron: \"0 10 3 * * ?\""),
                "connector.schedules[1].seller-account = \"444455556666\": is not one of connector.seller-accounts"
                        + " (111122223333, 210987654321): add the account there, or correct the schedule");
    }

    @Test
    void aScheduleThatIsNoCronExpressionIsNamed(CapturedOutput output) {
        assertStartRefused(output, edited("cron: \"0 15 * * * ?\"", "cron: \"every hour\""),
                "connector.schedules[2].cron = \"every hour\": is not a Quartz cron expression");
    }

    @Test
    void aFiveFieldUnixCronIsNamed(CapturedOutput output) {
        assertStartRefused(output, Map.of("connector.domain-events.offer-expiring.cron", "0 7 * * *"),
                "connector.domain-events.offer-expiring.cron = \"0 7 * * *\": is not a Quartz cron expression");
    }

    @Test
    void aMissingSalesforceLoginIsNamed(CapturedOutput output) {
        assertStartRefused(output, Map.of("camel.component.salesforce.login-url", "",
                        "camel.component.salesforce.user-name", ""),
                "camel.component.salesforce.login-url = \"\": is missing: give the org's login URL",
                "camel.component.salesforce.user-name = \"\": is missing: the JWT login needs the integration user's"
                        + " user name");
    }

    @Test
    void anUnsetEnvironmentVariableIsNamed(CapturedOutput output) {
        Map<String, Object> environment = new LinkedHashMap<>(ENVIRONMENT);
        environment.remove("SF_CLIENT_ID");
        assertThatThrownBy(() -> start(Map.of(), environment).close()).isNotNull();
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("camel.component.salesforce.client-id = \"${SF_CLIENT_ID}\": refers to ${SF_CLIENT_ID}, which"
                        + " is not set: set the environment variable SF_CLIENT_ID");
    }

    @Test
    void aDurationInWordsIsNamed(CapturedOutput output) {
        assertStartRefused(output, Map.of("connector.requests.retry-base-delay", "30 seconds"),
                "connector.requests.retry-base-delay = \"30 seconds\": cannot be read as a Duration: write a duration"
                        + " such as 500ms, 30s, 10m, 6h or 1d");
    }

    @Test
    void retriesThatWouldNeverRunARequestAreNamed(CapturedOutput output) {
        assertStartRefused(output, Map.of("connector.requests.max-attempts", "0",
                        "connector.requests.sweep-batch-size", "0", "connector.requests.retry-max-delay", "10s"),
                "connector.requests.max-attempts = \"0\": must be at least 1: every request is attempted once",
                "connector.requests.sweep-batch-size = \"0\": must be at least 1, or no waiting request is ever"
                        + " swept up",
                "connector.requests.retry-max-delay = \"10s\": must be at least retry-base-delay (30s)");
    }

    @Test
    void aSessionLongerThanRoleChainingAllowsIsNamed(CapturedOutput output) {
        assertStartRefused(output, Map.of("connector.aws.session-duration", "2h"),
                "connector.aws.session-duration = \"2h\": must be between 15m and 1h: the connector assumes the seller"
                        + " accounts' roles from its own identity, on EKS a role session, and AWS gives a role assumed"
                        + " from a role session (role chaining) one hour at most");
    }

    @Test
    void aSecretIsNamedButNotShown(CapturedOutput output) {
        assertStartRefused(output, Map.of("camel.component.salesforce.authentication-type", "CLIENT_CREDENTIALS",
                        "camel.component.salesforce.client-secret", ""),
                "camel.component.salesforce.client-secret: is missing: the client-credentials login needs");
    }

    @Test
    void theConnectorItselfStopsAtStartOnAWrongSettingBeforeItCallsAnything(CapturedOutput output) {
        Path example = edited("- account-id: \"210987654321\"", "- account-id: \"2109-8765-4321\"");
        Map<String, Object> properties = new LinkedHashMap<>(ENVIRONMENT);
        properties.put("spring.config.location", "file:config/application.yaml,file:" + example);
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("connector.leader-election.enabled", "false");

        assertStartRefused(output, () -> new SpringApplicationBuilder(ConnectorApplication.class)
                        .properties(properties).run(),
                "connector.seller-accounts[1].account-id = \"2109-8765-4321\": must be a 12-digit AWS account id");
        assertThat(output.getOut()).as("Camel never started").doesNotContain("Apache Camel 4.17.0 (marketplace-crm"
                + "-connector) started");
    }

    private void assertStartRefused(CapturedOutput output, Map<String, Object> mistake, String... messages) {
        assertStartRefused(output, () -> start(mistake), messages);
    }

    private void assertStartRefused(CapturedOutput output, Path example, String... messages) {
        assertStartRefused(output, () -> start(Map.of(), ENVIRONMENT, example), messages);
    }

    private void assertStartRefused(CapturedOutput output, Supplier<ConfigurableApplicationContext> start,
                                    String... messages) {
        assertThatThrownBy(() -> start.get().close()).isNotNull();
        String log = output.getOut() + output.getErr();
        assertThat(log).contains("APPLICATION FAILED TO START")
                .contains("The connector's configuration is wrong, so it did not start:")
                .contains(messages)
                .contains("config/application.yaml documents every setting");
        assertThat(log).as("no stack trace").doesNotContain("\tat org.springframework");
    }

    private static ConfigurableApplicationContext start(Map<String, Object> mistake) {
        return start(mistake, ENVIRONMENT);
    }

    private static ConfigurableApplicationContext start(Map<String, Object> mistake, Map<String, Object> environment) {
        return start(mistake, environment, EXAMPLE);
    }

    /**
     * The example with one line changed, as an administrator would edit their copy (a list such as
     * seller-accounts is read from one file as a whole, so a list entry cannot be overridden on its own).
     */
    private Path edited(String line, String mistake) {
        try {
            String example = Files.readString(EXAMPLE);
            assertThat(example).contains(line);
            Path copy = Files.createTempFile("application-production", ".yaml");
            Files.writeString(copy, example.replace(line, mistake));
            copy.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> mistake, Map<String, Object> environment,
                                                        Path example) {
        Map<String, Object> properties = new LinkedHashMap<>(mistake);
        properties.put("spring.config.location", "file:config/application.yaml,file:" + example);
        return new SpringApplicationBuilder(Settings.class).web(WebApplicationType.NONE)
                .properties(environment).run(properties.entrySet().stream()
                        .map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
    }

    /** The connector's settings, bound and validated as in the application, without the rest of it. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ValidationAutoConfiguration.class)
    @EnableConfigurationProperties({SellerAccounts.class, Schedules.class, SalesforceLogin.class, RequestPolicy.class,
            AwsSettings.class, EulaSettings.class, OfferExpiringSettings.class})
    static class Settings {
    }
}
