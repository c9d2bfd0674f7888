package io.mpcrm.connector.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The JVM as the Helm chart's container shows it the machine: the memory limit of the chart's default values and the
 * chart's JVM options. A JVM in a container sizes itself by the container's limit, not the host's memory; here the
 * limit is given as {@code -XX:MaxRAM}, and, as a JVM that sees less than 1792 MiB does not count the machine as a
 * server, with the serial collector it would choose itself.
 */
record ChartContainer(long memoryLimitMegabytes, List<String> javaOptions) {

    static final Path VALUES = Path.of("helm", "marketplace-crm-connector", "values.yaml");
    private static final long SERVER_CLASS_MEGABYTES = 2048 - 256;
    private static final Pattern QUANTITY = Pattern.compile("(\\d+)(Mi|Gi|M|G)");

    @SuppressWarnings("unchecked")
    static ChartContainer defaults() throws IOException {
        Map<String, Object> values;
        try (Reader in = Files.newBufferedReader(VALUES)) {
            values = new Yaml().load(in);
        }
        Map<String, Object> limits = (Map<String, Object>) ((Map<String, Object>) values.get("resources")).get("limits");
        String options = String.valueOf(values.get("javaOptions"));
        return new ChartContainer(megabytes(String.valueOf(limits.get("memory"))),
                Arrays.stream(options.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList());
    }

    List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        options.add("-XX:MaxRAM=" + memoryLimitMegabytes + "m");
        if (memoryLimitMegabytes < SERVER_CLASS_MEGABYTES) {
            options.add("-XX:+UseSerialGC");
        }
        options.addAll(javaOptions);
        return options;
    }

    static long megabytes(String quantity) {
        Matcher m = QUANTITY.matcher(quantity.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a memory quantity the benchmark reads: " + quantity);
        }
        long bytes = Long.parseLong(m.group(1)) * switch (m.group(2)) {
            case "Gi" -> 1L << 30;
            case "Mi" -> 1L << 20;
            case "G" -> 1_000_000_000L;
            default -> 1_000_000L;
        };
        return bytes >> 20;
    }
}
