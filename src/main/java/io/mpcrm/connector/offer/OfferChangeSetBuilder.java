package io.mpcrm.connector.offer;

import io.mpcrm.connector.terms.OfferDimension;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Turns a private offer into the Catalog API {@code ChangeSet} that creates it, as one unit: CreateOffer followed by
 * the Update* changes chained with {@code $CreateOffer.Entity.Identifier}, and ReleaseOffer when asked.
 * Run {@link OfferValidator} first; this class assumes a valid offer and fails loudly on what it cannot express.
 * Which terms it sends for each kind of offer, and which validator check covers each, is {@link OfferTerm}'s table;
 * where kinds differ, the kind's {@link OfferKindChanges} bean says what its offers send, over the term builders here.
 */
public final class OfferChangeSetBuilder {

    public static final String OFFER_TYPE = "Offer@1.0";
    /** The only StandardEula version accepted for new offers. */
    public static final String STANDARD_EULA_VERSION = "2022-07-14";
    /** AMI annual pricing: the upfront selector is always one year. */
    public static final String ANNUAL = "P365D";
    static final int MAX_CHANGES = 20;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper PRINTER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Clock clock;
    private final Map<OfferOrigin.Type, OfferKindChanges> kinds;

    /**
     * A builder of offers of every kind in {@code kinds} (one per offer type; a missing one fails here); the clock sets
     * how far an AMI or container agreement must reach (see {@link #agreementDuration}).
     */
    public OfferChangeSetBuilder(Clock clock, List<? extends OfferKindChanges> kinds) {
        this.clock = clock;
        this.kinds = OfferKind.byType(List.copyOf(kinds), OfferKindChanges.class);
    }

    public ArrayNode create(PrivateOffer offer, OfferProduct product, boolean release) {
        OfferKindChanges kind = kinds.get(offer.origin().type());
        ArrayNode changes = NODES.arrayNode();
        OfferOrigin origin = offer.origin();
        String newOffer = origin.newOfferReference();
        kind.creation(offer, details(changes, origin.createChange(), null));

        ObjectNode information = details(changes, "UpdateInformation", newOffer);
        information.put("Name", offer.name());
        information.put("Description", offer.description());
        if (offer.renewal()) {
            information.putObject("PreExistingAgreement")
                    .put("AcquisitionChannel", offer.renewalAcquisitionChannel())
                    .put("PricingModel", offer.renewalPricingModel());
        }

        if (kind.targetsBuyers()) {
            ArrayNode buyers = details(changes, "UpdateTargeting", newOffer).putObject("PositiveTargeting")
                    .putArray("BuyerAccounts");
            offer.buyerAccounts().forEach(buyers::add);
        }

        ObjectNode pricing = kind.pricing(offer, product);
        if (pricing != null) {
            details(changes, "UpdatePricingTerms", newOffer).setAll(pricing);
        }

        if (kind.sendsLegalTerms(offer)) {
            details(changes, "UpdateLegalTerms", newOffer).set("Terms", NODES.arrayNode().add(legalTerm(offer)));
        }

        details(changes, "UpdateAvailability", newOffer)
                .put("AvailabilityEndDate", offer.expirationDate().toString());

        ObjectNode validity = validityTerm(offer, product, kind);
        if (validity != null) {
            details(changes, "UpdateValidityTerms", newOffer).set("Terms", NODES.arrayNode().add(validity));
        }

        if (offer.flexiblePaymentSchedule() && kind.sendsOwnInstallments(offer)) {
            ObjectNode term = NODES.objectNode().put("Type", "PaymentScheduleTerm")
                    .put("CurrencyCode", offer.currency());
            ArrayNode schedule = term.putArray("Schedule");
            offer.schedule().forEach(charge -> schedule.addObject()
                    .put("ChargeDate", charge.chargeDate().toString())
                    .put("ChargeAmount", price(charge.amount())));
            details(changes, "UpdatePaymentScheduleTerms", newOffer).set("Terms", NODES.arrayNode().add(term));
        }

        BigDecimal markup = kind.markup(offer);
        if (markup != null) {
            details(changes, "UpdateMarkup", newOffer).put("Percentage", price(markup));
        }

        if (release) {
            details(changes, "ReleaseOffer", newOffer);
        }
        if (changes.size() > MAX_CHANGES) {
            throw new IllegalStateException("A change set holds at most " + MAX_CHANGES + " changes");
        }
        return changes;
    }

    /**
     * MODIFY_OFFER_EXPIRATION and CANCEL_OFFER: a future date extends the offer, a past one expires it (there is no
     * cancel change type; {@link OfferAvailability} cancels with yesterday, and existing agreements stay).
     */
    public static ArrayNode updateAvailability(String offerId, LocalDate date) {
        ArrayNode changes = NODES.arrayNode();
        details(changes, "UpdateAvailability", offerId).put("AvailabilityEndDate", date.toString());
        return changes;
    }

