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

/**
 * Turns a private offer into the Catalog API {@code ChangeSet} that creates it, as one unit: CreateOffer followed by
 * the Update* changes chained with {@code $CreateOffer.Entity.Identifier}, and ReleaseOffer when asked.
 * Run {@link OfferValidator} first; this class assumes a valid offer and fails loudly on what it cannot express.
 * Which terms it sends for each kind of offer, and which validator check covers each, is {@link OfferTerm}'s table.
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

    public OfferChangeSetBuilder() {
        this(Clock.systemUTC());
    }

    /** The clock sets how far an AMI or container agreement must reach (see {@link #agreementDuration}). */
    public OfferChangeSetBuilder(Clock clock) {
        this.clock = clock;
    }

    public ArrayNode create(PrivateOffer offer, OfferProduct product, boolean release) {
        ArrayNode changes = NODES.arrayNode();
        OfferOrigin origin = offer.origin();
        String newOffer = origin.newOfferReference();
        creation(details(changes, origin.createChange(), null), offer);

        ObjectNode information = details(changes, "UpdateInformation", newOffer);
        information.put("Name", offer.name());
        information.put("Description", offer.description());
        if (offer.renewal()) {
            information.putObject("PreExistingAgreement")
                    .put("AcquisitionChannel", offer.renewalAcquisitionChannel())
                    .put("PricingModel", offer.renewalPricingModel());
        }

        if (!origin.replacesAgreement()) {
            // A replacement offer is fixed to the agreement's buyer; AWS refuses targeting on it.
            ArrayNode buyers = details(changes, "UpdateTargeting", newOffer).putObject("PositiveTargeting")
                    .putArray("BuyerAccounts");
            offer.buyerAccounts().forEach(buyers::add);
        }

        if (!origin.channelPartner()) {
            ObjectNode pricing = details(changes, "UpdatePricingTerms", newOffer);
            pricing.put("PricingModel", offer.pricingModel());
            pricing.set("Terms", pricingTerms(offer, product));
        } else if (origin.replacesAgreement() && offer.flexiblePaymentSchedule()) {
            // A channel partner offer otherwise inherits the authorization's wholesale pricing, which only the markup
            // changes. A replacement with installments of its own also grants the units, as AWS's example does: a
            // FixedUpfrontPricingTerm priced 0 with the duration and grants beside the schedule (without it the
            // release fails MISSING_MANDATORY_TERMS), and only that term, which is all a channel partner may send
            // (https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-cppos.html#update-pricing-terms-cppo;
            // https://docs.aws.amazon.com/code-library/latest/ug/marketplace-catalog_example_marketplace-catalog_CreateResaleAuthorizationReplacementOffer_section.html).
            ObjectNode pricing = details(changes, "UpdatePricingTerms", newOffer);
            pricing.put("PricingModel", PrivateOffer.CONTRACT);
            pricing.set("Terms", NODES.arrayNode().add(grantedForNothing(offer)));
        }

        if (!origin.channelPartner() || PrivateOffer.CUSTOM_EULA.equals(offer.eulaType())) {
            // Without a file of its own, a channel partner offer keeps the ISV's buyer legal terms.
            details(changes, "UpdateLegalTerms", newOffer).set("Terms", NODES.arrayNode().add(legalTerm(offer)));
        }

        details(changes, "UpdateAvailability", newOffer)
                .put("AvailabilityEndDate", offer.expirationDate().toString());

        ObjectNode validity = validityTerm(offer, product);
        if (validity != null) {
            details(changes, "UpdateValidityTerms", newOffer).set("Terms", NODES.arrayNode().add(validity));
        }

        if (offer.flexiblePaymentSchedule() && ownInstallments(origin)) {
            ObjectNode term = NODES.objectNode().put("Type", "PaymentScheduleTerm")
                    .put("CurrencyCode", offer.currency());
            ArrayNode schedule = term.putArray("Schedule");
            offer.schedule().forEach(charge -> schedule.addObject()
                    .put("ChargeDate", charge.chargeDate().toString())
                    .put("ChargeAmount", price(charge.amount())));
            details(changes, "UpdatePaymentScheduleTerms", newOffer).set("Terms", NODES.arrayNode().add(term));
        }

        if (origin.channelPartner() && !(origin.replacesAgreement() && offer.flexiblePaymentSchedule())) {
            // The markup applies to every wholesale price and installment the offer inherits from the authorization.
            // A replacement with its own units and installments inherits neither, and AWS refuses a markup on terms
            // the authorization does not have (INCOMPATIBLE_RESALE_AUTHORIZATION, work-with-cppos.html#update-markup).
            BigDecimal markup = origin.markupPercentage() == null ? BigDecimal.ZERO : origin.markupPercentage();
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

    /** A channel partner with a markup sells the ISV's installments marked up, never amounts of its own. */
    private static boolean ownInstallments(OfferOrigin origin) {
        return !origin.channelPartner() || origin.markupPercentage() == null
                || origin.markupPercentage().signum() == 0;
    }

    /** The first change: what the offer is created from. */
    private static void creation(ObjectNode details, PrivateOffer offer) {
        OfferOrigin origin = offer.origin();
        switch (origin.type()) {
            case DIRECT -> details.put("ProductId", offer.productId());
            case AGREEMENT_BASED -> details.put("AgreementId", origin.agreementId());
            case CHANNEL_PARTNER -> details.put("ResaleAuthorizationId", origin.resaleAuthorizationId());
            case CHANNEL_PARTNER_AGREEMENT_BASED -> details.put("ResaleAuthorizationId",
                    origin.resaleAuthorizationId()).put("AgreementId", origin.agreementId());
        }
    }

    /** MODIFY_OFFER_EXPIRATION: a future date extends the offer, a past one expires it. */
    public ArrayNode updateAvailability(String offerId, LocalDate date) {
        ArrayNode changes = NODES.arrayNode();
        details(changes, "UpdateAvailability", offerId).put("AvailabilityEndDate", date.toString());
        return changes;
    }

    /** CANCEL_OFFER: there is no cancel change type, so the offer expires yesterday; existing agreements stay. */
    public ArrayNode cancel(String offerId) {
        return updateAvailability(offerId, LocalDate.now(clock).minusDays(1));
    }

    public String pretty(ArrayNode changeSet) {
        try {
            return PRINTER.writeValueAsString(changeSet);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ArrayNode pricingTerms(PrivateOffer offer, OfferProduct product) {
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
    private static ObjectNode grantedForNothing(PrivateOffer offer) {
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

    private ObjectNode validityTerm(PrivateOffer offer, OfferProduct product) {
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
        return term.put("AgreementDuration", agreementDuration(offer, product));
    }

    /**
     * AMI and container buyers can add entitlements until the offer expires, so an agreement with an upfront term must
     * outlast the days left until expiry plus the term; SaaS agreements last the service length.
     */
    private String agreementDuration(PrivateOffer offer, OfferProduct product) {
        boolean upfrontTerm = !offer.upfrontDimensions().isEmpty() && !PrivateOffer.BYOL.equals(offer.pricingModel());
        // A channel partner offer's durations must match its authorization's.
        if (product.isSaaS() || !upfrontTerm || offer.origin().channelPartner()) {
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
