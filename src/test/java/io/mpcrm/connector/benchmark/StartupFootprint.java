package io.mpcrm.connector.benchmark;

import io.mpcrm.connector.ConnectorApplication;
import io.mpcrm.hello.HelloCamelApplication;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.SandboxSalesforce;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Row 6: time to ready and idle memory of the connector, each started in its own JVM against the sandboxes of this
 * one, beside a plain Spring Boot and Camel application ({@link HelloCamelApplication}) as the floor. Ready is what
 * Spring Boot logs ("process running for"), so JVM start is included; idle RSS is read from {@code /proc} a few
 * seconds after. Both run from this JVM's classpath (the connector's jars and the test libraries), with the JVM
 * options in the system property {@code benchmark.jvm-options}, so that options can be compared.
 */
final class StartupFootprint {

    private static final Pattern READY = Pattern.compile("Started \\w+ in [\\d.]+ seconds \\(process running for ([\\d.]+)\\)");
    private static final int RUNS = 3;

    record Footprint(double readySeconds, long rssMegabytes) {
    }

    private StartupFootprint() {
    }

    static void measure(BenchmarkTable table) throws Exception {
        List<String> jvmOptions = List.of(System.getProperty("benchmark.jvm-options", "").split(" ")).stream()
                .filter(o -> !o.isBlank()).toList();
        Footprint floor = best(HelloCamelApplication.class.getName(), jvmOptions, List.of(
                "--spring.main.web-application-type=none", "--camel.main.run-controller=true",
                "--spring.config.location=optional:classpath:/none.yaml"));
        Map<String, Object> sandbox = new LinkedHashMap<>(SandboxSalesforce.connectorProperties());
        sandbox.putAll(SandboxMarketplace.connectorProperties());
        sandbox.put("connector.sweep.initial-delay", "3600000");
        List<String> args = new ArrayList<>();
        sandbox.forEach((k, v) -> args.add("--" + k + "=" + v));
        Footprint connector = best(ConnectorApplication.class.getName(), jvmOptions, args);
        double ratio = connector.readySeconds() / floor.readySeconds();
        table.add("6. Start-up: time to ready (best of " + RUNS + ")", String.format(Locale.ROOT,
                        "%.2f s", connector.readySeconds()),
                String.format(Locale.ROOT, "hello app %.2f s", floor.readySeconds()), ratio, "<= 5 s, ratio <= 1.5",
                connector.readySeconds() <= 5 && ratio <= 1.5);
        table.add("6. Idle RSS", connector.rssMegabytes() + " MB", "hello app " + floor.rssMegabytes() + " MB",
                (double) connector.rssMegabytes() / floor.rssMegabytes(), "<= 300 MB", connector.rssMegabytes() <= 300);
        table.note("Row 6 JVM options: " + (jvmOptions.isEmpty() ? "(none)" : String.join(" ", jvmOptions)) + ".");
    }

    private static Footprint best(String mainClass, List<String> jvmOptions, List<String> args) throws Exception {
        Footprint best = null;
        for (int i = 0; i < RUNS; i++) {
            Footprint run = run(mainClass, jvmOptions, args);
            best = best == null ? run : new Footprint(Math.min(best.readySeconds(), run.readySeconds()),
                    Math.min(best.rssMegabytes(), run.rssMegabytes()));
        }
        return best;
    }

    private static Footprint run(String mainClass, List<String> jvmOptions, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            CompletableFuture<Double> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        Matcher m = READY.matcher(line);
                        if (m.find()) {
                            ready.complete(Double.parseDouble(m.group(1)));
                        }
                    }
                    ready.completeExceptionally(new IllegalStateException(mainClass + " ended before it was ready"));
                } catch (IOException e) {
                    ready.completeExceptionally(e);
                }
            }, "benchmark-startup-reader");
            reader.setDaemon(true);
            reader.start();
            double seconds = ready.get(2, TimeUnit.MINUTES);
            Thread.sleep(5000);
            if (!process.isAlive()) {
                // Lazy initialization, for one, leaves Camel's run controller unmade: the application just ends.
                throw new IllegalStateException(mainClass + " stopped after it was ready, with " + jvmOptions);
            }
            return new Footprint(seconds, rssMegabytes(process.pid()));
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static long rssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
