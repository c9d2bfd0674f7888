package io.mpcrm.connector.offer;

import java.math.BigDecimal;

/**
 * Where an offer comes from, which decides the change that creates it: a direct offer starts from the product, an
 * agreement-based offer from the agreement it replaces, a channel partner offer from the resale authorization it
 * uses (and, when it replaces a channel partner agreement, from both).
 *
 * @param type                   Offer_Type__c
 * @param agreementId            the Marketplace agreement an agreement-based offer replaces, else null
 * @param resaleAuthorizationId  the resale authorization a channel partner offer uses, else null
 * @param markupPercentage       the channel partner's markup on the wholesale prices, else null
 */
public record OfferOrigin(Type type, String agreementId, String resaleAuthorizationId, BigDecimal markupPercentage) {

    public static final OfferOrigin DIRECT = new OfferOrigin(Type.DIRECT, null, null, null);

    public OfferOrigin {
        type = type == null ? Type.DIRECT : type;
    }

    /** The values of Offer_Type__c and the Catalog API change that creates each kind of offer. */
    public enum Type {
        DIRECT("Direct", "CreateOffer"),
        AGREEMENT_BASED("Agreement Based", "CreateReplacementOffer"),
        CHANNEL_PARTNER("Channel Partner", "CreateOfferUsingResaleAuthorization"),
        CHANNEL_PARTNER_AGREEMENT_BASED("Channel Partner Agreement Based",
                "CreateReplacementOfferUsingResaleAuthorization");

        private final String label;
        private final String createChange;

        Type(String label, String createChange) {
            this.label = label;
            this.createChange = createChange;
        }

        public String label() {
            return label;
        }

        public String createChange() {
            return createChange;
        }

        /** The type a picklist value names; blank means a direct offer. */
        public static Type of(String label) {
            if (label == null || label.isBlank()) {
                return DIRECT;
            }
            for (Type type : values()) {
                if (type.label.equalsIgnoreCase(label.trim())) {
                    return type;
                }
            }
            throw new IllegalArgumentException("Unknown offer type " + label);
        }
    }

    /** It replaces an existing agreement: targeting is fixed to that agreement's buyer. */
    public boolean replacesAgreement() {
        return type == Type.AGREEMENT_BASED || type == Type.CHANNEL_PARTNER_AGREEMENT_BASED;
    }

    /** It is made by a channel partner on an ISV's resale authorization. */
    public boolean channelPartner() {
        return type == Type.CHANNEL_PARTNER || type == Type.CHANNEL_PARTNER_AGREEMENT_BASED;
    }

    /** The change type that creates the offer, e.g. CreateOffer. */
    public String createChange() {
        return type.createChange();
    }

    /** How the other changes of the set refer to the offer being created. */
    public String newOfferReference() {
        return "$" + createChange() + ".Entity.Identifier";
    }
}
