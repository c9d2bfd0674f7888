package io.mpcrm.connector.offer;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ISO-8601 durations the Catalog API accepts for an agreement: P{n}D, P{n}M or P{n}Y. */
public final class ServiceLength {

    private static final Pattern FORMAT = Pattern.compile("P([1-9]\\d{0,4})([DMY])");

    private ServiceLength() {
    }

    public static Optional<Period> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int n = Integer.parseInt(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "D" -> Period.ofDays(n);
            case "M" -> Period.ofMonths(n);
            default -> Period.ofYears(n);
        });
    }

    /** The duration from start through end (both whole days), in months when it is a whole number of them. */
    static String span(LocalDate start, LocalDate end) {
        LocalDate after = end.plusDays(1);
        long months = ChronoUnit.MONTHS.between(start, after);
        if (months > 0 && start.plusMonths(months).equals(after)) {
            return "P" + months + "M";
        }
        return "P" + ChronoUnit.DAYS.between(start, after) + "D";
    }
}
