package io.mpcrm.connector.benchmark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The benchmark's one table: each measurement beside the bound it is compared to, the ratio and the goal. */
final class BenchmarkTable {

    /** One line; {@code ratio} is NaN where the row is a count compared to a budget rather than a ratio. */
    record Row(String name, String measured, String bound, double ratio, String goal, boolean met) {
    }

    private static final Pattern ROW_NUMBER = Pattern.compile("^(\\d+)\\.");

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String name, String measured, String bound, double ratio, String goal, boolean met) {
        rows.add(new Row(name, measured, bound, ratio, goal, met));
    }

    void note(String note) {
        notes.add(note);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    String render() {
        int name = width(rows.stream().map(Row::name).toList(), "row");
        int measured = width(rows.stream().map(Row::measured).toList(), "measured");
        int bound = width(rows.stream().map(Row::bound).toList(), "bound");
        int goal = width(rows.stream().map(Row::goal).toList(), "goal");
        String format = "| %-" + name + "s | %-" + measured + "s | %-" + bound + "s | %6s | %-" + goal + "s | %-4s |%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "row", "measured", "bound", "ratio", "goal", "met"));
        out.append(String.format(Locale.ROOT, format, "-".repeat(name), "-".repeat(measured), "-".repeat(bound),
                "------", "-".repeat(goal), "----"));
        // In row order, whatever order the rows ran in (row 6 runs first, before the others fill the sandboxes).
        List<Row> ordered = rows.stream().sorted(Comparator.comparingInt(BenchmarkTable::number)).toList();
        for (Row row : ordered) {
            out.append(String.format(Locale.ROOT, format, row.name(), row.measured(), row.bound(),
                    Double.isNaN(row.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", row.ratio()), row.goal(),
                    row.met() ? "yes" : "NO"));
        }
        notes.forEach(note -> out.append(note).append(System.lineSeparator()));
        return out.toString();
    }

    private static int number(Row row) {
        Matcher m = ROW_NUMBER.matcher(row.name());
        return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static int width(List<String> values, String header) {
        return Math.max(header.length(), values.stream().mapToInt(String::length).max().orElse(0));
    }
}
