package io.mpcrm.connector.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpcrm.connector.image.Dockerfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The image build makes its class data sharing archive by starting the connector once, with only
 * config/application.yaml and the training run's own arguments. The connector refuses to start without a Salesforce
 * login; if the training run gave none, the image would not build.
 */
class ImageTrainingRunTest {

    @Test
    void theDockerfilesTrainingRunArgumentsPassTheSettingsChecks() {
        try (ConfigurableApplicationContext started = start(Dockerfile.trainingRunArguments())) {
            assertThat(started.getBean(SalesforceLogin.class).clientId()).isEqualTo("image-training-run");
        }
    }

    @Test
    void withoutThemTheTrainingRunWouldStop() {
        List<String> withoutLogin = Dockerfile.trainingRunArguments().stream()
                .filter(a -> !a.startsWith("--camel.component.salesforce.")).toList();
        assertThat(withoutLogin).as("the port arguments stay").isNotEmpty();
        assertThatThrownBy(() -> start(withoutLogin).close()).hasStackTraceContaining("SalesforceLogin");
    }

    private static ConfigurableApplicationContext start(List<String> trainingArguments) {
        List<String> args = new ArrayList<>(trainingArguments);
        args.add("--spring.config.location=file:config/application.yaml");
        return new SpringApplicationBuilder(WrongSettingsStopTheStartTest.Settings.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }
}
