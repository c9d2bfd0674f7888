package io.mpcrm.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of the Salesforce project's source in a test's temporary folder, for the tests that break one file of it on
 * purpose and show that a check reports the mistake. Each edit first asserts that the file holds what it changes, so
 * a test cannot pass by breaking nothing.
 */
final class ForceAppCopy {

    /** The project's source folder, as {@code sf project deploy} reads it. */
    static final Path FORCE_APP = Path.of("salesforce/force-app");

    /** Its one package directory, where the metadata files are. */
    static final Path DEFAULT = FORCE_APP.resolve("main/default");

    /** One mistake made in a copy of the source. */
    @FunctionalInterface
    interface Breakage {
        void applyTo(Path forceApp) throws IOException;
    }

    private ForceAppCopy() {
    }

    /** Copies the folder {@code source} and all below it to {@code target}; returns {@code target}. */
    static Path copy(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
        }
        return target;
    }

    /** Replaces the first occurrence of each {@code from, to} pair in {@code file}. */
    static void replace(Path root, String file, String... fromTo) throws IOException {
        Path path = root.resolve(file);
        String content = Files.readString(path);
        for (int i = 0; i < fromTo.length; i += 2) {
            assertThat(content).as(file + " contains " + fromTo[i]).contains(fromTo[i]);
            content = content.replaceFirst(Pattern.quote(fromTo[i]), Matcher.quoteReplacement(fromTo[i + 1]));
        }
        Files.writeString(path, content);
    }

    /** Removes the first occurrence of {@code text} from {@code file}. */
    static void cut(Path root, String file, String text) throws IOException {
        replace(root, file, text, "");
    }

    /** Replaces the first match of {@code regex} (dot matching line ends) in {@code file}. */
    static void replaceRegex(Path root, String file, String regex, String replacement) throws IOException {
        Path path = root.resolve(file);
        String content = Files.readString(path);
        Matcher matcher = Pattern.compile(regex, Pattern.DOTALL).matcher(content);
        assertThat(matcher.find()).as(file + " matches " + regex).isTrue();
        Files.writeString(path, matcher.replaceFirst(replacement));
    }
}
