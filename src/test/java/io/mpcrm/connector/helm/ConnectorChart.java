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
    RenderedRelease templateWithTestHooks(String ciValues, String... valuesYaml) {
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
            TemplateCommand template = new Helm(copy).template().withName(RELEASE).withNamespace(NAMESPACE)
                    .withValuesFile(DIRECTORY.resolve("ci").resolve(ciValues));
            for (String yaml : valuesYaml) {
                template = template.withValuesFile(valuesFile(yaml));
            }
            return RenderedRelease.parse(template.call());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** helm package: the archive a platform team would push to its chart repository, in the scratch directory. */
    Path packaged() {
        try {
            Path destination = Files.createTempDirectory(scratch, "package-");
            new Helm(DIRECTORY).packageIt().withDestination(destination).call();
            try (var archives = Files.list(destination)) {
                return archives.filter(f -> f.toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new AssertionError("helm package wrote no .tgz in " + destination));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The names of the files in a chart archive (a gzipped ustar, as Go writes it: a long name comes in a PAX header
     * before its entry), e.g. marketplace-crm-connector/values.yaml.
     */
    static List<String> entries(Path archive) {
        List<String> names = new java.util.ArrayList<>();
        try (var tar = new java.util.zip.GZIPInputStream(Files.newInputStream(archive))) {
            byte[] header = new byte[512];
            String longName = null;
            while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String prefix = field(header, 345, 155);
                String name = prefix.isEmpty() ? field(header, 0, 100) : prefix + "/" + field(header, 0, 100);
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                byte[] content = tar.readNBytes((int) size);
                tar.skipNBytes((512 - size % 512) % 512);
                switch (header[156]) {
                    case 'x' -> longName = java.util.regex.Pattern.compile("\\d+ path=([^\\n]*)\\n")
                            .matcher(new String(content, java.nio.charset.StandardCharsets.UTF_8)).results()
                            .map(m -> m.group(1)).findFirst().orElse(null);
                    case 'g' -> { }
                    default -> {
                        names.add(longName != null ? longName : name);
                        longName = null;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** A NUL-terminated field of a ustar header. */
    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, java.nio.charset.StandardCharsets.US_ASCII);
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
