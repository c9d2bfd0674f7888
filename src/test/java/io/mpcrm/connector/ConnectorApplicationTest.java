package io.mpcrm.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * The auto-configurations the connector excludes by name are ones its starters still bring. Spring Boot ignores an
 * excluded name that is not on the class path, so without this a starter left out of the pom would leave a dead line
 * behind in {@link ConnectorApplication}.
 */
class ConnectorApplicationTest {

    @Test
    void everyExcludedNameIsAnAutoConfigurationOnTheClassPath() {
        List<String> candidates = new ArrayList<>();
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(candidates::add);
        String[] excluded = ConnectorApplication.class.getAnnotation(SpringBootApplication.class).excludeName();

        assertThat(excluded).isNotEmpty().doesNotHaveDuplicates();
        assertThat(candidates).as("auto-configurations the class path declares").containsAll(List.of(excluded));
    }

    @Test
    void noCamelComponentIsExcludedSinceThePomChoosesTheComponentStarters() {
        String[] excluded = ConnectorApplication.class.getAnnotation(SpringBootApplication.class).excludeName();

        assertThat(excluded).noneMatch(name -> name.startsWith("org.apache.camel.component."));
    }
}
