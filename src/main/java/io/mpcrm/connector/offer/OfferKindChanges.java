package io.mpcrm.connector.offer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * What one kind of private offer sends where kinds differ: {@link OfferChangeSetBuilder} builds every offer's change
 * set in one order from the shared term builders, and asks the kind of the offer what creates it and which terms it
 * sends itself (the rest AWS takes from the agreement or the resale authorization). {@link OfferTerm}'s table says
 * which kind sends which term. Each kind is a Spring bean in its package, usually the same bean as its
 * {@link OfferKindRules}; every {@link OfferOrigin.Type} has exactly one.
 */
public interface OfferKindChanges extends OfferKind {

    /** The DetailsDocument of the change that creates the offer ({@link OfferOrigin#createChange}): what it is on. */
    void creation(PrivateOffer offer, ObjectNode details);

    /**
     * The DetailsDocument of UpdatePricingTerms, or null to send none: by default the offer's own pricing model and
     * terms ({@link OfferChangeSetBuilder#ownPricing}).
     */
    default ObjectNode pricing(PrivateOffer offer, OfferProduct product) {
        return OfferChangeSetBuilder.ownPricing(offer, product);
    }

    /** Whether the offer sends its buyer legal terms (UpdateLegalTerms). */
    default boolean sendsLegalTerms(PrivateOffer offer) {
        return true;
    }

    /** Whether the offer sends its installments (UpdatePaymentScheduleTerms), when it has a payment schedule. */
    default boolean sendsOwnInstallments(PrivateOffer offer) {
        return true;
    }

    /** The markup percentage UpdateMarkup sends, or null to send none. */
    default BigDecimal markup(PrivateOffer offer) {
        return null;
    }

    /**
     * Whether an AMI or container agreement with an upfront term must outlast the offer's expiry (its buyers can add
     * entitlements until then); false where the durations are fixed elsewhere and the service length is sent as is.
     */
    default boolean agreementOutlastsExpiry() {
        return true;
    }
}
