package io.mpcrm.connector.marketplace;

/** AWS refused the call (access denied, not found, invalid); the message says what a seller or admin can do. */
public class MarketplaceRejected extends RuntimeException {

    public MarketplaceRejected(String message, Throwable cause) {
        super(message, cause);
    }
}
