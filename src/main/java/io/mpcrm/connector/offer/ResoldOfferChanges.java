package io.mpcrm.connector.offer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * What an offer a channel partner makes on an ISV's resale authorization sends, the agreement-based one
 * (agreementoffer/) and the other (channeloffer/) alike: the authorization's wholesale pricing, legal terms and
 * durations are inherited, and the markup changes them.
 */
public interface ResoldOfferChanges extends OfferKindChanges {

    /** The offer inherits the authorization's wholesale pricing, which only the markup changes. */
    @Override
    default ObjectNode pricing(PrivateOffer offer, OfferProduct product) {
        return null;
    }

    /** Without a file of its own, a channel partner's offer keeps the ISV's buyer legal terms. */
    @Override
    default boolean sendsLegalTerms(PrivateOffer offer) {
        return PrivateOffer.CUSTOM_EULA.equals(offer.eulaType());
    }

    /** A channel partner with a markup sells the ISV's installments marked up, never amounts of its own. */
    @Override
    default boolean sendsOwnInstallments(PrivateOffer offer) {
        BigDecimal markup = offer.origin().markupPercentage();
        return markup == null || markup.signum() == 0;
    }

    /** The markup applies to every wholesale price and installment the offer inherits from the authorization. */
    @Override
    default BigDecimal markup(PrivateOffer offer) {
        BigDecimal markup = offer.origin().markupPercentage();
        return markup == null ? BigDecimal.ZERO : markup;
    }

    /** A channel partner's durations must match its authorization's. */
    @Override
    default boolean agreementOutlastsExpiry() {
        return false;
    }
}
