package io.mpcrm.connector.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.ConnectorApplication;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image build runs the connector once to make its class data sharing archive (the Dockerfile's training run), on a
 * builder with no network and nobody to stop it. The run must go through Camel's start, so that the archive holds the
 * classes the start loads, call nothing, and end by itself with status 0, or the build hangs or fails. Here it runs
 * with the Dockerfile's JVM options and arguments and config/application.yaml, on the build's classes put in a jar
 * (the JVM archives classes from jar files only) and the dependencies' jars.
 */
class TrainingRunIT {

    @Test
    void theTrainingRunStartsCamelWithTheRoutesThenEndsByItselfAndLeavesTheArchive(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("connector.jsa");
        Path log = dir.resolve("training.log");
        List<String> command = Dockerfile.trainingRunCommand(archive,
                List.of("-cp", jarsOnly(dir), ConnectorApplication.class.getName()));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();

        boolean ended = run.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            run.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("the training run ended by itself\n%s", output).isTrue();
        assertThat(run.exitValue()).as("exit status\n%s", output).isZero();
        assertThat(output).contains("Apache Camel 4.17.0 (marketplace-crm-connector) started")
                .contains("Routes stopped (total:" + connectorRoutes() + ")")
                .doesNotContain("Routes startup (total:" + connectorRoutes() + ")")
                .doesNotContain("ERROR");
        assertThat(archive).isNotEmptyFile();
    }

    /** The connector's classes in a jar, and the jars of the test class path (no directories). */
    private static String jarsOnly(Path dir) throws IOException {
        Path classes = Path.of("target", "classes");
        Path jar = dir.resolve("connector-classes.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            // Directories too: Spring's component scan finds a package's classes through its directory entry.
            for (Path path : files.filter(p -> !p.equals(classes)).toList()) {
                String name = classes.relativize(path).toString().replace(File.separatorChar, '/');
                out.putNextEntry(new JarEntry(Files.isDirectory(path) ? name + "/" : name));
                if (Files.isRegularFile(path)) {
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
        List<String> entries = new ArrayList<>(List.of(jar.toString()));
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).filter(e -> e.endsWith(".jar"))
                .forEach(entries::add);
        return String.join(File.pathSeparator, entries);
    }

    /** The routes the connector's routes/*.camel.yaml files define. */
    private static long connectorRoutes() throws IOException {
        long routes = 0;
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).toList()) {
                routes += Files.readAllLines(file).stream().filter(line -> line.strip().equals("- route:")).count();
            }
        }
        return routes;
    }
}
