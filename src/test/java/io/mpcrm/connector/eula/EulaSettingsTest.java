package io.mpcrm.connector.eula;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** How long a presigned EULA URL works, and how long the assumed-role session that signs it lasts. */
class EulaSettingsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void theSigningSessionOutlastsTheUrlByAMinute() {
        runner.withPropertyValues("connector.eula.url-validity=6h").run(context -> {
            EulaSettings settings = context.getBean(EulaSettings.class);
            assertThat(settings.urlValidity()).isEqualTo(Duration.ofHours(6));
            assertThat(settings.signingSession()).isEqualTo(Duration.ofHours(6).plusMinutes(1));
        });
    }

    @Test
    void aShortUrlIsStillSignedByTheShortestSessionStsGrants() {
        runner.withPropertyValues("connector.eula.url-validity=5m").run(context ->
                assertThat(context.getBean(EulaSettings.class).signingSession()).isEqualTo(Duration.ofMinutes(15)));
    }

    @Test
    void aValidityNoAssumedRoleSessionCanCoverIsRefusedAtStart() {
        runner.withPropertyValues("connector.eula.url-validity=7d").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("url-validity must be between 1s"
                        + " and 11h59m").hasMessageContaining("MaxSessionDuration"));
    }

    @Configuration
    @EnableConfigurationProperties(EulaSettings.class)
    static class Bind {
    }
}
