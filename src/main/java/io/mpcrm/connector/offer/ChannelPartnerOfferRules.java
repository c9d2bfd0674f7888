package io.mpcrm.connector.offer;

import static io.mpcrm.connector.offer.OfferFieldRules.blank;
import static io.mpcrm.connector.offer.OfferScheduleRules.schedule;
import static io.mpcrm.connector.offer.OfferValidator.ACCOUNT;
import static io.mpcrm.connector.offer.OfferValidator.BUYER_ACCOUNTS;
import static io.mpcrm.connector.offer.OfferValidator.CURRENCY;
import static io.mpcrm.connector.offer.OfferValidator.INSTALLMENTS;
import static io.mpcrm.connector.offer.OfferValidator.MARKUP;
import static io.mpcrm.connector.offer.OfferValidator.MAX_CHANNEL_PARTNER_BUYERS;
import static io.mpcrm.connector.offer.OfferValidator.RESELLER_CONTRACT;
import static io.mpcrm.connector.offer.OfferValidator.SERVICE_END;
import static io.mpcrm.connector.offer.OfferValidator.SERVICE_LENGTH;
import static io.mpcrm.connector.offer.OfferValidator.SERVICE_START;
import static io.mpcrm.connector.offer.OfferValidator.SHARED_RESALE_AUTHORIZATION;

import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.request.Today;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorization;
import io.mpcrm.connector.terms.ScheduledCharge;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a channel partner offer must keep of the shared resale authorization it is made on: an
 * authorization still open, its buyers, a markup, the reseller contract, its currency, duration and installments.
 */
final class ChannelPartnerOfferRules {

    private ChannelPartnerOfferRules() {
    }

    /** Whether the authorization can still take an offer, and whether this offer stays within it. */
    static void check(PrivateOffer offer, SharedResaleAuthorization authorization,
            boolean resellerContractAccepted, LocalDate today, OfferProblems problems) {
        String name = authorization.name() + " (" + authorization.resaleAuthorizationId() + ")";
        if (authorization.expiredOn(today)) {
            problems.add(SHARED_RESALE_AUTHORIZATION, "The resale authorization " + name + " expired"
                    + (authorization.expiration() == null ? "" : " on " + authorization.expiration() + " ("
                    + Today.named(today) + ")") + ": ask the ISV for a new one, then refresh shared resale"
                    + " authorizations.");
        } else if (!"Active".equals(authorization.status())) {
            problems.add(SHARED_RESALE_AUTHORIZATION, "The resale authorization " + name + " is "
                    + authorization.status() + ", not Active: the ISV no longer allows new offers on it. Ask the ISV"
                    + " for a new resale authorization, refresh shared resale authorizations and make the offer on"
                    + " that one.");
        }
        if (authorization.usedUp()) {
            problems.add(SHARED_RESALE_AUTHORIZATION, "The one-time resale authorization " + name + " already has"
                    + " its offer (" + authorization.offerStatus() + "); ask the ISV for a new authorization.");
        }
        channelPartnerBuyers(offer, authorization, problems);
        BigDecimal markup = offer.origin().markupPercentage();
        if (markup == null) {
            problems.add(MARKUP, "Enter your markup on the wholesale price as a percentage (0 for none).");
        } else if (markup.signum() < 0) {
            problems.add(MARKUP, "The markup " + markup.toPlainString() + "% is negative; enter 0 or more.");
        }
        if (!resellerContractAccepted) {
            problems.add(RESELLER_CONTRACT, "Tick Reseller Contract Accepted: the ISV's reseller contract on the"
                    + " authorization binds every offer made on it.");
        }
        if (!blank(offer.currency()) && authorization.currency() != null
                && !authorization.currency().equals(offer.currency())) {
            problems.add(CURRENCY, "The authorization is priced in " + authorization.currency() + "; set the"
                    + " currency to " + authorization.currency() + ".");
        }
        channelPartnerDuration(offer, authorization, problems);
        channelPartnerSchedule(offer, authorization, markup, today, problems);
    }

    static void channelPartnerBuyers(PrivateOffer offer, SharedResaleAuthorization authorization,
            OfferProblems problems) {
        if (offer.buyerAccounts().size() > MAX_CHANNEL_PARTNER_BUYERS) {
            problems.add(BUYER_ACCOUNTS, "A channel partner offer can target at most " + MAX_CHANNEL_PARTNER_BUYERS
                    + " buyer accounts; " + offer.buyerAccounts().size() + " are listed.");
        }
        if (authorization.buyerAccounts().isEmpty()) {
            return;
        }
        offer.buyerAccounts().stream().filter(b -> b != null && ACCOUNT.matcher(b).matches())
                .filter(b -> !authorization.buyerAccounts().contains(b))
                .forEach(b -> problems.add(BUYER_ACCOUNTS, "Buyer account " + b + " is not one the resale"
                        + " authorization allows; target only " + String.join(", ", authorization.buyerAccounts())
                        + "."));
    }

