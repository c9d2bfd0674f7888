package io.mpcrm.connector.sandbox.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox's rules for resold offers: channel partner private offers (an {@code Offer@1.0} made with
 * CreateOfferUsingResaleAuthorization). The draft inherits the resale authorization's pricing, payment, legal and
 * targeting terms; UpdateMarkup raises every inherited price by its percentage; and the business rules AWS checks
 * while the change set is APPLYING (the authorization Active, unexpired, targeted to the caller and not used up;
 * buyers, dates and durations within it).
 */
final class ResoldOfferRules {

    static final String USED = "Completed-Used";
    static final int MAX_BUYERS = 25;

    /** Resale term type on the authorization, and the offer term it becomes. */
    private static final Map<String, String> INHERITED = Map.of(
            "ResaleConfigurableUpfrontPricingTerm", "ConfigurableUpfrontPricingTerm",
            "ResaleUsageBasedPricingTerm", "UsageBasedPricingTerm",
            "ResaleFixedUpfrontPricingTerm", "FixedUpfrontPricingTerm",
            "ResalePaymentScheduleTerm", "PaymentScheduleTerm",
            "ResaleNetPaymentTerm", "NetPaymentTerm",
            "BuyerLegalTerm", "LegalTerm");

    private ResoldOfferRules() {
    }

    /** Copies the authorization's terms (and its buyers, when it names them) into a new draft offer, in place. */
    static void inherit(ObjectNode offer, JsonNode authorization) {
        ArrayNode terms = array(offer, "Terms");
        for (JsonNode term : authorization.path("Terms")) {
            String type = INHERITED.get(term.path("Type").asText());
            if (type == null) {
                continue;
            }
            ObjectNode copy = term.deepCopy();
            copy.remove("Id");
            copy.put("Type", type);
            if (type.equals("LegalTerm")) {
                for (JsonNode document : copy.path("Documents")) {
                    if ("StandardEula".equals(document.path("Type").asText()) && !document.has("Version")) {
                        ((ObjectNode) document).put("Version", "2022-07-14");
                    }
                }
            }
            terms.add(copy);
        }
        Set<String> buyers = buyers(authorization);
        ArrayNode rules = array(offer, "Rules");
        boolean targeted = false;
        for (JsonNode rule : rules) {
            targeted |= "TargetingRule".equals(rule.path("Type").asText());
        }
        if (!buyers.isEmpty() && !targeted) {
            ObjectNode rule = rules.addObject();
            rule.put("Type", "TargetingRule");
            ArrayNode accounts = rule.putObject("PositiveTargeting").putArray("BuyerAccounts");
            buyers.forEach(accounts::add);
        }
    }

    /**
     * Sets every inherited price to the wholesale price plus the offer's MarkupPercentage, from the authorization's
     * own terms, so that marking up twice never compounds. Terms the partner set itself ({@code ownChanges}:
     * UpdatePricingTerms, UpdatePaymentScheduleTerms) replaced the inherited ones and are not marked up.
     */
    static void markUp(ObjectNode offer, JsonNode authorization, Set<String> ownChanges) {
        BigDecimal percentage = new BigDecimal(offer.path("MarkupPercentage").asText("0"));
        BigDecimal factor = BigDecimal.ONE.add(percentage.movePointLeft(2));
        for (JsonNode term : offer.path("Terms")) {
            String type = term.path("Type").asText();
            JsonNode wholesale = resaleTerm(authorization, type);
            boolean own = type.equals("PaymentScheduleTerm") ? ownChanges.contains("UpdatePaymentScheduleTerms")
                    : OfferRules.PRICING_TERMS.contains(type) && ownChanges.contains("UpdatePricingTerms");
            if (wholesale == null || own) {
                continue;
            }
            ObjectNode priced = (ObjectNode) term;
            switch (type) {
                case "ConfigurableUpfrontPricingTerm", "UsageBasedPricingTerm" -> {
                    int decimals = type.startsWith("Usage") ? 8 : 3;
                    for (int c = 0; c < priced.path("RateCards").size(); c++) {
                        JsonNode cards = priced.path("RateCards").path(c).path("RateCard");
                        JsonNode wholesaleCards = wholesale.path("RateCards").path(c).path("RateCard");
                        for (int r = 0; r < cards.size(); r++) {
                            ((ObjectNode) cards.get(r)).put("Price", times(wholesaleCards.path(r).path("Price"),
                                    factor, decimals));
                        }
                    }
                }
                case "FixedUpfrontPricingTerm" -> priced.put("Price", times(wholesale.path("Price"), factor, 3));
                case "PaymentScheduleTerm" -> {
                    JsonNode charges = priced.path("Schedule");
                    for (int i = 0; i < charges.size() && i < wholesale.path("Schedule").size(); i++) {
                        ((ObjectNode) charges.get(i)).put("ChargeAmount",
                                times(wholesale.path("Schedule").path(i).path("ChargeAmount"), factor, 2));
                    }
                }
                default -> { }
            }
        }
    }

