package io.mpcrm.connector.offer;

import java.util.List;
import java.util.Optional;

/** The product an offer sells, as synced to MP_Product__c (Product_Type__c: SaaS, AMI, Container, Data, ...). */
public record OfferProduct(String productId, String productType, List<ProductDimension> dimensions) {

    public static final String SAAS = "SaaS";
    public static final String AMI = "AMI";
    public static final String CONTAINER = "Container";

    public OfferProduct {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
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
