package io.mpcrm.connector.offer;

import java.util.Set;

/** A dimension of a synced product; {@code types} holds Entitled, Metered and/or ExternallyMetered. */
public record ProductDimension(String key, Set<String> types) {

    public ProductDimension {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    public boolean entitled() {
        return types.contains("Entitled");
    }

    /** A usage dimension of a SaaS product, metered by the seller (AMI instance types are Metered). */
    public boolean externallyMetered() {
        return types.contains("ExternallyMetered");
    }

    public boolean metered() {
        return types.contains("Metered") || types.contains("ExternallyMetered");
    }
}
