package io.mpcrm.connector.agreementoffer;

import static io.mpcrm.connector.offer.Offers.TODAY;

import io.mpcrm.connector.offer.OfferOrigin;
import io.mpcrm.connector.offer.Offers;
import io.mpcrm.connector.offer.PrivateOffer;
import io.mpcrm.connector.terms.OfferDimension;
import java.util.List;

/** Agreement-based offers as the seller finds them prefilled from an agreement, a channel partner's ones too. */
public final class AgreementBasedOffers {

    public static final String AGREEMENT = "agmt-1111111111111111111111111";

    /** The offer prefilled from an agreement: Contract, its buyer, its end date, no start date. */
    public static PrivateOffer agreementBased() {
        return Offers.with(Offers.saasContract(), o -> {
            o.origin = new OfferOrigin(OfferOrigin.Type.AGREEMENT_BASED, AGREEMENT, null, null);
            o.buyerAccounts = new java.util.ArrayList<>(List.of("210987654321"));
            o.serviceEnd = TODAY.plusMonths(16);
        });
    }

    public static PrivateOffer channelPartnerAgreementBased() {
        return Offers.with(agreementBased(), o -> o.origin = new OfferOrigin(
                OfferOrigin.Type.CHANNEL_PARTNER_AGREEMENT_BASED, AGREEMENT, "resaleauthz-abcdefghijklm", null));
    }

    /** The channel partner's replacement paid in installments of its own: 10 users at 120 (1,200) in two. */
    public static PrivateOffer channelPartnerAgreementBasedInInstallments() {
        return Offers.with(channelPartnerAgreementBased(), o -> {
            o.installmentsEnabled = true;
            o.dimensions = new java.util.ArrayList<>(List.of(new OfferDimension("Users", new java.math.BigDecimal("120"),
                    "Upfront", 10)));
            o.schedule = new java.util.ArrayList<>(List.of(Offers.charge("2026-04-15", "600"),
                    Offers.charge("2026-10-15", "600")));
        });
    }

    private AgreementBasedOffers() {
    }
}
