package io.mpcrm.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two top-level classes of the product and its tests share a simple name: a reader (and an IDE's "open type")
 * finds one class by its name, and a test fixture is never mistaken for the production class it stands beside.
 * Nested classes are left out (a {@code Builder} or {@code Fields} inside its owner reads by its owner's name).
 */
class OneNamePerClassTest {

    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("src/test/java"));

    /** A top-level type declaration: written at the start of a line, as every top-level type in the tree is. */
    private static final Pattern TOP_LEVEL = Pattern.compile(
            "^(?:(?:public|protected|private|abstract|final|sealed|non-sealed|static|strictfp)\\s+)*"
                    + "(?:class|interface|enum|record|@interface)\\s+(\\w+)",
            Pattern.MULTILINE);

    @Test
    void noTwoClassesShareASimpleName() {
        Map<String, List<Path>> byName = new TreeMap<>(topLevelTypes().stream()
                .collect(Collectors.groupingBy(TopLevel::name, Collectors.mapping(TopLevel::file, Collectors.toList()))));

        assertThat(byName).as("top-level classes found in src/main and src/test").hasSizeGreaterThan(100)
                .containsKeys("ConnectorApplication", "OneNamePerClassTest");
        assertThat(byName.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " in " + e.getValue()))
                .as("simple names declared by more than one top-level class; rename one for what it is")
                .isEmpty();
    }

    @Test
    void findsEveryTopLevelKindOfType() {
        String source = """
                package p;

                /** A sample. */
                public final class Alpha {
                    static final class Nested {
                    }
                }
                record Beta(int x) {
                }
                sealed interface Gamma permits Delta {
                }
                enum Delta {
                }
                """;
        assertThat(declared(source)).containsExactly("Alpha", "Beta", "Gamma", "Delta");
    }

    private static List<TopLevel> topLevelTypes() {
        return SOURCES.stream().flatMap(OneNamePerClassTest::javaFiles)
                .flatMap(file -> declared(read(file)).stream().map(name -> new TopLevel(name, file)))
                .toList();
    }

    private static List<String> declared(String source) {
        Matcher m = TOP_LEVEL.matcher(source);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Stream<Path> javaFiles(Path root) {
        assertThat(root).isDirectory();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record TopLevel(String name, Path file) {
    }
}
