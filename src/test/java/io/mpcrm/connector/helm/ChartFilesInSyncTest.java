package io.mpcrm.connector.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Helm reads files inside the chart only, so the chart carries copies of routes/*.camel.yaml and
 * config/application.yaml in files/. They must be the repository's: an edit to one without the other fails here.
 */
class ChartFilesInSyncTest {

    private static final Path FILES = ConnectorChart.DIRECTORY.resolve("files");
    private static final String FIX = "copy them again: cp routes/*.camel.yaml " + FILES.resolve("routes") + "/ && cp "
            + "config/application.yaml " + FILES.resolve("config") + "/ (and delete copies of removed routes)";

    @Test
    void theChartCarriesTheRepositorysRoutes() throws IOException {
        assertThat(contents(FILES.resolve("routes"))).as(FIX).isEqualTo(contents(Path.of("routes")));
    }

    @Test
    void theChartCarriesTheRepositorysApplicationConfiguration() throws IOException {
        assertThat(Files.readString(FILES.resolve("config").resolve("application.yaml"))).as(FIX)
                .isEqualTo(Files.readString(Path.of("config", "application.yaml")));
    }

    private static TreeMap<String, String> contents(Path routes) throws IOException {
        TreeMap<String, String> byName = new TreeMap<>();
        try (Stream<Path> files = Files.list(routes)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).toList()) {
                byName.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return byName;
    }
}