    /** The ErrorDetailList entries of one change on a channel partner offer. */
    static ArrayNode check(String changeType, JsonNode doc, OfferRules.Context ctx,
                           CatalogApi.StoredEntity authorization) {
        ArrayNode errors = Json.array();
        String raId = ctx.after().path("ResaleAuthorizationId").asText();
        if (authorization == null || !authorization.visibleTo(ctx.account())) {
            if (changeType.startsWith("Create")) {
                error(errors, "INVALID_RESALE_AUTHORIZATION", "Resale authorization " + raId
                        + " doesn't exist or isn't shared with account " + ctx.account());
            }
            return errors;
        }
        JsonNode ra = authorization.details();
        LocalDate raEnd = OfferRules.availabilityEnd((ObjectNode) ra);
        switch (changeType) {
            case "CreateOfferUsingResaleAuthorization", "CreateReplacementOfferUsingResaleAuthorization" -> {
                if (!"Active".equals(ra.path("Status").asText())) {
                    error(errors, "INCOMPATIBLE_RESALE_AUTHORIZATION", "Resale authorization " + raId + " is "
                            + ra.path("Status").asText() + "; only an Active resale authorization can be used");
                } else if (raEnd != null && raEnd.isBefore(ctx.today())) {
                    error(errors, "INCOMPATIBLE_RESALE_AUTHORIZATION", "Resale authorization " + raId
                            + " expired on " + raEnd);
                }
                if (!ctx.account().equals(rule(ra, "PartnerTargetingRule").path("ResellerAccountId").asText())) {
                    error(errors, "INCOMPATIBLE_RESALE_AUTHORIZATION", "Resale authorization " + raId
                            + " isn't targeted to account " + ctx.account());
                }
                if (usedUp(ra)) {
                    error(errors, "INCOMPATIBLE_RESALE_AUTHORIZATION", "Resale authorization " + raId
                            + " is for one offer only and has already been used (OfferExtendedStatus " + USED + ")");
                }
            }
            // The codes and messages below are those of the asynchronous tables of
            // https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-cppos.html (one section per change).
            case "UpdateTargeting" -> {
                JsonNode listed = doc.path("PositiveTargeting").path("BuyerAccounts");
                if (listed.size() > MAX_BUYERS) {
                    error(errors, "TOO_MANY_BUYER_ACCOUNTS", "Provide BuyerAccounts within the allowed limits: a"
                            + " channel partner offer targets at most " + MAX_BUYERS + " buyer accounts ("
                            + listed.size() + " given)");
                }
                Set<String> allowed = buyers(ra);
                for (JsonNode buyer : listed) {
                    if (!allowed.isEmpty() && !allowed.contains(buyer.asText())) {
                        error(errors, "INCOMPATIBLE_RESALE_AUTHORIZATION", "Provide BuyerAccounts that are compatible"
                                + " with the ResaleAuthorization: buyer account " + buyer.asText()
                                + " isn't targeted by resale authorization " + raId);
                    }
                }
            }
            case "UpdateMarkup" -> {
                if (new BigDecimal(doc.path("Percentage").asText("0")).signum() > 0
                        && ctx.changeTypesOnOffer().contains("UpdatePaymentScheduleTerms")) {
                    error(errors, "INCOMPATIBLE_TERMS", "Use either UpdatePaymentScheduleTerms with specific payment"
                            + " amount or UpdateMarkup with a single markup percentage for the scheduled dates.");
                }
                for (String own : List.of("PaymentScheduleTerm", "FixedUpfrontPricingTerm")) {
                    if (OfferRules.term(ctx.after(), own) != null && resaleTerm(ra, own) == null) {
                        error(errors, "INCOMPATIBLE_RESALE_AUTHORIZATION", "MarkupPercentage can't be updated when"
                                + " PaymentScheduleTerm or FixedUpfrontPricingTerm are present in offer and not present"
                                + " in ResaleAuthorization (" + own + ")");
                        break;
                    }
                }
            }
            case "UpdatePricingTerms" -> ownPricing(doc, ctx, ra, errors);
            case "UpdatePaymentScheduleTerms" -> ownSchedule(doc, ctx, ra, errors);
            case "UpdateAvailability" -> {
                LocalDate end = LocalDate.parse(doc.path("AvailabilityEndDate").asText());
                if (raEnd != null && end.isAfter(raEnd) && !ctx.releasedBefore()) {
                    error(errors, "INVALID_AVAILABILITY_END_DATE", "AvailabilityEndDate " + end
                            + " is after the resale authorization's " + raEnd);
                }
            }
            case "UpdateValidityTerms" -> validity(doc.path("Terms").path(0), ra, raId, errors);
            case "ReleaseOffer" -> {
                boolean buyers = false;
                for (JsonNode rule : ctx.after().path("Rules")) {
                    buyers |= "TargetingRule".equals(rule.path("Type").asText())
                            && !rule.path("PositiveTargeting").path("BuyerAccounts").isEmpty();
                }
                if (!buyers) {
                    error(errors, "MISSING_BUYER_ACCOUNTS", "A channel partner offer needs buyer accounts"
                            + " (UpdateTargeting)");
                }
            }
            default -> { }
        }
        return errors;
    }

