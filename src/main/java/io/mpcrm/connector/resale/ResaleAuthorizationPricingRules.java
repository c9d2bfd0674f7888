package io.mpcrm.connector.resale;

import static io.mpcrm.connector.fields.ResaleAuthorizationFields.EXPIRATION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.INSTALLMENTS_ENABLED;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.PRICING_MODEL;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE_KEY;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE_KIND;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE_QUANTITY;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE_VALUE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.SERVICE_LENGTH;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.USAGE;
import static io.mpcrm.connector.resale.ResaleAuthorizationValidator.MAX_INSTALLMENTS;
import static io.mpcrm.connector.resale.ResaleAuthorizationValidator.blank;

import io.mpcrm.connector.fields.ResaleAuthorizationFields;
import io.mpcrm.connector.offer.OfferProduct;
import io.mpcrm.connector.offer.ProductDimension;
import io.mpcrm.connector.terms.ScheduledCharge;
import io.mpcrm.connector.offer.ServiceLength;
import io.mpcrm.connector.request.ErrorText;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.Today;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pricing rules of a resale authorization: its pricing model and wholesale rates, and its installments.
 */
final class ResaleAuthorizationPricingRules {

    private ResaleAuthorizationPricingRules() {
    }

    static void pricing(ResaleAuthorization ra, OfferProduct product, List<FieldProblem> problems) {
        String model = ra.pricingModel();
        if (blank(model)) {
            problems.add(new FieldProblem(PRICING_MODEL.name(), "Choose Contract or Usage pricing."));
        } else if (!ResaleAuthorization.CONTRACT.equals(model) && !ResaleAuthorization.USAGE_PRICING.equals(model)) {
            problems.add(new FieldProblem(PRICING_MODEL.name(), "Resale authorizations are priced by Contract or"
                    + " Usage, not " + model + "."));
            model = null;
        }
        rates(ra, product, problems);
        if (ResaleAuthorization.CONTRACT.equals(model)) {
            if (ra.upfrontRates().isEmpty()) {
                problems.add(new FieldProblem(PRICING_MODEL.name(), "Contract pricing needs at least one Upfront"
                        + " wholesale rate on an Entitled dimension; add one, or choose Usage pricing."));
            }
            if (ServiceLength.parse(ra.serviceLength()).isEmpty()) {
                problems.add(new FieldProblem(SERVICE_LENGTH.name(), blank(ra.serviceLength())
                        ? "Enter the contract duration the reseller may sell, e.g. P12M (standard: P1M, P12M, P24M,"
                        + " P36M) or a custom P<n>D."
                        : ServiceLength.mistake("Contract duration", ra.serviceLength())));
            }
        } else if (ResaleAuthorization.USAGE_PRICING.equals(model)) {
            if (!ra.upfrontRates().isEmpty()) {
                problems.add(new FieldProblem(PRICING_MODEL.name(), "Usage pricing carries Usage rates only; remove the"
                        + " Upfront rates or choose Contract pricing."));
            }
            if (ra.usageRates().isEmpty()) {
                problems.add(new FieldProblem(PRICING_MODEL.name(), "Usage pricing needs Usage wholesale rates on the"
                        + " product's metered dimensions; add them, or choose Contract pricing."));
            } else if (product != null) {
                Set<String> priced = ra.usageRates().stream().map(WholesaleRate::key).collect(Collectors.toSet());
                product.dimensions().stream().filter(ProductDimension::metered).filter(d -> !priced.contains(d.key()))
                        .forEach(d -> problems.add(new FieldProblem(RATE + " " + d.key(), "Usage"
                                + " pricing must price every metered dimension: add a Usage rate for " + d.key() + ".")));
            }
        }
    }

    static void rates(ResaleAuthorization ra, OfferProduct product, List<FieldProblem> problems) {
        Set<String> seen = new HashSet<>();
        for (WholesaleRate rate : ra.rates()) {
            String field = RATE + " " + (blank(rate.key()) ? "(no key)" : rate.key());
            if (blank(rate.key())) {
                problems.add(new FieldProblem(field + "." + RATE_KEY, "Choose the product dimension this"
                        + " wholesale rate is for."));
                continue;
            }
            if (!rate.upfront() && !rate.usage()) {
                problems.add(new FieldProblem(field + "." + RATE_KIND, "Choose Upfront or Usage as the rate kind of "
                        + rate.key() + "."));
                continue;
            }
            if (!seen.add(rate.rateKind() + "/" + rate.key())) {
                problems.add(new FieldProblem(field + "." + RATE_KEY, "Dimension " + rate.key() + " has two "
                        + rate.rateKind() + " rates; keep one."));
            }
            if (product != null) {
                Optional<ProductDimension> onProduct = product.dimension(rate.key());
                if (onProduct.isEmpty()) {
                    problems.add(new FieldProblem(field + "." + RATE_KEY, "Product " + product.productId()
                            + " has no dimension " + rate.key() + "; refresh products or choose one of: "
                            + ErrorText.list(product.dimensions().stream().map(ProductDimension::key).toList(), 10)
                            + "."));
                } else if (rate.upfront() && !onProduct.get().entitled()) {
                    problems.add(new FieldProblem(field + "." + RATE_KIND, "Dimension " + rate.key() + " is metered:"
                            + " give it a Usage rate, or choose an Entitled dimension for the Upfront rate."));
                } else if (rate.usage() && !onProduct.get().metered()) {
                    problems.add(new FieldProblem(field + "." + RATE_KIND, "Dimension " + rate.key() + " is Entitled:"
                            + " give it an Upfront rate, or choose a metered dimension for the Usage rate."));
                }
            }
            if (ra.installmentsEnabled() && rate.upfront()) {
                // The schedule carries the money; the term grants a fixed quantity for "0".
                if (rate.quantity() == null || rate.quantity() < 1) {
                    problems.add(new FieldProblem(field + "." + RATE_QUANTITY, "With installments, enter how many units"
                            + " of " + rate.key() + " the buyer gets (1 or more)."));
                }
                continue;
            }
            price(rate, field + "." + RATE_VALUE, ra.zeroDollar(), problems);
        }
    }

