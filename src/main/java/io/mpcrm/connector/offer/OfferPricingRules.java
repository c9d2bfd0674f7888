package io.mpcrm.connector.offer;

import static io.mpcrm.connector.offer.OfferFieldRules.blank;
import static io.mpcrm.connector.offer.OfferValidator.CHOICES_SHOWN;
import static io.mpcrm.connector.offer.OfferValidator.MAX_DIMENSIONS;
import static io.mpcrm.connector.offer.OfferValidator.PRICING_MODEL;
import static io.mpcrm.connector.offer.OfferValidator.PRICING_MODELS;
import static io.mpcrm.connector.offer.OfferValidator.SERVICE_LENGTH;
import static io.mpcrm.connector.offer.OfferValidator.TIERED;
import static io.mpcrm.connector.offer.OfferValidator.ZERO_DOLLAR;

import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.request.ErrorText;
import io.mpcrm.connector.terms.OfferDimension;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pricing rules of an offer priced by its own rates: the pricing model, the dimensions and their
 * rates, and how many dimensions one offer may have.
 */
final class OfferPricingRules {

    private OfferPricingRules() {
    }

    static void pricing(PrivateOffer offer, OfferProduct product, OfferProblems problems) {
        String model = offer.pricingModel();
        if (blank(model)) {
            problems.add(PRICING_MODEL, "Choose a pricing model: Contract, Usage, Byol or Free.");
        } else if (!PRICING_MODELS.contains(model)) {
            problems.add(PRICING_MODEL, "Pricing model " + model + " is not one of Contract, Usage, Byol, Free.");
            model = null;
        }
        dimensions(offer, product, problems);
        if (model == null || product == null) {
            return;
        }
        List<OfferDimension> upfront = offer.upfrontDimensions();
        List<OfferDimension> usage = offer.usageDimensions();
        String type = product.productType();
        switch (model) {
            case PrivateOffer.CONTRACT -> {
                if (upfront.isEmpty()) {
                    problems.add(PRICING_MODEL, "Contract pricing needs at least one Upfront rate on an Entitled"
                            + " dimension; add one, or choose Usage pricing.");
                }
                if (!usage.isEmpty() && !product.isSaaS()) {
                    problems.add(PRICING_MODEL, "Contract pricing with Usage rates (pay as you go above the"
                            + " contract) is for SaaS products only; remove the Usage rates.");
                }
            }
            case PrivateOffer.USAGE -> {
                if (usage.isEmpty()) {
                    problems.add(PRICING_MODEL, "Usage pricing needs Usage rates on the product's metered"
                            + " dimensions; add them, or choose Contract pricing.");
                }
                if (!upfront.isEmpty() && !product.isAmi()) {
                    problems.add(PRICING_MODEL, "Upfront rates with Usage pricing are only for AMI annual pricing;"
                            + " choose Contract pricing for " + type + " upfront rates.");
                } else if (!upfront.isEmpty() && offer.serviceLength() != null
                        && !OfferChangeSetBuilder.ANNUAL.equals(offer.serviceLength())) {
                    problems.add(SERVICE_LENGTH, "AMI annual pricing is bought for a year: set Service Length to"
                            + " P365D.");
                }
            }
            case PrivateOffer.FREE -> {
                if (offer.dimensions().isEmpty()) {
                    problems.add(PRICING_MODEL, "Free pricing still lists the dimensions the buyer gets, at rate 0;"
                            + " add them.");
                }
                if (offer.dimensions().stream().anyMatch(d -> d.rate() != null && d.rate().signum() != 0)) {
                    problems.add(PRICING_MODEL, "Free pricing needs every rate to be 0; set them to 0 or choose"
                            + " Contract or Usage pricing.");
                }
                if (!offer.zeroDollar()) {
                    problems.add(ZERO_DOLLAR, "Free pricing needs Zero Dollar Pricing ticked.");
                }
                if (!upfront.isEmpty() && !usage.isEmpty() && !product.isSaaS()) {
                    problems.add(PRICING_MODEL, "Free pricing mixes Upfront and Usage rates only for SaaS products.");
                }
            }
            case PrivateOffer.BYOL -> {
                if (product.isSaaS()) {
                    problems.add(PRICING_MODEL, "Bring-your-own-license pricing is not available for SaaS products.");
                }
                if (!offer.dimensions().isEmpty()) {
                    problems.add(PRICING_MODEL, "A bring-your-own-license offer carries no rates; remove the offer"
                            + " dimensions.");
                }
            }
            default -> throw new IllegalStateException(model);
        }
        if (!usage.isEmpty() && !PrivateOffer.BYOL.equals(model)) {
            Set<String> priced = usage.stream().map(OfferDimension::key).collect(Collectors.toSet());
            product.dimensions().stream().filter(ProductDimension::metered)
                    .filter(d -> !priced.contains(d.key()))
                    .forEach(d -> problems.add("Dimension " + d.key(), "Usage pricing must price every metered"
                            + " dimension of the product: add a Usage rate for " + d.key() + "."));
        }
        if (offer.tiered() && (!PrivateOffer.CONTRACT.equals(model) || offer.flexiblePaymentSchedule())) {
            problems.add(TIERED, "Tiers (the buyer picks one dimension) apply to Contract pricing without an"
                    + " installment schedule; untick Tiered Pricing.");
        }
    }

