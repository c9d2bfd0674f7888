package io.mpcrm.connector.offer;

import java.util.List;
import java.util.Optional;

/**
 * The product an offer sells, as synced to MP_Product__c (Product_Type__c: SaaS, AMI, Container, Data, ...).
 *
 * @param sellerAccountId the AWS account (12 digits) of the seller account the product was synced for, null if unknown
 */
public record OfferProduct(String productId, String productType, List<ProductDimension> dimensions,
                           String sellerAccountId) {

    public static final String SAAS = "SaaS";
    public static final String AMI = "AMI";
    public static final String CONTAINER = "Container";

    public OfferProduct {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
    }

    /** A product whose seller account is not known. */
    public OfferProduct(String productId, String productType, List<ProductDimension> dimensions) {
        this(productId, productType, dimensions, null);
    }

    public Optional<ProductDimension> dimension(String key) {
        return dimensions.stream().filter(d -> d.key().equals(key)).findFirst();
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
