package io.mpcrm.connector.offer;

import static io.mpcrm.connector.offer.OfferFieldRules.blank;
import static io.mpcrm.connector.offer.OfferValidator.INSTALLMENTS;
import static io.mpcrm.connector.offer.OfferValidator.MAX_INSTALLMENTS;
import static io.mpcrm.connector.offer.OfferValidator.ZERO_DOLLAR;

import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.request.Today;
import io.mpcrm.connector.terms.OfferDimension;
import io.mpcrm.connector.terms.ScheduledCharge;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules of a flexible payment schedule: its installments, their total against the rates, and a
 * zero-dollar offer without one.
 */
final class OfferScheduleRules {

    private OfferScheduleRules() {
    }

    static void schedule(PrivateOffer offer, OfferProduct product, LocalDate today, OfferProblems problems) {
        List<ScheduledCharge> schedule = offer.schedule();
        if (!offer.installmentsEnabled()) {
            if (!schedule.isEmpty()) {
                problems.add(INSTALLMENTS, "The offer has " + schedule.size() + " installments but Installments"
                        + " Enabled is not ticked: tick it, or delete the installments.");
            }
            return;
        }
        if (schedule.isEmpty()) {
            problems.add(INSTALLMENTS, "Installments are enabled but there are none: generate a payment schedule"
                    + " or untick Installments Enabled.");
            return;
        }
        if (product != null) {
            String model = offer.pricingModel();
            boolean saasContract = product.isSaaS() && PrivateOffer.CONTRACT.equals(model);
            boolean amiAnnual = product.isAmi() && PrivateOffer.USAGE.equals(model)
                    && !offer.upfrontDimensions().isEmpty();
            if (product.isContainer()) {
                problems.add(INSTALLMENTS, "Installment schedules are not available for Container products; untick"
                        + " Installments Enabled.");
            } else if (!saasContract && !amiAnnual) {
                problems.add(INSTALLMENTS, "Installment schedules are available for SaaS contracts and AMI annual"
                        + " pricing (Usage with Upfront P365D rates); untick Installments Enabled.");
            }
        }
        if (schedule.size() > MAX_INSTALLMENTS) {
            problems.add(INSTALLMENTS, "A payment schedule has at most " + MAX_INSTALLMENTS + " installments; this"
                    + " one has " + schedule.size() + ".");
        }
        LocalDate end = agreementEnd(offer);
        Set<LocalDate> dates = new HashSet<>();
        for (ScheduledCharge charge : schedule) {
            LocalDate date = charge.chargeDate();
            if (date == null) {
                problems.add(OfferFields.INSTALLMENT + " (no date)", "Enter the charge date of every installment.");
                continue;
            }
            String field = OfferFields.INSTALLMENT + " " + date;
            if (!dates.add(date)) {
                problems.add(field, "Two installments are charged on " + date + "; merge them or move one.");
            }
            if (date.isBefore(today)) {
                problems.add(field, "The installment of " + date + " is in the past (" + Today.named(today) + ");"
                        + " move it to today or later.");
            }
            if (end != null && !date.isBefore(end)) {
                problems.add(field, "The installment of " + date + " is not before the agreement ends (" + end
                        + "); move it earlier or lengthen the service.");
            }
            amount(charge, field, problems);
        }
    }

