package io.mpcrm.connector.schedule;

import io.mpcrm.connector.request.RequestRejected;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Whatever a seller enters within the rules, the schedule charges exactly the total, on the dates asked for.
 * Dates are checked against a day-by-day walk written here, not against the generator's own arithmetic.
 */
class PaymentScheduleProperties {

    private static final LocalDate EARLIEST_START = LocalDate.of(2024, 1, 1);
    private static final int START_YEARS = 7;
    private static final List<String> MARKETPLACE_CURRENCIES = List.of("USD", "EUR", "GBP", "AUD", "JPY");

    private final PaymentScheduleGenerator generator = new PaymentScheduleGenerator();

    @Property(tries = 2000)
    void theInstallmentsAddUpToTheTotalWithTheRemainderWhereTheSellerAskedForIt(
            @ForAll("schedulesWithinSixtyInstallments") PaymentScheduleInput input) {
        List<LocalDate> walked = chargeDatesByWalking(input);
        int expectedCount = walked.size();
        Assume.that(input.totalAmountMinor() >= expectedCount);
        Assume.that(!walked.get(0).isAfter(input.endDate()));

        List<Installment> installments = generator.generate(input).installments();

        long total = input.totalAmountMinor();
        int n = installments.size();
        assertThat(installments.stream().mapToLong(Installment::amountMinor).sum()).isEqualTo(total);
        int absorbing = input.remainder() == Remainder.FRONTLOAD ? 0 : n - 1;
        for (int i = 0; i < n; i++) {
            long expected = total / n + (i == absorbing ? total % n : 0);
            assertThat(installments.get(i).amountMinor()).as("installment %d", i + 1).isEqualTo(expected);
            assertThat(installments.get(i).number()).isEqualTo(i + 1);
            assertThat(installments.get(i).currency()).isEqualTo(input.currency());
        }
        assertThat(installments).allSatisfy(installment -> assertThat(installment.amountMinor()).isPositive());
    }

    @Property(tries = 2000)
    void theChargeDatesAreEvenlySpacedAndCoverTheWholeTermWithinSixty(
            @ForAll("schedulesWithinSixtyInstallments") PaymentScheduleInput input) {
        List<LocalDate> walked = chargeDatesByWalking(input);
        Assume.that(input.totalAmountMinor() >= walked.size());
        Assume.that(!walked.get(0).isAfter(input.endDate()));

        List<LocalDate> dates = generator.generate(input).installments().stream()
                .map(Installment::chargeDate).toList();

        assertThat(dates).hasSizeBetween(1, PaymentSchedule.MAX_INSTALLMENTS).doesNotHaveDuplicates();
        assertThat(dates).isSortedAccordingTo(LocalDate::compareTo);
        for (int i = 1; i < dates.size(); i++) {
            LocalDate previous = dates.get(i - 1);
            LocalDate current = dates.get(i);
            assertThat(current).isAfter(previous);
            long gap = input.dayCounting() == DayCounting.BUSINESS_DAY
                    ? weekdaysWalkedAfter(previous, current)
                    : ChronoUnit.DAYS.between(previous, current);
            assertThat(gap).as("gap before installment %d", i + 1).isEqualTo(input.frequencyDays());
        }
        if (input.dayCounting() == DayCounting.BUSINESS_DAY) {
            assertThat(dates).noneMatch(PaymentScheduleProperties::isWeekend);
            assertThat(dates.get(0)).isEqualTo(nextWeekdayFrom(input.firstPaymentDate()));
        } else {
            assertThat(dates.get(0)).isEqualTo(input.firstPaymentDate());
        }
        assertThat(dates.get(dates.size() - 1)).as("no charge after the end date").isBeforeOrEqualTo(input.endDate());
        assertThat(dates).isEqualTo(walked);
    }