    static void dimensions(PrivateOffer offer, OfferProduct product, OfferProblems problems) {
        Set<String> seen = new HashSet<>();
        boolean fps = offer.installmentsEnabled();
        for (OfferDimension dimension : offer.dimensions()) {
            String key = dimension.key();
            String field = OfferFields.RATE + " " + (blank(key) ? "(no key)" : key);
            if (blank(key)) {
                problems.add(field + "." + OfferFields.RATE_KEY, "Choose the product dimension this rate is for.");
                continue;
            }
            if (!dimension.upfront() && !dimension.usage()) {
                problems.add(field + "." + OfferFields.RATE_KIND,
                        "Choose Upfront or Usage as the rate kind of " + key + ".");
                continue;
            }
            if (!seen.add(dimension.rateKind() + "/" + key)) {
                problems.add(field + "." + OfferFields.RATE_KEY, "Dimension " + key + " has two " + dimension.rateKind()
                        + " rates; keep one.");
            }
            if (product != null) {
                Optional<ProductDimension> onProduct = product.dimension(key);
                if (onProduct.isEmpty()) {
                    problems.add(field + "." + OfferFields.RATE_KEY,
                            "Product " + product.productId() + " has no dimension "
                            + key + "; refresh products or choose one of: " + ErrorText.list(product.dimensions()
                            .stream().map(ProductDimension::key).toList(), CHOICES_SHOWN) + ".");
                } else if (dimension.upfront() && !onProduct.get().entitled() && !amiAnnual(offer, product)) {
                    problems.add(field + "." + OfferFields.RATE_KIND,
                            "Dimension " + key + " is metered, not Entitled: give it"
                            + " a Usage rate, or choose an Entitled dimension for the Upfront rate.");
                } else if (dimension.usage() && !onProduct.get().metered()) {
                    problems.add(field + "." + OfferFields.RATE_KIND,
                            "Dimension " + key + " is Entitled, not metered: give it"
                            + " an Upfront rate, or choose a metered dimension for the Usage rate.");
                }
            }
            if (fps && dimension.upfront()) {
                // The schedule carries the money; the term grants a fixed quantity for "0".
                if (dimension.quantity() == null || dimension.quantity() < 1) {
                    problems.add(field + "." + OfferFields.RATE_QUANTITY,
                            "With installments, enter how many units of " + key
                            + " the buyer gets (1 or more).");
                }
                continue;
            }
            rate(dimension, field + "." + OfferFields.RATE_VALUE, offer.zeroDollar(), problems);
        }
    }

    /** AMI annual pricing sells a year of the same instance types that are metered by the hour. */
    static boolean amiAnnual(PrivateOffer offer, OfferProduct product) {
        return product.isAmi() && PrivateOffer.USAGE.equals(offer.pricingModel());
    }

    static void rate(OfferDimension dimension, String field, boolean zeroDollar, OfferProblems problems) {
        BigDecimal rate = dimension.rate();
        if (rate == null) {
            problems.add(field, "Enter a rate for " + dimension.key() + " (0 or more).");
            return;
        }
        if (rate.signum() < 0) {
            problems.add(field, "The rate of " + dimension.key() + " is negative; enter 0 or more.");
            return;
        }
        int decimals = dimension.usage() ? 8 : 3;
        if (rate.stripTrailingZeros().scale() > decimals) {
            problems.add(field, dimension.rateKind() + " rates have at most " + decimals + " decimals; round "
                    + rate.toPlainString() + ".");
        }
        if (rate.signum() == 0 && !zeroDollar) {
            problems.add(field, "The rate of " + dimension.key() + " is 0: tick Zero Dollar Pricing if the buyer"
                    + " should pay nothing for it, or enter a price.");
        }
    }

    /** AWS's quota of dimensions per offer, counted as AWS counts them: unique Entitled, unique ExternallyMetered. */
    static void dimensionCounts(PrivateOffer offer, OfferProduct product, OfferProblems problems) {
        long contract = offer.upfrontDimensions().stream().map(OfferDimension::key).filter(k -> !blank(k))
                .filter(k -> product.dimension(k).filter(ProductDimension::entitled).isPresent()).distinct().count();
        long usage = offer.usageDimensions().stream().map(OfferDimension::key).filter(k -> !blank(k))
                .filter(k -> product.dimension(k).filter(ProductDimension::externallyMetered).isPresent()).distinct()
                .count();
        if (contract > MAX_DIMENSIONS) {
            problems.add(OfferFields.RATE, tooManyDimensions(contract, "contract (Entitled)"));
        }
        if (usage > MAX_DIMENSIONS) {
            problems.add(OfferFields.RATE, tooManyDimensions(usage, "usage (ExternallyMetered)"));
        }
    }

    static String tooManyDimensions(long count, String kind) {
        return "The offer prices " + count + " " + kind + " dimensions; AWS takes at most " + MAX_DIMENSIONS + " in"
                + " one offer: remove " + (count - MAX_DIMENSIONS) + " of them.";
    }
}
