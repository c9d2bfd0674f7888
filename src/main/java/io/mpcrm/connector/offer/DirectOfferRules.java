package io.mpcrm.connector.offer;

import java.util.Set;
import org.springframework.stereotype.Component;

/** A direct offer is the seller's own in every term: every shared check applies, and nothing else. */
@Component
public class DirectOfferRules implements OfferKindRules {

    @Override
    public Set<OfferOrigin.Type> types() {
        return Set.of(OfferOrigin.Type.DIRECT);
    }
}
