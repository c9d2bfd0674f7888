package io.mpcrm.connector.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.ConnectorApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jar the build packages (and the Dockerfile copies) starts the connector, whatever profile built it: a profile
 * changes what spring-boot:run or spring-boot:test-run starts, never what is built. Failsafe runs this after the
 * package phase, on the jar of that same build.
 */
class PackagedJarIT {

    @Test
    void theJarStartsTheConnector() throws IOException {
        Path jar = packagedJar();
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes manifest = file.getManifest().getMainAttributes();

            assertThat(manifest.getValue("Start-Class")).as("Start-Class of " + jar)
                    .isEqualTo(ConnectorApplication.class.getName());
            assertThat(manifest.getValue("Main-Class")).as("Main-Class of " + jar)
                    .startsWith("org.springframework.boot.loader.");
            assertThat(file.getEntry("BOOT-INF/classes/" + ConnectorApplication.class.getName().replace('.', '/')
                    + ".class")).as("the connector's classes are in the jar").isNotNull();
        }
    }

    private static Path packagedJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().startsWith("marketplace-crm-connector-"))
                    .filter(f -> f.getFileName().toString().endsWith(".jar")).toList();
            assertThat(jars).as("the packaged jar in target/: run mvn verify (or mvn package first)").hasSize(1);
            return jars.get(0);
        }
    }
}
