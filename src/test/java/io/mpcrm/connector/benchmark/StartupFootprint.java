package io.mpcrm.connector.benchmark;

import io.mpcrm.connector.ConnectorApplication;
import io.mpcrm.connector.image.Dockerfile;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.SandboxSalesforce;
import io.mpcrm.hello.HelloCamelApplication;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Row 6: time to ready and idle memory of the connector as it is shipped, beside a plain Spring Boot and Camel
 * application ({@link HelloCamelApplication}, on the libraries the packaged jar ships) as the floor, each in its own
 * JVM against the sandboxes of this one. The connector runs as the Dockerfile runs it: the packaged jar
 * ({@code mvn package}) extracted into a jar and its {@code lib/}, with the ENTRYPOINT's JVM options and the class data
 * sharing archive of the Dockerfile's training run (its JVM options and arguments read from the Dockerfile); for
 * comparison it also runs from the same jar without them. Every launch sees the memory of the chart's container
 * ({@link ChartContainer}) unless told to see the host's. Ready is what Spring Boot logs ("process running for"), so
 * JVM start is included; idle RSS is read from {@code /proc} a few seconds after. Each is started five times, one
 * after the other, and the median is shown. JVM options to try are given to every launch alike.
 */
final class StartupFootprint {

    private static final Pattern READY = Pattern.compile("Started \\w+ in [\\d.]+ seconds \\(process running for ([\\d.]+)\\)");
    private static final int RUNS = 5;
    private static final Path TARGET = Path.of("target");

    record Footprint(double readySeconds, long rssMegabytes) {
    }

    /** A JVM to start: its options, what it runs, and the arguments. */
    private record Launch(String name, List<String> jvmOptions, List<String> main, List<String> args) {
    }

    private StartupFootprint() {
    }

    /** {@code container} null: the JVMs size themselves by the host's memory. */
    static void measure(BenchmarkTable table, List<String> tried, ChartContainer container) throws Exception {
        List<String> jvmOptions = new ArrayList<>(container == null ? List.of() : container.jvmOptions());
        jvmOptions.addAll(tried);
        Launch floor = new Launch("hello app", jvmOptions, List.of("-cp", System.getProperty("java.class.path"),
                HelloCamelApplication.class.getName()), List.of("--spring.main.web-application-type=none",
                "--camel.main.run-controller=true", "--spring.config.location=optional:classpath:/none.yaml"));
        Map<String, Object> sandbox = new LinkedHashMap<>(SandboxSalesforce.connectorProperties());
        sandbox.putAll(SandboxMarketplace.connectorProperties());
        sandbox.put("connector.sweep.initial-delay", "3600000");
        sandbox.put("server.port", "0");
        List<String> args = new ArrayList<>();
        sandbox.forEach((k, v) -> args.add("--" + k + "=" + v));

        Path jar = shippedJar();
        if (jar == null) {
            Launch connector = new Launch("connector", jvmOptions, List.of("-cp", System.getProperty("java.class.path"),
                    ConnectorApplication.class.getName()), args);
            Footprint[] measured = medians(table, floor, connector);
            addRows(table, "6. Start-up (test classpath: no packaged jar in target/)", measured[1], measured[0]);
            table.note("Row 6 ran the connector from the test classpath: run `mvn package -DskipTests` first to measure"
                    + " the packaged jar with its class data sharing archive, as the Dockerfile runs it.");
        } else {
            // The floor on the jars the connector ships, so that both pay for the same class path.
            floor = new Launch(floor.name(), jvmOptions, List.of("-cp", shippedClassPath(jar),
                    HelloCamelApplication.class.getName()), floor.args());
            Path archive = train(jar);
            List<String> shipped = new ArrayList<>(Dockerfile.entrypointJvmOptions(archive));
            shipped.addAll(jvmOptions);
            Launch withArchive = new Launch("connector (jar, CDS)", shipped, List.of("-jar", jar.toString()), args);
            Launch withoutArchive = new Launch("connector (jar, no CDS)", jvmOptions, List.of("-jar", jar.toString()),
                    args);
            Footprint[] measured = medians(table, floor, withArchive, withoutArchive);
            addRows(table, "6. Start-up, packaged jar as the image starts it (CDS archive, JIT options)", measured[1],
                    measured[0]);
            table.add("6. Start-up, the same jar without the image's JVM options (no archive)", String.format(Locale.ROOT, "%.2f s / %d MB",
                            measured[2].readySeconds(), measured[2].rssMegabytes()),
                    String.format(Locale.ROOT, "hello app %.2f s", measured[0].readySeconds()),
                    measured[2].readySeconds() / measured[0].readySeconds(), "(for comparison)", true);
        }
        table.note("Row 6: median of " + RUNS + " starts of each, taken in turn; "
                + (container == null ? "memory as the host shows it" : "memory as the chart's container shows it ("
                + container.memoryLimitMegabytes() + " MiB limit)") + "; JVM options of every launch: "
                + (jvmOptions.isEmpty() ? "(none)" : String.join(" ", jvmOptions)) + ".");
    }

