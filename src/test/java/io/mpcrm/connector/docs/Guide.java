package io.mpcrm.connector.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Markdown guide in docs/, read the way a reader meets it: headings, the text under them, and its links. */
record Guide(Path file, List<String> lines) {

    static final int MAX_LINE = 120;
    private static final Pattern HEADING = Pattern.compile("^(#{1,6}) (.+)$");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    static Guide read(Path file) {
        try {
            return new Guide(file, Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text() {
        return String.join("\n", lines);
    }

    /** The lines under the heading {@code title}, up to the next heading of the same or a higher level. */
    List<String> section(String title) {
        int level = -1;
        List<String> section = new ArrayList<>();
        for (String line : lines) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                if (level > 0 && heading.group(1).length() <= level) {
                    break;
                }
                if (level < 0 && heading.group(2).equals(title)) {
                    level = heading.group(1).length();
                    continue;
                }
            }
            if (level > 0) {
                section.add(line);
            }
        }
        if (level < 0) {
            throw new AssertionError(file + " has no heading \"" + title + "\"");
        }
        return section;
    }

    /** The anchors GitHub gives the headings: lower case, punctuation dropped, spaces as hyphens. */
    Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        for (String line : lines) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                anchors.add(heading.group(2).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-'));
            }
        }
        return anchors;
    }

    /** Link targets outside code blocks, as written: a path relative to the guide, an #anchor, or both. */
    List<String> links() {
        List<String> links = new ArrayList<>();
        boolean code = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                code = !code;
            } else if (!code) {
                Matcher link = LINK.matcher(line);
                while (link.find()) {
                    links.add(link.group(1));
                }
            }
        }
        return links;
    }

    /** Line numbers (from 1) of lines longer than {@link #MAX_LINE}. */
    List<Integer> longLines() {
        List<Integer> tooLong = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() > MAX_LINE) {
                tooLong.add(i + 1);
            }
        }
        return tooLong;
    }

    /**
     * Links that lead nowhere: a file that does not exist, or an anchor missing from this guide or from another guide
     * in the same folder. Anchors in files elsewhere (the README) are not checked: other branches add those sections.
     */
    List<String> brokenLinks() {
        List<String> broken = new ArrayList<>();
        for (String link : links()) {
            if (link.matches("^[a-z]+:.*")) {
                continue;
            }
            int hash = link.indexOf('#');
            String path = hash < 0 ? link : link.substring(0, hash);
            String anchor = hash < 0 ? null : link.substring(hash + 1);
            Path folder = file.toAbsolutePath().normalize().getParent();
            Path target = folder.resolve(path.isEmpty() ? file.getFileName().toString() : path).normalize();
            if (!Files.exists(target)) {
                broken.add(link + ": no such file");
            } else if (anchor != null && target.getParent().equals(folder) && !read(target).anchors().contains(anchor)) {
                broken.add(link + ": no such heading");
            }
        }
        return broken;
    }
}
