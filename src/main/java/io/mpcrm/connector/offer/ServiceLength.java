package io.mpcrm.connector.offer;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ISO-8601 durations the Catalog API accepts for an agreement: P{n}D, P{n}M or P{n}Y, n of at most four digits.
 *
 * <p>AWS documents no longest duration: the Agreement API reads a Selector's value and agreementDuration as "ISO 8601"
 * strings of 1 to 4096 characters (https://docs.aws.amazon.com/marketplace/latest/APIReference/API_marketplace-agreements_Selector.html,
 * .../API_marketplace-agreements_ValidityTerm.html), and the resale authorization change types' published model takes
 * any number of digits. So the connector refuses only what the project's Marketplace sandbox refuses, a number of more
 * than four digits: P99999Y used to reach AWS and come back as a raw "ChangeSet[3] ... Selector.Value" error.
 */
public final class ServiceLength {

    /** The most digits a length's number may have. */
    static final int MAX_DIGITS = 4;
    private static final Pattern FORMAT = Pattern.compile("P([1-9]\\d{0," + (MAX_DIGITS - 1) + "})([DMY])");
    /** The right shape with a number AWS cannot take: 0, a leading zero, or more than four digits. */
    private static final Pattern NUMBER_WRONG = Pattern.compile("P(\\d+)([DMY])");

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

    /**
     * What is wrong with a length {@link #parse} refuses, for a seller, naming {@code what} (e.g. "Service length"):
     * a length of 0 is in the right form but too short, so it is not told to use that form.
     */
    public static String mistake(String what, String text) {
        Matcher m = NUMBER_WRONG.matcher(text);
        if (m.matches()) {
            String unit = switch (m.group(2)) {
                case "D" -> "days";
                case "M" -> "months";
                default -> "years";
            };
            if (m.group(1).chars().allMatch(c -> c == '0')) {
                return what + " " + text + " is 0 " + unit + ": an agreement runs for at least 1; enter 1 or more,"
                        + " e.g. P12M.";
            }
            String digits = m.group(1).replaceFirst("^0+", "");
            if (digits.length() <= MAX_DIGITS) {
                return what + " " + text + " has a leading zero: write it as P" + digits + m.group(2) + ".";
            }
            return what + " " + text + " is longer than AWS accepts (at most " + "9".repeat(MAX_DIGITS) + " " + unit
                    + "); enter a shorter length, e.g. P12M.";
        }
        return what + " " + text + " is not a duration AWS accepts: write it as P<n>M (months), P<n>D (days) or"
                + " P<n>Y (years), e.g. P12M.";
    }

    /** The duration from start through end (both whole days), in months when it is a whole number of them. */
    public static String span(LocalDate start, LocalDate end) {
        LocalDate after = end.plusDays(1);
        long months = ChronoUnit.MONTHS.between(start, after);
        if (months > 0 && start.plusMonths(months).equals(after)) {
            return "P" + months + "M";
        }
        return "P" + ChronoUnit.DAYS.between(start, after) + "D";
    }
}
