package io.mpcrm.connector.offer;

import io.mpcrm.connector.product.ProductVisibility;
import java.util.List;
import java.util.Optional;

/**
 * The product an offer sells, as synced to MP_Product__c (Product_Type__c: SaaS, AMI, Container, Data, ...).
 *
 * @param sellerAccountId the AWS account (12 digits) of the seller account the product was synced for, null if unknown
 * @param visibility      Visibility__c: Public, Limited, ..., or Unavailable when Refresh Products no longer finds it
 */
public record OfferProduct(String productId, String productType, List<ProductDimension> dimensions,
                           String sellerAccountId, String visibility) {

    public static final String SAAS = "SaaS";
    public static final String AMI = "AMI";
    public static final String CONTAINER = "Container";
    /** The visibility Refresh Products gives a product the seller account no longer sees. */
    public static final String UNAVAILABLE = ProductVisibility.UNAVAILABLE;

    public OfferProduct {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
    }

    public OfferProduct(String productId, String productType, List<ProductDimension> dimensions,
                        String sellerAccountId) {
        this(productId, productType, dimensions, sellerAccountId, null);
    }

    /** A product whose seller account is not known. */
    public OfferProduct(String productId, String productType, List<ProductDimension> dimensions) {
        this(productId, productType, dimensions, null);
    }

    public Optional<ProductDimension> dimension(String key) {
        return dimensions.stream().filter(d -> d.key().equals(key)).findFirst();
    }

    /** Refresh Products marked it: the seller account no longer sees it, so no offer can be made on it. */
    public boolean unavailable() {
        return UNAVAILABLE.equals(visibility);
    }

    public boolean isSaaS() {
        return SAAS.equals(productType);
    }

    public boolean isAmi() {
        return AMI.equals(productType);
    }

    public boolean isContainer() {
        return CONTAINER.equals(productType);
    }
}
