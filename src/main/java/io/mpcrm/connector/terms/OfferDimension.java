package io.mpcrm.connector.terms;

import java.math.BigDecimal;

/**
 * A rate on an offer (MP_Offer_Dimension__c). {@code rateKind} is {@code Upfront} or {@code Usage}; {@code quantity}
 * is the fixed number of units a flexible payment schedule grants, and is unused otherwise.
 */
public record OfferDimension(String key, BigDecimal rate, String rateKind, Integer quantity) {

    public static final String UPFRONT = "Upfront";
    public static final String USAGE = "Usage";

    public boolean upfront() {
        return UPFRONT.equals(rateKind);
    }

    public boolean usage() {
        return USAGE.equals(rateKind);
    }
}