    static void price(WholesaleRate rate, String field, boolean zeroDollar, List<FieldProblem> problems) {
        BigDecimal value = rate.rate();
        if (value == null) {
            problems.add(new FieldProblem(field, "Enter the wholesale rate of " + rate.key() + " (0 or more)."));
            return;
        }
        if (value.signum() < 0) {
            problems.add(new FieldProblem(field, "The wholesale rate of " + rate.key() + " is negative; enter 0 or"
                    + " more."));
            return;
        }
        int decimals = rate.usage() ? 8 : 6;
        if (value.stripTrailingZeros().scale() > decimals) {
            problems.add(new FieldProblem(field, rate.rateKind() + " wholesale rates have at most " + decimals
                    + " decimals; round " + value.toPlainString() + "."));
        }
        if (value.signum() == 0 && !zeroDollar) {
            problems.add(new FieldProblem(field, "The wholesale rate of " + rate.key() + " is 0: tick Zero Dollar"
                    + " Pricing if the reseller should pay nothing for it, or enter a price."));
        }
    }

    static void schedule(ResaleAuthorization ra, LocalDate today, List<FieldProblem> problems) {
        List<ScheduledCharge> schedule = ra.schedule();
        if (!ra.installmentsEnabled()) {
            if (!schedule.isEmpty()) {
                problems.add(new FieldProblem(INSTALLMENTS_ENABLED.name(), "The authorization has " + schedule.size()
                        + " installments but Installments Enabled is not ticked: tick it, or delete them."));
            }
            return;
        }
        if (schedule.isEmpty()) {
            problems.add(new FieldProblem(INSTALLMENTS_ENABLED.name(), "Installments are enabled but there are none:"
                    + " generate a payment schedule or untick Installments Enabled."));
            return;
        }
        if (!ResaleAuthorization.CONTRACT.equals(ra.pricingModel())) {
            problems.add(new FieldProblem(INSTALLMENTS_ENABLED.name(), "A payment schedule needs Contract pricing;"
                    + " choose Contract or untick Installments Enabled."));
        }
        if (!ra.oneTime()) {
            problems.add(new FieldProblem(USAGE.name(), "A payment schedule is only possible on a One-time"
                    + " authorization (one offer): choose One-time or untick Installments Enabled."));
        }
        if (ra.expirationDate() == null) {
            problems.add(new FieldProblem(EXPIRATION.name(), "A payment schedule needs an expiration date on the"
                    + " authorization; enter one."));
        }
        if (schedule.size() > MAX_INSTALLMENTS) {
            problems.add(new FieldProblem(INSTALLMENTS_ENABLED.name(), "A payment schedule has at most "
                    + MAX_INSTALLMENTS + " installments; this one has " + schedule.size() + "."));
        }
        Set<LocalDate> dates = new HashSet<>();
        for (ScheduledCharge charge : schedule) {
            LocalDate date = charge.chargeDate();
            if (date == null) {
                problems.add(new FieldProblem(ResaleAuthorizationFields.INSTALLMENT + " (no date)",
                        "Enter the charge date of every installment."));
                continue;
            }
            String field = ResaleAuthorizationFields.INSTALLMENT + " " + date;
            if (!dates.add(date)) {
                problems.add(new FieldProblem(field, "Two installments are charged on " + date + "; merge them or"
                        + " move one."));
            }
            if (date.isBefore(today)) {
                problems.add(new FieldProblem(field, "The installment of " + date + " is in the past ("
                        + Today.named(today) + "); move it to today or later."));
            }
            BigDecimal amount = charge.amount();
            if (amount == null || amount.signum() <= 0) {
                problems.add(new FieldProblem(field, "Enter an amount above 0 for the installment of " + date + "."));
            } else if (amount.stripTrailingZeros().scale() > 2) {
                problems.add(new FieldProblem(field, "Installment amounts have at most 2 decimals; round "
                        + amount.toPlainString() + "."));
            }
        }
    }
}