    private static void addRows(BenchmarkTable table, String name, Footprint connector, Footprint floor) {
        double ratio = connector.readySeconds() / floor.readySeconds();
        table.add(name + ": time to ready", String.format(Locale.ROOT, "%.2f s", connector.readySeconds()),
                String.format(Locale.ROOT, "hello app %.2f s", floor.readySeconds()), ratio, "<= 5 s, ratio <= 1.5",
                connector.readySeconds() <= 5 && ratio <= 1.5);
        table.add("6. Idle RSS", connector.rssMegabytes() + " MB", "hello app " + floor.rssMegabytes() + " MB",
                (double) connector.rssMegabytes() / floor.rssMegabytes(), "<= 300 MB", connector.rssMegabytes() <= 300);
    }

    /** The jar {@code mvn package} made, extracted as the Dockerfile extracts it; null when there is none. */
    private static Path shippedJar() throws Exception {
        Path packaged;
        try (Stream<Path> files = Files.list(TARGET)) {
            packaged = files.filter(p -> p.getFileName().toString().matches("marketplace-crm-connector-.*\\.jar"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified())).orElse(null);
        } catch (IOException noTarget) {
            return null;
        }
        if (packaged == null) {
            return null;
        }
        Path dir = TARGET.resolve("benchmark-startup");
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Path copy = dir.resolve("connector-packaged.jar");
        Files.copy(packaged, copy);
        Path extracted = dir.resolve("extracted");
        exec(List.of(java(), "-Djarmode=tools", "-jar", copy.toString(), "extract", "--destination",
                extracted.toString()));
        return extracted.resolve("connector-packaged.jar").toAbsolutePath();
    }

    /**
     * The hello app's classes alone (not the rest of the test classes, whose logging set-up needs JUnit) and the
     * libraries the packaged jar ships.
     */
    private static String shippedClassPath(Path jar) throws IOException {
        List<String> entries = new ArrayList<>();
        Path hello = Path.of(HelloCamelApplication.class.getPackageName().replace('.', '/'));
        Path classes = jar.resolveSibling("hello-classes");
        Files.createDirectories(classes.resolve(hello));
        try (Stream<Path> files = Files.list(TARGET.resolve("test-classes").resolve(hello))) {
            for (Path file : files.toList()) {
                Files.copy(file, classes.resolve(hello).resolve(file.getFileName()));
            }
        }
        entries.add(classes.toAbsolutePath().toString());
        try (Stream<Path> libs = Files.list(jar.resolveSibling("lib"))) {
            libs.sorted().forEach(lib -> entries.add(lib.toAbsolutePath().toString()));
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** The Dockerfile's training run, on the build machine's memory as the image build runs it. */
    private static Path train(Path jar) throws Exception {
        Path archive = jar.resolveSibling("connector.jsa");
        exec(Dockerfile.trainingRunCommand(archive, List.of("-jar", jar.toString())));
        if (!Files.exists(archive)) {
            throw new IllegalStateException("The training run wrote no class data sharing archive");
        }
        return archive;
    }

    /** The median of each launch's time and memory, the launches started in turn so that noise hits them alike. */
    private static Footprint[] medians(BenchmarkTable table, Launch... launches) throws Exception {
        List<List<Footprint>> runs = new ArrayList<>();
        for (Launch ignored : launches) {
            runs.add(new ArrayList<>());
        }
        for (int i = 0; i < RUNS; i++) {
            for (int l = 0; l < launches.length; l++) {
                runs.get(l).add(run(launches[l]));
            }
        }
        Footprint[] medians = new Footprint[launches.length];
        for (int l = 0; l < launches.length; l++) {
            List<Footprint> all = runs.get(l);
            table.note("Row 6, " + launches[l].name() + ": " + String.join(", ", all.stream().map(f -> String.format(
                    Locale.ROOT, "%.2f s %d MB", f.readySeconds(), f.rssMegabytes())).toList()) + ".");
            medians[l] = new Footprint(median(all.stream().map(Footprint::readySeconds).toList()),
                    Math.round(median(all.stream().map(f -> (double) f.rssMegabytes()).toList())));
        }
        return medians;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static Footprint run(Launch launch) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(launch.jvmOptions());
        command.addAll(launch.main());
        command.addAll(launch.args());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The sandbox's Pub/Sub certificate is trusted the way this JVM trusts it; in the environment, not the
        // command line, so that the trust store's password is not in the process list.
        builder.environment().put("JDK_JAVA_OPTIONS", trustStoreOptions());
        Process process = builder.start();
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
                    ready.completeExceptionally(new IllegalStateException(launch.name() + " ended before it was ready"));
                } catch (IOException e) {
                    ready.completeExceptionally(e);
                }
            }, "benchmark-startup-reader");
            reader.setDaemon(true);
            reader.start();
            double seconds = ready.get(5, TimeUnit.MINUTES);
            Thread.sleep(5000);
            if (!process.isAlive()) {
                // Lazy initialization, for one, leaves Camel's run controller unmade: the application just ends.
                throw new IllegalStateException(launch.name() + " stopped after it was ready, with "
                        + launch.jvmOptions());
            }
            return new Footprint(seconds, rssMegabytes(process.pid()));
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String trustStoreOptions() {
        StringBuilder options = new StringBuilder();
        for (String property : List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
                "javax.net.ssl.trustStoreType")) {
            String value = System.getProperty(property);
            if (value != null) {
                options.append(" -D").append(property).append('=').append(value);
            }
        }
        return options.toString().trim();
    }

    private static void exec(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("Failed: " + String.join(" ", command));
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
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
