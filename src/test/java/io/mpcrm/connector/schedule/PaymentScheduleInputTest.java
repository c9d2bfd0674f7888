package io.mpcrm.connector.schedule;

import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.RequestRejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PaymentScheduleInputTest {

    private static final String SELLER_INPUT = """
            {"totalAmount":"12000.00","currency":"USD","firstPaymentDate":"2027-01-15","endDate":"2027-12-31",
             "frequencyDays":30,"remainder":"FRONTLOAD","dayCounting":"BUSINESS_DAY"}""";

    @Test
    void theButtonsJsonInputBecomesTheSellersScheduleParameters() {
        PaymentScheduleInput input = PaymentScheduleInput.parse(SELLER_INPUT);

        assertThat(input).isEqualTo(new PaymentScheduleInput(new BigDecimal("12000.00"), Currency.getInstance("USD"),
                LocalDate.of(2027, 1, 15), LocalDate.of(2027, 12, 31), 30, Remainder.FRONTLOAD,
                DayCounting.BUSINESS_DAY));
        assertThat(input.totalAmountMinor()).isEqualTo(1_200_000L);
    }

    @Test
    void numbersMayArriveAsJsonNumbersOrAsTextFromAFlow() {
        PaymentScheduleInput input = PaymentScheduleInput.parse("""
                {"totalAmount":12000.10,"currency":"EUR","firstPaymentDate":"2027-01-15","endDate":"2027-12-31",
                 "frequencyDays":"90","remainder":"Backend","dayCounting":"Calendar Day"}""");

        assertThat(input.totalAmount()).isEqualByComparingTo("12000.10");
        assertThat(input.totalAmountMinor()).isEqualTo(1_200_010L);
        assertThat(input.frequencyDays()).isEqualTo(90);
    }

    @Test
    void trailingZerosBeyondTheMinorUnitAreNotExtraPrecision() {
        PaymentScheduleInput input = PaymentScheduleInput.parse(with("totalAmount", "\"12000.000\""));

        assertThat(input.totalAmountMinor()).isEqualTo(1_200_000L);
    }

    @ParameterizedTest(name = "remainder \"{0}\" means {1}")
    @CsvSource({
            "FRONTLOAD, FRONTLOAD", "frontload, FRONTLOAD", "Frontload, FRONTLOAD", "Front Load, FRONTLOAD",
            "BACKEND, BACKEND", "backend, BACKEND", "Backend, BACKEND", "back_end, BACKEND"})
    void theRemainderPicklistIsReadHoweverItIsSpelled(String sent, Remainder meant) {
        assertThat(PaymentScheduleInput.parse(with("remainder", "\"" + sent + "\"")).remainder()).isEqualTo(meant);
    }

    @ParameterizedTest(name = "day counting \"{0}\" means {1}")
    @CsvSource({
            "CALENDAR_DAY, CALENDAR_DAY", "Calendar Day, CALENDAR_DAY", "calendar day, CALENDAR_DAY",
            "calendar_day, CALENDAR_DAY", "BUSINESS_DAY, BUSINESS_DAY", "Business Day, BUSINESS_DAY",
            "business day, BUSINESS_DAY", "Business_Day, BUSINESS_DAY"})
    void theDayCountingPicklistIsReadHoweverItIsSpelled(String sent, DayCounting meant) {
        assertThat(PaymentScheduleInput.parse(with("dayCounting", "\"" + sent + "\"")).dayCounting())
                .isEqualTo(meant);
    }

    @ParameterizedTest(name = "{0} = {1} is explained on {0}")
    @CsvSource(delimiter = '|', textBlock = """
            totalAmount      | "0"            | The total amount must be greater than zero.
            totalAmount      | "-5.00"        | The total amount must be greater than zero.
            totalAmount      | "12000.005"    | The total amount 12000.005 has more decimal places than USD allows (2). Round it to 2 decimal places.
            totalAmount      | "$12,000"      | The total amount "$12,000" is not a number; write it like 12000.00, without currency symbol or thousands separators.
            totalAmount      | null           | Enter the total amount, for example 12000.00.
            currency         | "usd"          | The currency "usd" is not a three-letter ISO 4217 code in capitals, such as USD, EUR or JPY.
            currency         | "ABC"          | The currency ABC is not an ISO 4217 currency; use a code such as USD, EUR or JPY.
            currency         | "XAU"          | The currency XAU cannot be charged; use a currency such as USD, EUR or JPY.
            currency         | ""             | Enter the currency as a three-letter code, for example USD.
            firstPaymentDate | "15/01/2027"   | The first payment date "15/01/2027" is not a date; write it as YYYY-MM-DD, for example 2027-01-15.
            firstPaymentDate | "2027-02-30"   | The first payment date "2027-02-30" is not a date; write it as YYYY-MM-DD, for example 2027-01-15.
            endDate          | "2026-12-01"   | The end date 2026-12-01 is before the first payment date 2027-01-15. Choose an end date after the first payment.
            endDate          | null           | Enter the end date as YYYY-MM-DD, for example 2027-01-15.
            frequencyDays    | 45             | Frequency 45 is not offered; choose 15, 30, 90 or 365 days.
            frequencyDays    | "monthly"      | The frequency "monthly" is not a whole number of days; choose 15, 30, 90 or 365 days.
            frequencyDays    | null           | Choose a frequency of 15, 30, 90 or 365 days.
            remainder        | "Middle"       | The remainder placement "Middle" is not offered; choose Frontload (first installment) or Backend (last installment).
            remainder        | null           | Choose where the remainder goes: Frontload (first installment) or Backend (last installment).
            dayCounting      | "Lunar Day"    | The day counting "Lunar Day" is not offered; choose Calendar Day or Business Day.
            dayCounting      | null           | Choose the day counting: Calendar Day or Business Day.
            """)
    void everyInvalidParameterIsExplainedOnItsField(String field, String json, String message) {
        RequestRejected rejected = rejectionOf(with(field, json));

        assertThat(rejected.problems()).containsExactly(new FieldProblem(field, message));
    }

    @Test
    void yenWithDecimalsAreExplainedAsHavingNoMinorUnit() {
        RequestRejected rejected = rejectionOf(with("currency", "\"JPY\"").replace("12000.00", "1000.5"));

        assertThat(rejected.problems()).containsExactly(new FieldProblem("totalAmount",
                "The total amount 1000.5 has decimals, but JPY has no minor unit. Enter a whole amount."));
    }

    @Test
    void aSellerWhoGotSeveralThingsWrongSeesThemAllAtOnce() {
        RequestRejected rejected = rejectionOf("""
                {"totalAmount":"0","currency":"USD","firstPaymentDate":"2027-01-15","endDate":"2026-12-01",
                 "frequencyDays":45,"remainder":"Middle","dayCounting":"BUSINESS_DAY"}""");

        assertThat(byField(rejected)).containsExactly(
                Map.entry("totalAmount", "The total amount must be greater than zero."),
                Map.entry("endDate", "The end date 2026-12-01 is before the first payment date 2027-01-15. "
                        + "Choose an end date after the first payment."),
                Map.entry("frequencyDays", "Frequency 45 is not offered; choose 15, 30, 90 or 365 days."),
                Map.entry("remainder", "The remainder placement \"Middle\" is not offered; choose Frontload "
                        + "(first installment) or Backend (last installment)."));
        assertThat(rejected.getMessage()).startsWith("totalAmount: The total amount must be greater than zero.\n");
    }

    @Test
    void anEmptyObjectAsksForEveryParameter() {
        assertThat(byField(rejectionOf("{}")).keySet()).containsExactly(
                "totalAmount", "currency", "firstPaymentDate", "endDate", "frequencyDays", "remainder", "dayCounting");
    }

    @Test
    void brokenJsonIsExplainedWithWhereItBroke() {
        RequestRejected rejected = rejectionOf("{\"totalAmount\": \"12000.00\",");

        assertThat(rejected.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("input");
            assertThat(problem.message()).startsWith("The schedule parameters are not valid JSON: ").contains("line 1");
        });
    }

    @Test
    void emptyInputOrAJsonListIsExplainedAsNotTheExpectedObject() {
        for (String notAnObject : new String[] {null, "", "  ", "[1, 2]", "\"12000\""}) {
            assertThat(rejectionOf(notAnObject).problems()).singleElement().satisfies(problem -> {
                assertThat(problem.field()).isEqualTo("input");
                assertThat(problem.message()).startsWith("The schedule parameters are not valid JSON: ");
            });
        }
    }

    @Test
    void parametersBuiltInCodeObeyTheSameRulesAsParsedOnes() {
        assertThatThrownBy(() -> new PaymentScheduleInput(new BigDecimal("10.001"), Currency.getInstance("USD"),
                LocalDate.of(2027, 1, 15), LocalDate.of(2027, 1, 1), 7, Remainder.BACKEND, DayCounting.CALENDAR_DAY))
                .isInstanceOfSatisfying(RequestRejected.class, rejected -> assertThat(byField(rejected).keySet())
                        .containsExactlyInAnyOrder("totalAmount", "frequencyDays", "endDate"));
    }

    /** The seller's valid input with one field replaced by a JSON value, or removed when that value is null. */
    private static String with(String field, String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("totalAmount", "\"12000.00\"");
        fields.put("currency", "\"USD\"");
        fields.put("firstPaymentDate", "\"2027-01-15\"");
        fields.put("endDate", "\"2027-12-31\"");
        fields.put("frequencyDays", "30");
        fields.put("remainder", "\"FRONTLOAD\"");
        fields.put("dayCounting", "\"BUSINESS_DAY\"");
        if ("null".equals(json)) {
            fields.remove(field);
        } else {
            fields.put(field, json);
        }
        return fields.entrySet().stream()
                .map(entry -> "\"" + entry.getKey() + "\":" + entry.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static RequestRejected rejectionOf(String json) {
        return catchThrowableOfType(() -> PaymentScheduleInput.parse(json), RequestRejected.class);
    }

    private static Map<String, String> byField(RequestRejected rejected) {
        return rejected.problems().stream().collect(Collectors.toMap(FieldProblem::field, FieldProblem::message,
                (first, second) -> first + " / " + second, LinkedHashMap::new));
    }
}
