package io.mpcrm.connector.offer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A direct offer is the seller's own in every term: every shared check applies, and nothing else; it is made on the
 * product and sends every term it has.
 */
@Component
public class DirectOfferKind implements OfferKindRules, OfferKindChanges {

    @Override
    public Set<OfferOrigin.Type> types() {
        return Set.of(OfferOrigin.Type.DIRECT);
    }

    @Override
    public void creation(PrivateOffer offer, ObjectNode details) {
        details.put("ProductId", offer.productId());
    }
}