    /** The partner's own FixedUpfrontPricingTerm: no markup, and the authorization's duration and currency. */
    private static void ownPricing(JsonNode doc, OfferRules.Context ctx, JsonNode ra, ArrayNode errors) {
        BigDecimal markup = new BigDecimal(ctx.after().path("MarkupPercentage").asText("0"));
        String duration = duration(ra);
        String currency = currency(ra);
        for (JsonNode term : doc.path("Terms")) {
            if (!"FixedUpfrontPricingTerm".equals(term.path("Type").asText())) {
                continue;
            }
            if (markup.signum() > 0) {
                error(errors, "INCOMPATIBLE_TERMS", "FixedUpfrontPricingTerm isn't supported when MarkupPercentage is"
                        + " greater than zero (0).");
            }
            if (duration != null && term.hasNonNull("Duration") && !duration.equals(term.path("Duration").asText())) {
                error(errors, "INCOMPATIBLE_RESALE_AUTHORIZATION", "Ensure Duration in FixedUpfrontPricingTerm matches"
                        + " duration specified in the ResaleAuthorization (" + duration + ", was "
                        + term.path("Duration").asText() + ")");
            }
            if (currency != null && !currency.equals(term.path("CurrencyCode").asText())) {
                error(errors, "INCOMPATIBLE_RESALE_AUTHORIZATION", "Provide the same CurrencyCode that is specified in"
                        + " the ResaleAuthorization (" + currency + ")");
            }
        }
    }

    /**
     * The partner's own installments: no markup beside them, and when the authorization has a schedule, its dates with
     * amounts at least its own ("set custom payment amounts to a value greater than or equal to what is provided in
     * Resale Authorization. Payment dates can't be changed."). An authorization without a schedule refuses one on a
     * new offer; a replacement offer is left alone there, as AWS's own example sends a schedule of its own on one
     * (https://docs.aws.amazon.com/code-library/latest/ug/marketplace-catalog_example_marketplace-catalog_CreateResaleAuthorizationReplacementOffer_section.html).
     */
    private static void ownSchedule(JsonNode doc, OfferRules.Context ctx, JsonNode ra, ArrayNode errors) {
        if (new BigDecimal(ctx.after().path("MarkupPercentage").asText("0")).signum() > 0) {
            error(errors, "INCOMPATIBLE_MARKUP_PERCENTAGE", "PaymentScheduleTerm isn't supported when MarkupPercentage"
                    + " is greater than zero (0).");
        }
        JsonNode isv = resaleTerm(ra, "PaymentScheduleTerm");
        if (isv == null) {
            if (!ctx.replacement()) {
                error(errors, "INCOMPATIBLE_RESALE_AUTHORIZATION", "Provide term(s) that are compatible with the"
                        + " ResaleAuthorization. Incompatible terms: [PaymentScheduleTerm].");
            }
            return;
        }
        java.util.Map<String, BigDecimal> floors = new java.util.TreeMap<>();
        isv.path("Schedule").forEach(c -> floors.put(c.path("ChargeDate").asText().substring(0, 10),
                new BigDecimal(c.path("ChargeAmount").asText("0"))));
        java.util.Map<String, BigDecimal> own = new java.util.TreeMap<>();
        doc.path("Terms").path(0).path("Schedule").forEach(c -> own.put(c.path("ChargeDate").asText(),
                new BigDecimal(c.path("ChargeAmount").asText("0"))));
        if (!floors.keySet().equals(own.keySet())) {
            error(errors, "INCOMPATIBLE_RESALE_AUTHORIZATION", "Ensure the charge dates in PaymentScheduleTerm are same"
                    + " as the charge dates in the ResaleAuthorization (" + String.join(", ", floors.keySet()) + ")");
        }
        own.forEach((date, amount) -> {
            BigDecimal floor = floors.get(date);
            if (floor != null && amount.compareTo(floor) < 0) {
                error(errors, "INCOMPATIBLE_RESALE_AUTHORIZATION", "Ensure the charge amount in PaymentScheduleTerm is"
                        + " greater than or equal to the charge amount in the ResaleAuthorization for that date ("
                        + date + ": " + floor.toPlainString() + ")");
            }
        });
    }

