package io.mpcrm.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Lightning Web Components' own tests, as Salesforce developers write them: Jest with @salesforce/sfdx-lwc-jest,
 * one {@code __tests__} folder per component, run here so that {@code mvn verify} (the README's test command and CI's)
 * runs them with the Java tests. The Node packages come from {@code salesforce/package-lock.json} ({@code npm ci}),
 * installed again whenever the lock file is newer than the installed tree.
 *
 * <p>Jest runs from this test rather than from a Maven plugin in the verify phase: neither exec-maven-plugin nor
 * maven-antrun-plugin resolves from the build's local repository without a download, and this way a
 * {@code -Dtest=LightningWebComponentsJestTest} runs the Jest suite alone, and {@code -DskipTests} skips it.
 */
class LightningWebComponentsJestTest {

    static final Path PROJECT = Path.of("salesforce");
    static final Path COMPONENTS = PROJECT.resolve("force-app/main/default/lwc");
    private static final Duration INSTALL_TIME = Duration.ofMinutes(10);
    private static final Duration TEST_TIME = Duration.ofMinutes(10);

    @Test
    void everyComponentHasJestTestsAndTheyAllPass() throws Exception {
        installFromLockFile();
        Path results = Path.of("target", "jest-results.json").toAbsolutePath();
        Files.createDirectories(results.getParent());
        Files.deleteIfExists(results);

        Run jest = run(List.of("npm", "test", "--", "--", "--json", "--outputFile=" + results), TEST_TIME);

        System.out.println(jest.output());
        assertThat(results).as("Jest's report; its output:\n" + jest.output()).exists();
        JsonNode report = new ObjectMapper().readTree(results.toFile());
        List<String> failed = new ArrayList<>();
        Set<String> testedComponents = new TreeSet<>();
        for (JsonNode file : report.path("testResults")) {
            Path tested = Path.of(file.path("name").asText());
            Path relative = COMPONENTS.toAbsolutePath().relativize(tested);
            testedComponents.add(relative.getName(0).toString());
            for (JsonNode test : file.path("assertionResults")) {
                if (!"passed".equals(test.path("status").asText())) {
                    failed.add(relative + ": " + test.path("fullName").asText() + " (" + test.path("status").asText()
                            + ")");
                }
            }
        }
        assertThat(failed).as("Jest tests that did not pass; Jest said:\n" + jest.output()).isEmpty();
        assertThat(report.path("numFailedTestSuites").asInt()).as("test files that did not run:\n" + jest.output())
                .isZero();
        assertThat(jest.exit()).as("npm test's exit code").isZero();
        assertThat(report.path("numPassedTests").asInt()).isPositive();
        assertThat(testedComponents).as("components with a passing Jest test file")
                .containsExactlyInAnyOrderElementsOf(components());
    }

    /** The component bundles: each folder of lwc/. */
    static List<String> components() throws IOException {
        try (Stream<Path> bundles = Files.list(COMPONENTS)) {
            return bundles.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** npm ci when nothing is installed yet or the lock file changed since the last install. */
    private static void installFromLockFile() throws Exception {
        Path installed = PROJECT.resolve("node_modules/.package-lock.json");
        FileTime lock = Files.getLastModifiedTime(PROJECT.resolve("package-lock.json"));
        if (Files.exists(installed) && Files.getLastModifiedTime(installed).compareTo(lock) >= 0) {
            return;
        }
        Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), INSTALL_TIME);
        assertThat(install.exit()).as("npm ci in salesforce/:\n" + install.output()).isZero();
    }

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> command, Duration limit) throws Exception {
        Path log = Files.createTempFile("lwc-", ".log");
        try {
            // Into a file: a child writing to this JVM's own stdout would garble Surefire's channel to the fork.
            Process process = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + limit + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
