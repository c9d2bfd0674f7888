package io.mpcrm.connector.offer;

/**
 * What one kind of private offer adds to, or takes from, the checks every offer passes: {@link OfferValidator} runs the
 * shared checks in one order and asks the kind of the offer at each point where kinds differ. Each kind is a Spring
 * bean in the package of the offers it is: direct offers here ({@link DirectOfferKind}), agreement-based offers in
 * {@code agreementoffer/}, channel partner offers in {@code channeloffer/}. Every {@link OfferOrigin.Type} has
 * exactly one bean; the validator refuses to start otherwise. Whether the buyers are the seller's to choose is
 * {@link OfferKind#targetsBuyers}.
 */
public interface OfferKindRules extends OfferKind {

    /**
     * Whether the offer's product, currency and installments are the seller's own and pass the shared checks; false
     * where what the offer is made on (a resale authorization) fixes them and {@link #terms} checks them against it.
     */
    default boolean ownTerms() {
        return true;
    }

    /** Whether the shared count of the offer's dimensions applies (only with a known product). */
    default boolean countsDimensions(PrivateOffer offer) {
        return true;
    }

    /** The offer's pricing terms, checked after its service term: by default its own rates. */
    default void terms(OfferCheck check, OfferProblems problems) {
        OfferPricingRules.pricing(check.offer(), check.product(), problems);
    }

    /** The offer's buyer legal terms: by default a standard or a custom EULA must be chosen. */
    default void eula(OfferCheck check, OfferProblems problems) {
        OfferFieldRules.eula(check.offer(), check.eulaBucketConfigured(), problems);
    }

    /** What this kind requires besides, checked after every shared check but the expiration limits. */
    default void check(OfferCheck check, OfferProblems problems) {
    }
}
