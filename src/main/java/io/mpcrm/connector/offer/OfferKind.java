package io.mpcrm.connector.offer;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kind of private offer, as the package that owns it tells {@link OfferValidator} ({@link OfferKindRules}) and
 * {@link OfferChangeSetBuilder} ({@link OfferKindChanges}) what differs about it: direct offers here, agreement-based
 * offers in agreementoffer/, channel partner offers in channeloffer/. Each kind is a Spring bean.
 */
public interface OfferKind {

    /** The offer types (Offer_Type__c) this kind is. */
    Set<OfferOrigin.Type> types();

    /** Whether the seller chooses the buyers (checked, sent as UpdateTargeting); false where AWS fixes the buyer. */
    default boolean targetsBuyers() {
        return true;
    }

    /**
     * The kinds by the types they are, exactly one per {@link OfferOrigin.Type}: a type without one, or with two, is a
     * mistake in the wiring, so the application refuses to start rather than skip a kind's rules.
     */
    static <K extends OfferKind> Map<OfferOrigin.Type, K> byType(List<K> kinds, Class<?> role) {
        Map<OfferOrigin.Type, K> byType = new EnumMap<>(OfferOrigin.Type.class);
        for (K kind : kinds) {
            for (OfferOrigin.Type type : kind.types()) {
                K before = byType.putIfAbsent(type, kind);
                if (before != null) {
                    throw new IllegalStateException("Two " + role.getSimpleName() + " for offers of type "
                            + type.label() + ": " + before.getClass().getName() + " and " + kind.getClass().getName()
                            + "; keep one.");
                }
            }
        }
        Set<OfferOrigin.Type> missing = EnumSet.allOf(OfferOrigin.Type.class);
        missing.removeAll(byType.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("No " + role.getSimpleName() + " for offers of type " + String.join(", ",
                    missing.stream().map(OfferOrigin.Type::label).toList()) + ": every offer type needs one bean.");
        }
        return byType;
    }
}
