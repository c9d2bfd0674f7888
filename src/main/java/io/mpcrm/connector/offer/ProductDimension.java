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

    public boolean metered() {
        return types.contains("Metered") || types.contains("ExternallyMetered");
    }
}
