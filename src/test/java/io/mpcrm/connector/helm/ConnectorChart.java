package io.mpcrm.connector.helm;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The chart in helm/marketplace-crm-connector, run through Helm itself (embedded by helm-java: no cluster, no
 * network). Values are given as files, as a platform team writes them.
 */
final class ConnectorChart {

    static final Path DIRECTORY = Path.of("helm", "marketplace-crm-connector");
    static final String RELEASE = "mpcrm";
    static final String NAMESPACE = "marketplace";

    private final Path scratch;

    /** @param scratch where values files written by a test go */
    ConnectorChart(Path scratch) {
        this.scratch = scratch;
    }

    LintResult lintStrict() {
        return new Helm(DIRECTORY).lint().strict().call();
    }

    /** helm template with the chart's ci/ values files named, then the given YAML values (later ones win). */
    RenderedRelease template(List<String> ciValues, String... valuesYaml) {
        TemplateCommand template = new Helm(DIRECTORY).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (String ci : ciValues) {
            template = template.withValuesFile(DIRECTORY.resolve("ci").resolve(ci));
        }
        for (String yaml : valuesYaml) {
            template = template.withValuesFile(valuesFile(yaml));
        }
        return RenderedRelease.parse(template.call());
    }

    RenderedRelease template(String ciValues, String... valuesYaml) {
        return template(List.of(ciValues), valuesYaml);
    }

    /**
     * helm template leaves hooks out (helm-java returns the release's manifest only), so the chart test pod is
     * rendered from a copy of the chart whose test template has its hook annotation taken off.
     */
    RenderedRelease templateWithTestHooks(String ciValues) {
        try {
            Path copy = Files.createTempDirectory(scratch, "chart-");
            try (var files = Files.walk(DIRECTORY)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(DIRECTORY.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else if (file.startsWith(DIRECTORY.resolve("templates").resolve("tests"))) {
                        Files.writeString(target, Files.readString(file).replaceAll("(?m)^\\s*helm\\.sh/hook:.*\\n", ""));
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            return RenderedRelease.parse(new Helm(copy).template().withName(RELEASE).withNamespace(NAMESPACE)
                    .withValuesFile(DIRECTORY.resolve("ci").resolve(ciValues)).call());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What helm install prints after installing (NOTES.txt), from a client-only dry run. */
    String installNotes(String ciValues) {
        return new Helm(DIRECTORY).install().withName(RELEASE).withNamespace(NAMESPACE).clientOnly()
                .withDryRunOption(DryRun.CLIENT).withValuesFile(DIRECTORY.resolve("ci").resolve(ciValues))
                .call().getOutput();
    }

    private Path valuesFile(String yaml) {
        try {
            return Files.writeString(Files.createTempFile(scratch, "values-", ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