    @Property(tries = 500)
    void aFirstPaymentAWeekendShiftWouldPushPastTheEndDateIsRefusedOnTheFirstPaymentDate(
            @ForAll("weekendStartsEndingBeforeMonday") PaymentScheduleInput input) {
        LocalDate monday = nextWeekdayFrom(input.firstPaymentDate());
        Assume.that(monday.isAfter(input.endDate()));

        RequestRejected rejected = catchThrowableOfType(() -> generator.generate(input), RequestRejected.class);

        assertThat(rejected.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("firstPaymentDate");
            assertThat(problem.message()).contains("moves it to Monday " + monday)
                    .contains("after the end date " + input.endDate());
        });
    }

    @Property(tries = 500)
    void aScheduleBeyondSixtyInstallmentsIsRejectedOnTheEndDate(
            @ForAll("schedulesOfAnyLength") PaymentScheduleInput input) {
        int expectedCount = chargeDatesByWalking(input).size();
        Assume.that(expectedCount > PaymentSchedule.MAX_INSTALLMENTS);

        RequestRejected rejected = catchThrowableOfType(() -> generator.generate(input), RequestRejected.class);

        assertThat(rejected.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("endDate");
            assertThat(problem.message()).isEqualTo("This schedule would need " + expectedCount
                    + " installments; AWS Marketplace allows at most 60. "
                    + "Choose a longer frequency or an earlier end date.");
        });
    }

    @Property(tries = 300)
    void aTotalTooSmallToChargeEveryInstallmentAtLeastOneMinorUnitIsRejectedOnTheTotal(
            @ForAll("schedulesWithinSixtyInstallments") PaymentScheduleInput input) {
        int expectedCount = chargeDatesByWalking(input).size();
        Assume.that(expectedCount > 1);
        PaymentScheduleInput tooSmall = withTotalMinor(input, expectedCount - 1);

        RequestRejected rejected = catchThrowableOfType(() -> generator.generate(tooSmall), RequestRejected.class);

        assertThat(rejected.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.field()).isEqualTo("totalAmount"));
    }

    @Property
    void addingWeekdaysAndCountingThemAgreeWithAWalkOverTheCalendar(
            @ForAll("weekdays") LocalDate start, @ForAll @IntRange(min = 0, max = 400) int weekdays) {
        LocalDate later = PaymentScheduleGenerator.plusWeekdays(start, weekdays);

        assertThat(isWeekend(later)).isFalse();
        assertThat(weekdaysWalkedAfter(start, later)).isEqualTo(weekdays);
        assertThat(PaymentScheduleGenerator.weekdaysAfter(start, later.plusDays(3)))
                .isEqualTo(weekdaysWalkedAfter(start, later.plusDays(3)));
    }

    @Provide
    Arbitrary<PaymentScheduleInput> schedulesWithinSixtyInstallments() {
        // Whole steps 0..59 plus less than one step of slack: at most 60 calendar steps, and business steps are longer.
        return inputs(Arbitraries.integers().between(0, PaymentSchedule.MAX_INSTALLMENTS - 1));
    }

    @Provide
    Arbitrary<PaymentScheduleInput> schedulesOfAnyLength() {
        return inputs(Arbitraries.integers().between(PaymentSchedule.MAX_INSTALLMENTS, 300));
    }

    /** A first payment on Saturday or Sunday, and an end date on that weekend, not before the first payment. */
    @Provide
    Arbitrary<PaymentScheduleInput> weekendStartsEndingBeforeMonday() {
        Arbitrary<LocalDate> saturdays =
                startDates().map(d -> d.with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY)));
        return Combinators.combine(saturdays, Arbitraries.of(0, 1), Arbitraries.of(0, 1),
                        Arbitraries.of(PaymentScheduleInput.FREQUENCIES))
                .as((saturday, startDay, endDay, days) -> {
                    LocalDate first = saturday.plusDays(startDay);
                    return new PaymentScheduleInput(new BigDecimal("100.00"), Currency.getInstance("USD"), first,
                            first.plusDays(Math.min(endDay, 1 - startDay)), days, Remainder.FRONTLOAD,
                            DayCounting.BUSINESS_DAY);
                });
    }

    @Provide
    Arbitrary<LocalDate> weekdays() {
        return startDates().map(PaymentScheduleProperties::nextWeekdayFrom);
    }

    private static Arbitrary<PaymentScheduleInput> inputs(Arbitrary<Integer> wholeSteps) {
        Arbitrary<Long> totalMinor = Arbitraries.longs().between(1, 1_000_000_000L);
        Arbitrary<Currency> currency = Arbitraries.of(MARKETPLACE_CURRENCIES).map(Currency::getInstance);
        Arbitrary<Integer> frequency = Arbitraries.of(PaymentScheduleInput.FREQUENCIES);
        Arbitrary<Integer> slack = Arbitraries.integers().between(0, 364);
        return Combinators.combine(totalMinor, currency, startDates(), frequency, wholeSteps, slack,
                        Arbitraries.of(Remainder.class), Arbitraries.of(DayCounting.class))
                .as((total, code, first, days, steps, extra, remainder, counting) -> new PaymentScheduleInput(
                        BigDecimal.valueOf(total, code.getDefaultFractionDigits()), code, first,
                        first.plusDays((long) steps * days + extra % days), days, remainder, counting));
    }

    private static Arbitrary<LocalDate> startDates() {
        return Arbitraries.integers().between(0, START_YEARS * 366).map(EARLIEST_START::plusDays);
    }

    private static PaymentScheduleInput withTotalMinor(PaymentScheduleInput input, long totalMinor) {
        return new PaymentScheduleInput(
                BigDecimal.valueOf(totalMinor, input.currency().getDefaultFractionDigits()), input.currency(),
                input.firstPaymentDate(), input.endDate(), input.frequencyDays(), input.remainder(),
                input.dayCounting());
    }

    /** The expected charge dates, found one day at a time. */
    private static List<LocalDate> chargeDatesByWalking(PaymentScheduleInput input) {
        boolean business = input.dayCounting() == DayCounting.BUSINESS_DAY;
        LocalDate date = business ? nextWeekdayFrom(input.firstPaymentDate()) : input.firstPaymentDate();
        List<LocalDate> dates = new ArrayList<>(List.of(date));
        while (true) {
            int counted = 0;
            while (counted < input.frequencyDays()) {
                date = date.plusDays(1);
                if (!business || !isWeekend(date)) {
                    counted++;
                }
            }
            if (date.isAfter(input.endDate())) {
                break;
            }
            dates.add(date);
        }
        return dates;
    }

    private static long weekdaysWalkedAfter(LocalDate from, LocalDate to) {
        return from.datesUntil(to.plusDays(1)).skip(1).filter(date -> !isWeekend(date)).count();
    }

    private static LocalDate nextWeekdayFrom(LocalDate date) {
        return isWeekend(date) ? nextWeekdayFrom(date.plusDays(1)) : date;
    }

    private static boolean isWeekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