    /** Agreement durations and dates are the ISV's: the same length, and a future start no later than allowed. */
    static void channelPartnerDuration(PrivateOffer offer, SharedResaleAuthorization authorization,
            OfferProblems problems) {
        String duration = authorization.duration();
        if (offer.futureDated()) {
            if (authorization.maximumStart() == null) {
                problems.add(SERVICE_START, "The resale authorization does not allow future dated agreements;"
                        + " clear the start and end dates.");
            } else if (offer.serviceStart() != null && offer.serviceStart().isAfter(authorization.maximumStart())) {
                problems.add(SERVICE_START, "The resale authorization allows agreements starting no later than "
                        + authorization.maximumStart() + "; move the start date.");
            }
            if (duration != null && offer.serviceStart() != null && offer.serviceEnd() != null
                    && !duration.equals(ServiceLength.span(offer.serviceStart(), offer.serviceEnd()))) {
                problems.add(SERVICE_END, "The resale authorization prices a " + duration + " agreement; the dates"
                        + " span " + ServiceLength.span(offer.serviceStart(), offer.serviceEnd()) + ".");
            }
        } else if (duration != null && offer.serviceLength() != null && !duration.equals(offer.serviceLength())) {
            problems.add(SERVICE_LENGTH, "The resale authorization prices a " + duration + " agreement; set Service"
                    + " Length to " + duration + ".");
        }
    }

    /**
     * Installments are the ISV's, marked up; only without a markup may the partner send its own, and then "payment
     * dates can't be changed" and each amount must be "greater than or equal to what is provided in Resale
     * Authorization" (INCOMPATIBLE_RESALE_AUTHORIZATION,
     * https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-cppos.html#update-payment-schedule-terms-cppo).
     */
    static void channelPartnerSchedule(PrivateOffer offer, SharedResaleAuthorization authorization,
            BigDecimal markup, LocalDate today, OfferProblems problems) {
        List<ScheduledCharge> own = offer.installmentsEnabled() ? offer.schedule() : List.of();
        List<ScheduledCharge> isv = authorization.schedule();
        if (isv.isEmpty()) {
            if (!own.isEmpty()) {
                problems.add(INSTALLMENTS, "The resale authorization has no payment schedule, so the offer cannot"
                        + " have one: delete the installments and untick Installments Enabled.");
            }
            return;
        }
        if (own.isEmpty() || sameSchedule(own, isv)) {
            return; // the ISV's installments, as they are or marked up
        }
        if (markup != null && markup.signum() > 0) {
            problems.add(INSTALLMENTS, "With a markup the buyer pays the ISV's installments marked up; your own"
                    + " installment amounts cannot be combined with it. Restore the authorization's " + isv.size()
                    + " installments, or set the markup to 0.");
            return;
        }
        // Without a markup the partner's own installments are sent, so they must pass AWS's schedule rules.
        schedule(offer, null, today, problems);
        keepsTheIsvsInstallments(own, isv, problems);
    }

    /** The partner's own installments on the ISV's dates, each at least the ISV's amount on that date. */
    static void keepsTheIsvsInstallments(List<ScheduledCharge> own, List<ScheduledCharge> isv,
            OfferProblems problems) {
        java.util.Map<LocalDate, BigDecimal> isvAmounts = new java.util.TreeMap<>();
        isv.forEach(c -> isvAmounts.put(c.chargeDate(), c.amount()));
        String dates = isvAmounts.keySet().stream().map(LocalDate::toString).collect(Collectors.joining(", "));
        Set<LocalDate> kept = new HashSet<>();
        for (ScheduledCharge charge : own) {
            if (charge.chargeDate() == null) {
                continue;
            }
            String field = OfferFields.INSTALLMENT + " " + charge.chargeDate();
            BigDecimal floor = isvAmounts.get(charge.chargeDate());
            if (floor == null) {
                problems.add(field, "The installment of " + charge.chargeDate() + " is not on one of the resale"
                        + " authorization's charge dates (" + dates + "): AWS keeps the ISV's dates; move it to"
                        + " one of them.");
                continue;
            }
            kept.add(charge.chargeDate());
            if (charge.amount() != null && charge.amount().compareTo(floor) < 0) {
                problems.add(field, "The installment of " + charge.chargeDate() + " is "
                        + charge.amount().toPlainString() + ", less than the resale authorization's "
                        + floor.toPlainString() + " on that date: your own amounts may only be at least the ISV's;"
                        + " raise it to " + floor.toPlainString() + " or more.");
            }
        }
        isvAmounts.forEach((date, amount) -> {
            if (!kept.contains(date)) {
                problems.add(INSTALLMENTS, "The resale authorization charges " + amount.toPlainString() + " on "
                        + date + " and AWS keeps its dates: add an installment on " + date + " of at least "
                        + amount.toPlainString() + ".");
            }
        });
    }

    static boolean sameSchedule(List<ScheduledCharge> a, List<ScheduledCharge> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Objects.equals(a.get(i).chargeDate(), b.get(i).chargeDate())
                    || a.get(i).amount() == null
                    || a.get(i).amount().compareTo(b.get(i).amount()) != 0) {
                return false;
            }
        }
        return true;
    }
}
