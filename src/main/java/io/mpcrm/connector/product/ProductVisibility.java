package io.mpcrm.connector.product;

/** The product visibility the connector writes itself, besides the ones AWS Marketplace reports. */
public final class ProductVisibility {

    /** Product visibility when the account no longer sees the product: kept, not deleted. */
    public static final String UNAVAILABLE = "Unavailable";

    private ProductVisibility() {
    }
}