    /**
     * With installments the pricing term grants the units for 0 and AWS charges the buyer the installments (the rates
     * are not sent). Rates entered on the Upfront dimensions must then come to the installments' total, so that what
     * the seller reads on the rates is what the buyer pays; without rates the installments alone say it.
     */
    static void totals(PrivateOffer offer, OfferProblems problems) {
        if (!offer.flexiblePaymentSchedule()) {
            return;
        }
        List<OfferDimension> upfront = offer.upfrontDimensions().stream().filter(d -> !blank(d.key())).toList();
        List<OfferDimension> rated = upfront.stream().filter(d -> d.rate() != null).toList();
        if (rated.isEmpty()) {
            return;
        }
        if (rated.size() < upfront.size()) {
            String example = rated.get(0).key();
            upfront.stream().filter(d -> d.rate() == null).forEach(d -> problems.add(OfferFields.RATE + " "
                    + d.key() + "." + OfferFields.RATE_VALUE,
                    "With installments, " + example + " has a rate but " + d.key()
                    + " has none, so the rates cannot be checked against the installments: enter a rate on every"
                    + " Upfront dimension, or clear them all and let the installments say what the buyer pays."));
            return;
        }
        boolean countable = upfront.stream().allMatch(d -> d.quantity() != null && d.quantity() > 0)
                && offer.schedule().stream().allMatch(c -> c.amount() != null);
        if (!countable) {
            return; // a missing quantity or amount is already a problem of its own
        }
        BigDecimal rates = upfront.stream().map(d -> d.rate().multiply(BigDecimal.valueOf(d.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal installments = offer.schedule().stream().map(ScheduledCharge::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (rates.compareTo(installments) == 0) {
            return;
        }
        String currency = blank(offer.currency()) ? "" : " " + offer.currency();
        String lines = upfront.stream().map(d -> d.key() + " " + d.quantity() + " x " + money(d.rate(), offer))
                .collect(Collectors.joining(", "));
        problems.add(OfferFields.INSTALLMENT, "The installments total " + money(installments, offer) + currency
                + " but the rates come to " + money(rates, offer) + currency + " (" + lines + "). AWS charges the"
                + " buyer the installments, " + money(installments, offer) + currency + ": the rates are not sent."
                + " Make them agree: generate the payment schedule for " + money(rates, offer) + currency
                + ", or change the rates or quantities.");
    }

    /**
     * Zero Dollar Pricing says the buyer pays nothing ("offer every dimension at a price of 0"), while installments are
     * what AWS charges: a schedule that charges beside the tick would be released charging it.
     */
    static void zeroDollarSchedule(PrivateOffer offer, OfferProblems problems) {
        if (!offer.zeroDollar() || !offer.flexiblePaymentSchedule()) {
            return;
        }
        BigDecimal charged = offer.schedule().stream().map(ScheduledCharge::amount).filter(a -> a != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (charged.signum() > 0) {
            String currency = blank(offer.currency()) ? "" : " " + offer.currency();
            problems.add(ZERO_DOLLAR, "Zero Dollar Pricing offers every dimension at 0, but the "
                    + offer.schedule().size() + " installments charge the buyer " + money(charged, offer) + currency
                    + ": untick Zero Dollar Pricing to charge them, or delete the installments and untick Installments"
                    + " Enabled to offer it for 0.");
        }
    }

    /** An amount as a seller reads it, e.g. 12,000.00 (no decimals in yen). */
    static String money(BigDecimal amount, PrivateOffer offer) {
        int digits = 2;
        try {
            digits = java.util.Currency.getInstance(String.valueOf(offer.currency())).getDefaultFractionDigits();
        } catch (IllegalArgumentException unknownCurrency) {
            // The currency has a problem of its own; cents are the likely reading.
        }
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(java.util.Locale.US);
        format.setMinimumFractionDigits(Math.max(digits, 0));
        format.setMaximumFractionDigits(Math.max(digits, 3));
        return format.format(amount);
    }

    static void amount(ScheduledCharge charge, String field, OfferProblems problems) {
        BigDecimal amount = charge.amount();
        if (amount == null || amount.signum() <= 0) {
            problems.add(field, "Enter an amount above 0 for the installment of " + charge.chargeDate() + ".");
        } else if (amount.stripTrailingZeros().scale() > 2) {
            problems.add(field, "Installment amounts have at most 2 decimals; round " + amount.toPlainString()
                    + ".");
        }
    }

    /** The last day an agreement can run: the fixed end date, or expiry (latest acceptance) plus the length. */
    static LocalDate agreementEnd(PrivateOffer offer) {
        if (offer.futureDated() || offer.agreementEndDate() != null) {
            return offer.serviceEnd();
        }
        Optional<Period> length = ServiceLength.parse(offer.serviceLength());
        if (offer.expirationDate() == null || length.isEmpty()) {
            return null;
        }
        return offer.expirationDate().plus(length.get());
    }
}
