package io.mpcrm.connector.channeloffer;

import io.mpcrm.connector.offer.OfferOrigin;
import io.mpcrm.connector.offer.Offers;
import io.mpcrm.connector.offer.PrivateOffer;
import io.mpcrm.connector.terms.ScheduledCharge;

import io.mpcrm.connector.terms.OfferDimension;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorization;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A channel partner's offer on a shared resale authorization, and that authorization, as the records hold them. */
public final class ChannelPartnerOffers {

    public static final String RA_ID = "resaleauthz-acmepartner01";
    public static final LocalDate RA_EXPIRES = LocalDate.parse("2026-06-30");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChannelPartnerOffers() {
    }

    /** The ISV's SaaS contract for any buyer: 12 months at 100 per user and 150 per admin, until June. */
    public static SharedResaleAuthorization contractAuthorization() {
        return new SharedResaleAuthorization("a0S000000000001", RA_ID, "Acme Analytics for partners",
                "a0A000000000001", Offers.SAAS.productId(), null, "Contract", "USD",
                json("[{'Type':'ResaleConfigurableUpfrontPricingTerm','CurrencyCode':'USD','RateCards':[{'Selector':"
                        + "{'Type':'Duration','Value':'P12M'},'RateCard':[{'DimensionKey':'Users','Price':'100.00'},"
                        + "{'DimensionKey':'Admins','Price':'150.00'}]}]}]"),
                json("[{'Type':'BuyerLegalTerm','Documents':[{'Type':'StandardEula'}]},"
                        + "{'Type':'ResaleLegalTerm','Documents':[{'Type':'StandardResellerContract'}]}]"),
                false, RA_EXPIRES, "Active", List.of(), 0, "Not Started", null);
    }

    /** The same ISV terms paid in two installments of 600. */
    public static SharedResaleAuthorization installmentAuthorization() {
        SharedResaleAuthorization ra = contractAuthorization();
        return new SharedResaleAuthorization(ra.recordId(), ra.resaleAuthorizationId(), ra.name(),
                ra.sellerAccountRecordId(), ra.productId(), null, ra.pricingModel(), ra.currency(),
                json("[{'Type':'ResaleFixedUpfrontPricingTerm','CurrencyCode':'USD','Duration':'P12M','Price':'0.0',"
                        + "'Grants':[{'DimensionKey':'Users','MaxQuantity':10}]},{'Type':'ResalePaymentScheduleTerm',"
                        + "'CurrencyCode':'USD','Schedule':[{'ChargeDate':'2026-04-15T00:00:00.000Z','ChargeAmount':"
                        + "'600.00'},{'ChargeDate':'2026-10-15T00:00:00.000Z','ChargeAmount':'600.00'}]}]"),
                ra.legalTerms(), true, ra.expiration(), ra.status(), ra.buyerAccounts(), 0, "Not Started", null);
    }

    /** The partner's offer on {@link #contractAuthorization}: two buyers, 12 months, 10% markup. */
    public static PrivateOffer markedUpContract() {
        return Offers.with(Offers.saasContract(), o -> {
            o.productId = null;
            o.origin = new OfferOrigin(OfferOrigin.Type.CHANNEL_PARTNER, null, RA_ID, new BigDecimal("10"));
            o.dimensions = List.of(Offers.upfront("Users", "100.00"), Offers.upfront("Admins", "150.00"));
        });
    }

    /** The partner's offer on {@link #installmentAuthorization}, with the ISV's installments as prefilled. */
    public static PrivateOffer markedUpInstallments() {
        return Offers.with(markedUpContract(), o -> {
            o.installmentsEnabled = true;
            o.dimensions = List.of(new OfferDimension("Users", BigDecimal.ZERO, "Upfront", 10));
            o.schedule = List.of(Offers.charge("2026-04-15", "600.00"), Offers.charge("2026-10-15", "600.00"));
        });
    }

    /** The partner's own installments, without a markup, on {@link #installmentAuthorization}. */
    public static PrivateOffer ownInstallments(ScheduledCharge... charges) {
        return Offers.with(markedUpInstallments(), o -> {
            o.origin = new OfferOrigin(OfferOrigin.Type.CHANNEL_PARTNER, null, RA_ID,
                    BigDecimal.ZERO);
            o.schedule = List.of(charges);
        });
    }

    public static SharedResaleAuthorization with(SharedResaleAuthorization ra, String status, LocalDate expiration,
                                          boolean oneTime, Integer offersCreated, String offerStatus,
                                          List<String> buyers, LocalDate maximumStart) {
        return new SharedResaleAuthorization(ra.recordId(), ra.resaleAuthorizationId(), ra.name(),
                ra.sellerAccountRecordId(), ra.productId(), ra.productRecordId(), ra.pricingModel(), ra.currency(),
                ra.wholesaleTerms(), ra.legalTerms(), oneTime, expiration, status, buyers, offersCreated, offerStatus,
                maximumStart);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
