package io.mpcrm.connector.salesforce;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.stream.Collectors;

/** SOQL literals. Every value the connector puts into a query goes through here, so no record data can change a query. */
public final class Soql {

    private Soql() {
    }

    /** A quoted string literal with backslashes, quotes and control characters escaped as SOQL requires. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /** {@code ('a','b')} for an IN clause. */
    public static String quoteAll(Collection<String> values) {
        return values.stream().map(Soql::quote).collect(Collectors.joining(",", "(", ")"));
    }

    /** A datetime literal; SOQL takes them unquoted, in UTC. */
    public static String dateTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static String date(LocalDate date) {
        return date.toString();
    }
}