    /** The currency of the authorization's wholesale prices. */
    private static String currency(JsonNode ra) {
        for (JsonNode term : ra.path("Terms")) {
            if (term.hasNonNull("CurrencyCode") && term.path("Type").asText().startsWith("Resale")) {
                return term.path("CurrencyCode").asText();
            }
        }
        return null;
    }

    /** The authorization after one more of its offers was released: OfferDetails counts it. */
    static ObjectNode offerReleased(JsonNode authorization) {
        ObjectNode ra = authorization.deepCopy();
        ObjectNode details = ra.path("OfferDetails").isObject() ? (ObjectNode) ra.get("OfferDetails")
                : ra.putObject("OfferDetails");
        int count = details.path("OfferCreatedCount").asInt(0) + 1;
        details.put("OfferCreatedCount", count);
        boolean oneTime = rule(ra, "AvailabilityRule").path("OffersMaxQuantity").asInt(0) == 1;
        details.put("OfferExtendedStatus", oneTime ? USED : "Completed-Usable");
        return ra;
    }

    private static boolean usedUp(JsonNode ra) {
        int max = rule(ra, "AvailabilityRule").path("OffersMaxQuantity").asInt(0);
        return USED.equals(ra.path("OfferDetails").path("OfferExtendedStatus").asText())
                || (max > 0 && ra.path("OfferDetails").path("OfferCreatedCount").asInt(0) >= max);
    }

    private static void validity(JsonNode term, JsonNode ra, String raId, ArrayNode errors) {
        String duration = term.path("AgreementDuration").asText(null);
        String priced = duration(ra);
        if (duration != null && priced != null && !duration.equals(priced)) {
            error(errors, "INVALID_VALIDITY_TERMS", "AgreementDuration " + duration + " doesn't match the "
                    + priced + " of resale authorization " + raId);
        }
        if (term.hasNonNull("AgreementStartDate")) {
            LocalDate start = LocalDate.parse(term.path("AgreementStartDate").asText());
            JsonNode validity = resaleTerm(ra, "BuyerValidityTerm");
            String maximum = validity == null ? null : validity.path("MaximumAgreementStartDate").asText(null);
            if (maximum == null) {
                error(errors, "INVALID_VALIDITY_TERMS", "Resale authorization " + raId
                        + " doesn't allow a future AgreementStartDate");
            } else if (start.isAfter(LocalDate.parse(maximum.substring(0, 10)))) {
                error(errors, "INVALID_VALIDITY_TERMS", "AgreementStartDate " + start + " is after the"
                        + " MaximumAgreementStartDate " + maximum.substring(0, 10) + " of resale authorization " + raId);
            }
        }
    }

    private static String duration(JsonNode ra) {
        for (JsonNode term : ra.path("Terms")) {
            String type = term.path("Type").asText();
            if (type.equals("ResaleConfigurableUpfrontPricingTerm")) {
                return term.path("RateCards").path(0).path("Selector").path("Value").asText(null);
            }
            if (type.equals("ResaleFixedUpfrontPricingTerm") && term.hasNonNull("Duration")) {
                return term.path("Duration").asText();
            }
        }
        return null;
    }

    /** The authorization's term an offer term was inherited from ({@code BuyerValidityTerm} asked for as is). */
    private static JsonNode resaleTerm(JsonNode ra, String offerType) {
        for (JsonNode term : ra.path("Terms")) {
            String type = term.path("Type").asText();
            if (type.equals(offerType) || offerType.equals(INHERITED.get(type))) {
                return term;
            }
        }
        return null;
    }

    private static Set<String> buyers(JsonNode ra) {
        Set<String> buyers = new LinkedHashSet<>();
        JsonNode targeting = resaleTerm(ra, "BuyerTargetingTerm");
        if (targeting != null) {
            targeting.path("PositiveTargeting").path("BuyerAccounts").forEach(b -> buyers.add(b.isObject()
                    ? b.path("AwsAccountId").asText() : b.asText()));
        }
        return buyers;
    }

    private static ArrayNode array(ObjectNode d, String field) {
        return d.path(field).isArray() ? (ArrayNode) d.get(field) : d.putArray(field);
    }

    private static JsonNode rule(JsonNode d, String type) {
        for (JsonNode rule : d.path("Rules")) {
            if (type.equals(rule.path("Type").asText())) {
                return rule;
            }
        }
        return Json.object();
    }

    private static String times(JsonNode price, BigDecimal factor, int decimals) {
        BigDecimal value = new BigDecimal(price.asText("0")).multiply(factor).setScale(decimals, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return (value.scale() < 0 ? value.setScale(0) : value).toPlainString();
    }

    private static void error(ArrayNode errors, String code, String message) {
        ObjectNode e = errors.addObject();
        e.put("ErrorCode", code);
        e.put("ErrorMessage", message);
    }
}
