package io.mpcrm.connector.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The project's Dockerfile, read for what tests and the benchmark must run exactly as the image build does. */
public final class Dockerfile {

    private static final Path FILE = Path.of("Dockerfile");

    private Dockerfile() {
    }

    /** The arguments the class data sharing training run gives the connector (after {@code -jar connector.jar}). */
    public static List<String> trainingRunArguments() {
        String command = trainingRun();
        return words(command.substring(command.indexOf("-jar connector.jar") + "-jar connector.jar".length()));
    }

    /**
     * The training run's command on this machine's java: its JVM options, the archive it writes named {@code archive}
     * instead of the image's path, then {@code launch} (what runs the connector: {@code -jar} and a jar, or a class
     * path and the main class), then its arguments.
     */
    public static List<String> trainingRunCommand(Path archive, List<String> launch) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(trainingRunJvmOptions(archive));
        command.addAll(launch);
        command.addAll(trainingRunArguments());
        return command;
    }

    private static List<String> trainingRunJvmOptions(Path archive) {
        String command = trainingRun();
        return words(command.substring("RUN java".length(), command.indexOf("-jar connector.jar"))).stream()
                .map(o -> o.startsWith("-XX:ArchiveClassesAtExit=") ? "-XX:ArchiveClassesAtExit=" + archive : o)
                .toList();
    }

    /** The training run's java command, without what follows it in the same RUN. */
    private static String trainingRun() {
        String run = instructions().stream().filter(i -> i.startsWith("RUN ") && i.contains("-XX:ArchiveClassesAtExit"))
                .findFirst().orElseThrow(() -> new IllegalStateException("The Dockerfile has no training run"));
        return run.split("&&")[0];
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+")).filter(a -> !a.isEmpty()).toList();
    }

    /**
     * The JVM options the image starts the connector with (between {@code java} and {@code -jar}), the class data
     * sharing archive named {@code archive} instead of the image's path.
     */
    public static List<String> entrypointJvmOptions(Path archive) {
        String entrypoint = instructions().stream().filter(i -> i.startsWith("ENTRYPOINT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("The Dockerfile has no ENTRYPOINT"));
        List<String> words = Arrays.stream(entrypoint.substring(entrypoint.indexOf('[') + 1, entrypoint.lastIndexOf(']'))
                .split(",")).map(w -> w.strip().replaceAll("^\"|\"$", "")).toList();
        return words.subList(1, words.indexOf("-jar")).stream()
                .map(o -> o.startsWith("-XX:SharedArchiveFile=") ? "-XX:SharedArchiveFile=" + archive : o).toList();
    }

    /** Each instruction on one line: continuation lines joined, comments dropped. */
    private static List<String> instructions() {
        try {
            String text = String.join("\n", Files.readAllLines(FILE).stream()
                    .filter(line -> !line.stripLeading().startsWith("#")).toList());
            return Arrays.stream(text.replaceAll("\\\\\\n", " ").split("\n")).map(String::strip)
                    .filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
