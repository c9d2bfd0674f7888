package io.mpcrm.connector.resale;

import java.math.BigDecimal;

/**
 * One wholesale rate (MP_Resale_Dimension__c): what the reseller pays the ISV for a dimension.
 *
 * @param rateKind Upfront (an Entitled dimension, bought for the contract duration) or Usage (a metered one)
 * @param quantity the units granted, for an authorization with a payment schedule
 */
public record WholesaleRate(String key, BigDecimal rate, String rateKind, Integer quantity) {

    public static final String UPFRONT = "Upfront";
    public static final String USAGE = "Usage";

    public boolean upfront() {
        return UPFRONT.equals(rateKind);
    }

    public boolean usage() {
        return USAGE.equals(rateKind);
    }
}
