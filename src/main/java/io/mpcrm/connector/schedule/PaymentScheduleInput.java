package io.mpcrm.connector.schedule;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.RequestRejected;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a seller asked for when pressing "Generate Payment Schedule": the request's {@code Input__c} JSON, checked.
 *
 * <pre>{"totalAmount":"12000.00","currency":"USD","firstPaymentDate":"2027-01-15","endDate":"2027-12-31",
 *  "frequencyDays":30,"remainder":"FRONTLOAD","dayCounting":"BUSINESS_DAY"}</pre>
 */
public record PaymentScheduleInput(
        BigDecimal totalAmount,
        Currency currency,
        LocalDate firstPaymentDate,
        LocalDate endDate,
        int frequencyDays,
        Remainder remainder,
        DayCounting dayCounting) {

    public static final String TOTAL_AMOUNT = "totalAmount";
    public static final String CURRENCY = "currency";
    public static final String FIRST_PAYMENT_DATE = "firstPaymentDate";
    public static final String END_DATE = "endDate";
    public static final String FREQUENCY_DAYS = "frequencyDays";
    public static final String REMAINDER = "remainder";
    public static final String DAY_COUNTING = "dayCounting";

    /** The frequencies the Salesforce picklist offers, in days. */
    public static final List<Integer> FREQUENCIES = List.of(15, 30, 90, 365);

    private static final String FREQUENCY_CHOICES = "15, 30, 90 or 365 days.";
    // Problems are listed in the order the seller fills the form in, whatever order they were found in.
    private static final List<String> FIELD_ORDER = List.of("input", TOTAL_AMOUNT, CURRENCY, FIRST_PAYMENT_DATE,
            END_DATE, FREQUENCY_DAYS, REMAINDER, DAY_COUNTING);
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    // Exact decimals: a total read as a double could already be off by a cent before we split it.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Rejects, with every problem at once, an input built in code that a seller could not have submitted. */
    public PaymentScheduleInput {
        Objects.requireNonNull(totalAmount, TOTAL_AMOUNT);
        Objects.requireNonNull(currency, CURRENCY);
        Objects.requireNonNull(firstPaymentDate, FIRST_PAYMENT_DATE);
        Objects.requireNonNull(endDate, END_DATE);
        Objects.requireNonNull(remainder, REMAINDER);
        Objects.requireNonNull(dayCounting, DAY_COUNTING);
        List<FieldProblem> problems = new ArrayList<>();
        boolean chargeable = checkCurrency(currency, problems);
        checkTotal(totalAmount, chargeable ? currency : null, problems);
        checkFrequency(frequencyDays, problems);
        checkDates(firstPaymentDate, endDate, problems);
        rejectIfAny(problems);
    }

    /** The total in the currency's minor unit: cents for USD, yen for JPY. */
    public long totalAmountMinor() {
        return totalAmount.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
    }

    /**
     * Reads the request's JSON input.
     *
     * @throws RequestRejected listing every missing or invalid field, each with what the seller should do
     */
    public static PaymentScheduleInput parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new RequestRejected(List.of(new FieldProblem("input",
                    "The schedule parameters are not valid JSON: " + e.getOriginalMessage() + where(e.getLocation()))));
        }
        if (root == null || !root.isObject()) {
            throw new RequestRejected(List.of(new FieldProblem("input",
                    "The schedule parameters are not valid JSON: expected an object such as "
                            + "{\"totalAmount\":\"12000.00\",\"currency\":\"USD\",...}.")));
        }
        List<FieldProblem> problems = new ArrayList<>();
        Currency currency = readCurrency(root.get(CURRENCY), problems);
        BigDecimal total = readTotal(root.get(TOTAL_AMOUNT), problems);
        LocalDate first = readDate(root.get(FIRST_PAYMENT_DATE), FIRST_PAYMENT_DATE, "first payment date", problems);
        LocalDate end = readDate(root.get(END_DATE), END_DATE, "end date", problems);
        Integer frequency = readFrequency(root.get(FREQUENCY_DAYS), problems);
        Remainder remainder = readChoice(root.get(REMAINDER), REMAINDER, problems,
                Remainder::fromPicklistValue,
                "Choose where the remainder goes: Frontload (first installment) or Backend (last installment).",
                "The remainder placement %s is not offered; choose Frontload (first installment) "
                        + "or Backend (last installment).");
        DayCounting dayCounting = readChoice(root.get(DAY_COUNTING), DAY_COUNTING, problems,
                DayCounting::fromPicklistValue,
                "Choose the day counting: Calendar Day or Business Day.",
                "The day counting %s is not offered; choose Calendar Day or Business Day.");

        if (total != null) {
            checkTotal(total, currency, problems);
        }
        if (frequency != null) {
            checkFrequency(frequency, problems);
        }
        if (first != null && end != null) {
            checkDates(first, end, problems);
        }
        rejectIfAny(problems);
        return new PaymentScheduleInput(total, currency, first, end, frequency, remainder, dayCounting);
    }

    private static void rejectIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new RequestRejected(inFormOrder(problems));
        }
    }

    /** The problems in the order the seller fills the form in. */
    static List<FieldProblem> inFormOrder(List<FieldProblem> problems) {
        List<FieldProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(problem -> FIELD_ORDER.indexOf(problem.field())));
        return sorted;
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.asText().isBlank());
    }

    private static Currency readCurrency(JsonNode node, List<FieldProblem> problems) {
        if (absent(node)) {
            problems.add(new FieldProblem(CURRENCY, "Enter the currency as a three-letter code, for example USD."));
            return null;
        }
        String code = node.isTextual() ? node.asText().trim() : node.toString();
        if (!CURRENCY_CODE.matcher(code).matches()) {
            problems.add(new FieldProblem(CURRENCY, "The currency \"" + code
                    + "\" is not a three-letter ISO 4217 code in capitals, such as USD, EUR or JPY."));
            return null;
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(CURRENCY, "The currency " + code
                    + " is not an ISO 4217 currency; use a code such as USD, EUR or JPY."));
            return null;
        }
        return checkCurrency(currency, problems) ? currency : null;
    }

    private static boolean checkCurrency(Currency currency, List<FieldProblem> problems) {
        // Gold, test and "no currency" codes have no minor unit, so no amount in them can be charged.
        if (currency.getDefaultFractionDigits() < 0) {
            problems.add(new FieldProblem(CURRENCY, "The currency " + currency.getCurrencyCode()
                    + " cannot be charged; use a currency such as USD, EUR or JPY."));
            return false;
        }
        return true;
    }

    private static BigDecimal readTotal(JsonNode node, List<FieldProblem> problems) {
        if (absent(node)) {
            problems.add(new FieldProblem(TOTAL_AMOUNT, "Enter the total amount, for example 12000.00."));
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        String text = node.isTextual() ? node.asText().trim() : node.toString();
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(TOTAL_AMOUNT, "The total amount \"" + text
                    + "\" is not a number; write it like 12000.00, without currency symbol or thousands separators."));
            return null;
        }
    }

    private static void checkTotal(BigDecimal total, Currency currency, List<FieldProblem> problems) {
        if (total.signum() <= 0) {
            problems.add(new FieldProblem(TOTAL_AMOUNT, "The total amount must be greater than zero."));
            return;
        }
        if (currency == null) {
            return;
        }
        int digits = currency.getDefaultFractionDigits();
        String code = currency.getCurrencyCode();
        if (total.stripTrailingZeros().scale() > digits) {
            problems.add(new FieldProblem(TOTAL_AMOUNT, digits == 0
                    ? "The total amount " + total.toPlainString() + " has decimals, but " + code
                            + " has no minor unit. Enter a whole amount."
                    : "The total amount " + total.toPlainString() + " has more decimal places than " + code
                            + " allows (" + digits + "). Round it to " + digits + " decimal places."));
            return;
        }
        if (total.movePointRight(digits).compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            problems.add(new FieldProblem(TOTAL_AMOUNT, "The total amount " + total.toPlainString()
                    + " is too large to charge."));
        }
    }

    private static LocalDate readDate(JsonNode node, String field, String label, List<FieldProblem> problems) {
        if (absent(node)) {
            problems.add(new FieldProblem(field, "Enter the " + label + " as YYYY-MM-DD, for example 2027-01-15."));
            return null;
        }
        String text = node.isTextual() ? node.asText().trim() : node.toString();
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "The " + label + " \"" + text
                    + "\" is not a date; write it as YYYY-MM-DD, for example 2027-01-15."));
            return null;
        }
    }

    private static Integer readFrequency(JsonNode node, List<FieldProblem> problems) {
        if (absent(node)) {
            problems.add(new FieldProblem(FREQUENCY_DAYS, "Choose a frequency of " + FREQUENCY_CHOICES));
            return null;
        }
        // Flows and picklists send numbers as text; both are fine.
        String text = node.isTextual() ? node.asText().trim() : node.toString();
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(FREQUENCY_DAYS, "The frequency \"" + text
                    + "\" is not a whole number of days; choose " + FREQUENCY_CHOICES));
            return null;
        }
    }

    private static void checkFrequency(int frequencyDays, List<FieldProblem> problems) {
        if (!FREQUENCIES.contains(frequencyDays)) {
            problems.add(new FieldProblem(FREQUENCY_DAYS,
                    "Frequency " + frequencyDays + " is not offered; choose " + FREQUENCY_CHOICES));
        }
    }

    private static void checkDates(LocalDate first, LocalDate end, List<FieldProblem> problems) {
        if (end.isBefore(first)) {
            problems.add(new FieldProblem(END_DATE, "The end date " + end + " is before the first payment date "
                    + first + ". Choose an end date after the first payment."));
        }
    }

    private static <E> E readChoice(JsonNode node, String field, List<FieldProblem> problems,
                                    Function<String, Optional<E>> reader,
                                    String whenMissing, String whenUnknown) {
        if (absent(node)) {
            problems.add(new FieldProblem(field, whenMissing));
            return null;
        }
        String text = node.isTextual() ? node.asText() : node.toString();
        return reader.apply(text).orElseGet(() -> {
            problems.add(new FieldProblem(field, String.format(whenUnknown, "\"" + text.trim() + "\"")));
            return null;
        });
    }
}
