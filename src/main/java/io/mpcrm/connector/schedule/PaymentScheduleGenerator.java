package io.mpcrm.connector.schedule;

import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.RequestRejected;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a seller's schedule parameters into installments: evenly split amounts on evenly spaced dates.
 *
 * <p>Business Day reading: the frequency is counted in weekdays ("weekends are not counted"), so 30 business days
 * is six weeks, not 30 calendar days nudged off a weekend; this keeps every gap equal in working days and never
 * lands on a Saturday or Sunday. A first payment date on a weekend moves to the following Monday.
 *
 * <p>No charge falls after the end date: the first payment is charged on its (weekday) date, later ones every
 * {@code frequencyDays} while they fall on or before the end date, and a first payment that a weekend shift would
 * push past the end date is refused rather than charged late.
 */
public class PaymentScheduleGenerator {

    private static final int WEEKDAYS_PER_WEEK = 5;

    /**
     * @throws RequestRejected when the schedule breaks an AWS Marketplace rule (too many installments), would charge
     *                         after the end date, or the total cannot give every installment at least one minor unit
     */
    public PaymentSchedule generate(PaymentScheduleInput input) {
        LocalDate first = firstChargeDate(input);
        if (first.isAfter(input.endDate())) {
            throw new RequestRejected(List.of(new FieldProblem(PaymentScheduleInput.FIRST_PAYMENT_DATE,
                    "The first payment date " + input.firstPaymentDate() + " is a "
                            + dayName(input.firstPaymentDate()) + "; Business Day counting moves it to "
                            + dayName(first) + " " + first + ", after the end date " + input.endDate()
                            + ". Choose a weekday first payment date, an end date on or after " + first
                            + ", or Calendar Day counting.")));
        }
        long count = installmentCount(input, first);
        if (count > PaymentSchedule.MAX_INSTALLMENTS) {
            throw new RequestRejected(List.of(new FieldProblem(PaymentScheduleInput.END_DATE,
                    "This schedule would need " + count + " installments; AWS Marketplace allows at most "
                            + PaymentSchedule.MAX_INSTALLMENTS
                            + ". Choose a longer frequency or an earlier end date.")));
        }
        int n = (int) count;
        long total = input.totalAmountMinor();
        if (total < n) {
            BigDecimal smallest = BigDecimal.ONE.movePointLeft(input.currency().getDefaultFractionDigits());
            throw new RequestRejected(List.of(new FieldProblem(PaymentScheduleInput.TOTAL_AMOUNT,
                    "The total amount " + input.totalAmount().toPlainString() + " " + input.currency().getCurrencyCode()
                            + " cannot be split into " + n + " installments of at least " + smallest.toPlainString()
                            + " each. Raise the total, choose a longer frequency or an earlier end date.")));
        }

        long even = total / n;
        long remainder = total % n;
        int absorbing = input.remainder() == Remainder.FRONTLOAD ? 1 : n;
        List<Installment> installments = new ArrayList<>(n);
        LocalDate date = first;
        for (int number = 1; number <= n; number++) {
            long amount = number == absorbing ? even + remainder : even;
            installments.add(new Installment(number, date, amount, input.currency()));
            date = next(date, input);
        }
        return new PaymentSchedule(input.currency(), installments);
    }

    private static LocalDate firstChargeDate(PaymentScheduleInput input) {
        LocalDate first = input.firstPaymentDate();
        if (input.dayCounting() == DayCounting.BUSINESS_DAY) {
            while (isWeekend(first)) {
                first = first.plusDays(1);
            }
        }
        return first;
    }

    // Counted, not enumerated, so an end date centuries away is explained instead of looped over.
    private static long installmentCount(PaymentScheduleInput input, LocalDate first) {
        LocalDate end = input.endDate();
        if (end.isBefore(first)) {
            return 1;
        }
        long span = input.dayCounting() == DayCounting.BUSINESS_DAY
                ? weekdaysAfter(first, end)
                : ChronoUnit.DAYS.between(first, end);
        return span / input.frequencyDays() + 1;
    }

    private static LocalDate next(LocalDate date, PaymentScheduleInput input) {
        return input.dayCounting() == DayCounting.BUSINESS_DAY
                ? plusWeekdays(date, input.frequencyDays())
                : date.plusDays(input.frequencyDays());
    }

    /** The weekday {@code weekdays} weekdays after {@code weekday}, which must itself be a weekday. */
    static LocalDate plusWeekdays(LocalDate weekday, int weekdays) {
        LocalDate date = weekday.plusWeeks(weekdays / WEEKDAYS_PER_WEEK);
        for (int left = weekdays % WEEKDAYS_PER_WEEK; left > 0; left--) {
            do {
                date = date.plusDays(1);
            } while (isWeekend(date));
        }
        return date;
    }

    /** How many weekdays fall after {@code from} and on or before {@code to}. */
    static long weekdaysAfter(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        long weekdays = days / 7 * WEEKDAYS_PER_WEEK;
        LocalDate date = from.plusDays(days / 7 * 7);
        while (date.isBefore(to)) {
            date = date.plusDays(1);
            if (!isWeekend(date)) {
                weekdays++;
            }
        }
        return weekdays;
    }

    private static String dayName(LocalDate date) {
        return date.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.US);
    }

    private static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }
}