    public static String pretty(ArrayNode changeSet) {
        try {
            return PRINTER.writeValueAsString(changeSet);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The offer's own pricing: its pricing model and its terms, for the details of UpdatePricingTerms. */
    public static ObjectNode ownPricing(PrivateOffer offer, OfferProduct product) {
        ObjectNode pricing = NODES.objectNode();
        pricing.put("PricingModel", offer.pricingModel());
        pricing.set("Terms", pricingTerms(offer, product));
        return pricing;
    }

    private static ArrayNode pricingTerms(PrivateOffer offer, OfferProduct product) {
        ArrayNode terms = NODES.arrayNode();
        if (PrivateOffer.BYOL.equals(offer.pricingModel())) {
            terms.addObject().put("Type", "ByolPricingTerm");
            return terms;
        }
        List<OfferDimension> upfront = offer.upfrontDimensions();
        List<OfferDimension> usage = offer.usageDimensions();
        if (offer.flexiblePaymentSchedule()) {
            terms.add(grantedForNothing(offer));
        } else if (!upfront.isEmpty()) {
            ObjectNode configurable = terms.addObject().put("Type", "ConfigurableUpfrontPricingTerm")
                    .put("CurrencyCode", offer.currency());
            ObjectNode card = configurable.putArray("RateCards").addObject();
            card.putObject("Selector").put("Type", "Duration").put("Value", termDuration(offer));
            card.set("RateCard", rateCard(upfront));
            String constraint = offer.tiered() ? "Disallowed" : "Allowed";
            card.putObject("Constraints")
                    .put("MultipleDimensionSelection", constraint)
                    .put("QuantityConfiguration", constraint);
        }
        if (!usage.isEmpty()) {
            terms.addObject().put("Type", "UsageBasedPricingTerm")
                    .put("CurrencyCode", offer.currency())
                    .putArray("RateCards").addObject().set("RateCard", rateCard(usage));
        }
        return terms;
    }

    /** With installments the schedule carries the money: the units of each Upfront dimension are granted for 0. */
    public static ObjectNode grantedForNothing(PrivateOffer offer) {
        ObjectNode fixed = NODES.objectNode().put("Type", "FixedUpfrontPricingTerm")
                .put("CurrencyCode", offer.currency())
                .put("Price", "0");
        String duration = termDuration(offer);
        if (duration != null) {
            fixed.put("Duration", duration);
        }
        ArrayNode grants = fixed.putArray("Grants");
        offer.upfrontDimensions().forEach(d -> grants.addObject().put("DimensionKey", d.key())
                .put("MaxQuantity", d.quantity()));
        return fixed;
    }

    private static ArrayNode rateCard(List<OfferDimension> dimensions) {
        ArrayNode card = NODES.arrayNode();
        dimensions.forEach(d -> card.addObject().put("DimensionKey", d.key()).put("Price", price(d.rate())));
        return card;
    }

    private static ObjectNode legalTerm(PrivateOffer offer) {
        ObjectNode term = NODES.objectNode().put("Type", "LegalTerm");
        ObjectNode document = term.putArray("Documents").addObject().put("Type", offer.eulaType());
        if (PrivateOffer.CUSTOM_EULA.equals(offer.eulaType())) {
            if (offer.eulaUrl() == null) {
                throw new IllegalStateException("Store the custom EULA before building the change set");
            }
            document.put("Url", offer.eulaUrl());
        } else {
            document.put("Version", STANDARD_EULA_VERSION);
        }
        return term;
    }

    private ObjectNode validityTerm(PrivateOffer offer, OfferProduct product, OfferKindChanges kind) {
        ObjectNode term = NODES.objectNode().put("Type", "ValidityTerm");
        if (offer.agreementEndDate() != null) {
            // AWS wants the end date alone on a replacement offer: no duration, no start (it starts on acceptance).
            return term.put("AgreementEndDate", offer.agreementEndDate().toString());
        }
        if (offer.futureDated()) {
            return term.put("AgreementStartDate", offer.serviceStart().toString())
                    .put("AgreementEndDate", offer.serviceEnd().toString());
        }
        if (offer.serviceLength() == null) {
            return null;
        }
        return term.put("AgreementDuration", agreementDuration(offer, product, kind));
    }

    /**
     * AMI and container buyers can add entitlements until the offer expires, so an agreement with an upfront term must
     * outlast the days left until expiry plus the term; SaaS agreements last the service length.
     */
    private String agreementDuration(PrivateOffer offer, OfferProduct product, OfferKindChanges kind) {
        boolean upfrontTerm = !offer.upfrontDimensions().isEmpty() && !PrivateOffer.BYOL.equals(offer.pricingModel());
        if (product.isSaaS() || !upfrontTerm || !kind.agreementOutlastsExpiry()) {
            return offer.serviceLength();
        }
        Period length = ServiceLength.parse(offer.serviceLength())
                .orElseThrow(() -> new IllegalStateException("Service length " + offer.serviceLength()));
        LocalDate today = LocalDate.now(clock);
        LocalDate from = offer.expirationDate().isAfter(today) ? offer.expirationDate() : today;
        return "P" + (ChronoUnit.DAYS.between(today, from.plus(length)) + 1) + "D";
    }

    private static String termDuration(PrivateOffer offer) {
        if (offer.futureDated()) {
            return ServiceLength.span(offer.serviceStart(), offer.serviceEnd());
        }
        return offer.serviceLength();
    }

    /** Prices are strings; trailing zeros go so the same amount always reads the same. */
    public static String price(BigDecimal amount) {
        BigDecimal plain = amount.stripTrailingZeros();
        return (plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString();
    }

    private static ObjectNode change(ArrayNode changes, String type, String identifier) {
        ObjectNode change = changes.addObject();
        change.put("ChangeType", type);
        change.put("ChangeName", type);
        ObjectNode entity = change.putObject("Entity").put("Type", OFFER_TYPE);
        if (identifier != null) {
            entity.put("Identifier", identifier);
        }
        change.putObject("DetailsDocument");
        return change;
    }

    private static ObjectNode details(ArrayNode changes, String type, String identifier) {
        return (ObjectNode) change(changes, type, identifier).get("DetailsDocument");
    }
}
