package io.mpcrm.connector.schedule;

import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.RequestRejected;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PaymentScheduleGeneratorTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");

    private final PaymentScheduleGenerator generator = new PaymentScheduleGenerator();

    @Test
    void aTwelveThousandDollarAnnualContractPaidMonthlyFromFifteenthOfJanuaryGivesTwelveThousandDollarInstallments() {
        PaymentSchedule schedule = generator.generate(new PaymentScheduleInput(new BigDecimal("12000.00"), USD,
                date("2027-01-15"), date("2027-12-31"), 30, Remainder.FRONTLOAD, DayCounting.CALENDAR_DAY));

        assertThat(schedule.installments()).extracting(Installment::chargeDate).containsExactly(
                date("2027-01-15"), date("2027-02-14"), date("2027-03-16"), date("2027-04-15"),
                date("2027-05-15"), date("2027-06-14"), date("2027-07-14"), date("2027-08-13"),
                date("2027-09-12"), date("2027-10-12"), date("2027-11-11"), date("2027-12-11"));
        assertThat(schedule.installments()).extracting(Installment::amount)
                .containsOnly(new BigDecimal("1000.00"));
        assertThat(schedule.installments()).extracting(Installment::number)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(schedule.total()).isEqualTo(new BigDecimal("12000.00"));
    }

    @Test
    void oneHundredDollarsOverThreeInstallmentsFrontloadedChargesTheExtraCentFirst() {
        PaymentSchedule schedule = generator.generate(threeMonthly("100.00", USD, Remainder.FRONTLOAD));

        assertThat(schedule.installments()).extracting(Installment::amount).containsExactly(
                new BigDecimal("33.34"), new BigDecimal("33.33"), new BigDecimal("33.33"));
    }

    @Test
    void oneHundredDollarsOverThreeInstallmentsBackendChargesTheExtraCentLast() {
        PaymentSchedule schedule = generator.generate(threeMonthly("100.00", USD, Remainder.BACKEND));

        assertThat(schedule.installments()).extracting(Installment::amount).containsExactly(
                new BigDecimal("33.33"), new BigDecimal("33.33"), new BigDecimal("33.34"));
    }

    @Test
    void yenHaveNoMinorUnitSoTheRemainderIsWholeYen() {
        PaymentSchedule schedule = generator.generate(threeMonthly("100000", JPY, Remainder.FRONTLOAD));

        assertThat(schedule.installments()).extracting(Installment::amountMinor).containsExactly(33334L, 33333L, 33333L);
        assertThat(schedule.installments()).extracting(Installment::amount).containsExactly(
                new BigDecimal("33334"), new BigDecimal("33333"), new BigDecimal("33333"));
        assertThat(schedule.currency()).isEqualTo(JPY);
    }

    @Test
    void underBusinessDaysAFirstPaymentOnSaturdayMovesToMondayAndEachGapIsThirtyWorkingDays() {
        PaymentSchedule schedule = generator.generate(new PaymentScheduleInput(new BigDecimal("4000.00"), USD,
                date("2027-01-16"), date("2027-06-30"), 30, Remainder.FRONTLOAD, DayCounting.BUSINESS_DAY));

        assertThat(date("2027-01-16").getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(schedule.installments()).extracting(Installment::chargeDate).containsExactly(
                date("2027-01-18"), date("2027-03-01"), date("2027-04-12"), date("2027-05-24"));
        assertThat(schedule.installments()).extracting(Installment::amount)
                .containsOnly(new BigDecimal("1000.00"));
    }

    @Test
    void underBusinessDaysAWeekendStartThatWouldMovePastTheEndDateIsRefusedInsteadOfChargedAfterIt() {
        PaymentScheduleInput saturdayToSunday = new PaymentScheduleInput(new BigDecimal("500.00"), USD,
                date("2026-12-12"), date("2026-12-13"), 30, Remainder.BACKEND, DayCounting.BUSINESS_DAY);

        RequestRejected rejected = catchThrowableOfType(() -> generator.generate(saturdayToSunday),
                RequestRejected.class);

        assertThat(rejected.problems()).containsExactly(new FieldProblem("firstPaymentDate",
                "The first payment date 2026-12-12 is a Saturday; Business Day counting moves it to Monday 2026-12-14,"
                        + " after the end date 2026-12-13. Choose a weekday first payment date, an end date on or after"
                        + " 2026-12-14, or Calendar Day counting."));
    }

    @Test
    void underBusinessDaysAWeekendStartWithTheEndDateOnTheMondayIsChargedOnceOnThatMonday() {
        PaymentSchedule schedule = generator.generate(new PaymentScheduleInput(new BigDecimal("500.00"), USD,
                date("2026-12-12"), date("2026-12-14"), 30, Remainder.BACKEND, DayCounting.BUSINESS_DAY));

        assertThat(schedule.installments()).containsExactly(new Installment(1, date("2026-12-14"), 50000L, USD));
    }

    @Test
    void anEndDateOnTheFirstPaymentDateGivesOneInstallmentOfTheWholeTotal() {
        PaymentSchedule schedule = generator.generate(new PaymentScheduleInput(new BigDecimal("999.99"), USD,
                date("2027-03-01"), date("2027-03-01"), 365, Remainder.BACKEND, DayCounting.CALENDAR_DAY));

        assertThat(schedule.installments()).containsExactly(new Installment(1, date("2027-03-01"), 99999L, USD));
    }

    @Test
    void aFortnightlyScheduleOverThreeYearsIsExplainedAsTooManyInstallments() {
        PaymentScheduleInput threeYearsFortnightly = new PaymentScheduleInput(new BigDecimal("36000.00"), USD,
                date("2027-01-01"), date("2029-12-16"), 15, Remainder.FRONTLOAD, DayCounting.CALENDAR_DAY);

        RequestRejected rejected = catchThrowableOfType(() -> generator.generate(threeYearsFortnightly),
                RequestRejected.class);

        assertThat(rejected.problems()).containsExactly(new FieldProblem("endDate",
                "This schedule would need 73 installments; AWS Marketplace allows at most 60. "
                        + "Choose a longer frequency or an earlier end date."));
    }

    @Test
    void sixtyInstallmentsAreStillAllowed() {
        PaymentSchedule schedule = generator.generate(new PaymentScheduleInput(new BigDecimal("6000.00"), USD,
                date("2027-01-01"), date("2027-01-01").plusDays(59 * 15), 15, Remainder.FRONTLOAD,
                DayCounting.CALENDAR_DAY));

        assertThat(schedule.installments()).hasSize(60);
    }

    @Test
    void anEndDateCenturiesAwayIsExplainedNotLoopedOver() {
        PaymentScheduleInput forever = new PaymentScheduleInput(new BigDecimal("1.00"), USD,
                date("2027-01-01"), LocalDate.MAX, 15, Remainder.FRONTLOAD, DayCounting.BUSINESS_DAY);

        RequestRejected rejected = catchThrowableOfType(() -> generator.generate(forever), RequestRejected.class);

        assertThat(rejected.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("endDate");
            assertThat(problem.message()).contains("AWS Marketplace allows at most 60");
        });
    }

    @Test
    void twoCentsCannotBeSplitIntoThreeInstallments() {
        RequestRejected rejected = catchThrowableOfType(
                () -> generator.generate(threeMonthly("0.02", USD, Remainder.FRONTLOAD)), RequestRejected.class);

        assertThat(rejected.problems()).containsExactly(new FieldProblem("totalAmount",
                "The total amount 0.02 USD cannot be split into 3 installments of at least 0.01 each. "
                        + "Raise the total, choose a longer frequency or an earlier end date."));
    }

    private static PaymentScheduleInput threeMonthly(String total, Currency currency, Remainder remainder) {
        return new PaymentScheduleInput(new BigDecimal(total), currency, date("2027-01-15"), date("2027-03-20"), 30,
                remainder, DayCounting.CALENDAR_DAY);
    }

    private static LocalDate date(String isoDate) {
        return LocalDate.parse(isoDate);
    }
}
