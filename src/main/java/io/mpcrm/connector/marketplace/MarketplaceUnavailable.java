package io.mpcrm.connector.marketplace;

/** AWS did not complete the call (throttled past the retries, 5xx, unreachable); the same call may succeed later. */
public class MarketplaceUnavailable extends RuntimeException {

    public MarketplaceUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
