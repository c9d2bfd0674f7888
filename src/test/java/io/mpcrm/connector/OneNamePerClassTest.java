package io.mpcrm.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    void noTwoClassesShareASimpleName() throws IOException {
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

    private static List<TopLevel> topLevelTypes() throws IOException {
        List<TopLevel> types = new ArrayList<>();
        for (Path root : SOURCES) {
            assertThat(root).isDirectory();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    declared(Files.readString(file)).forEach(name -> types.add(new TopLevel(name, file)));
                }
            }
        }
        return types;
    }

    private static List<String> declared(String source) {
        Matcher m = TOP_LEVEL.matcher(source);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private record TopLevel(String name, Path file) {
    }
}
