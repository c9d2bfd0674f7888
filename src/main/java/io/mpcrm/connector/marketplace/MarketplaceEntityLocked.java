package io.mpcrm.connector.marketplace;

/**
 * The entity is being changed by another change set (ResourceInUseException). It will be free when that one ends,
 * which can take AWS up to a few hours, so waiting for it is not a failed attempt.
 */
public class MarketplaceEntityLocked extends MarketplaceUnavailable {

    public MarketplaceEntityLocked(String message, Throwable cause) {
        super(message, cause);
    }
}
