package io.mpcrm.connector.sharedresale;

import io.mpcrm.connector.terms.OfferDimension;
import io.mpcrm.connector.terms.ScheduledCharge;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A resale authorization an ISV shared with this channel partner, as the sync stored it on
 * MP_Shared_Resale_Authorization__c: what it fixes for every channel partner offer made on it (product, wholesale
 * terms, buyer legal terms, buyers, durations) and whether another offer can still be made on it.
 *
 * @param wholesaleTerms the Resale*PricingTerm and ResalePaymentScheduleTerm objects, as DescribeEntity shows them
 * @param legalTerms     the BuyerLegalTerm and ResaleLegalTerm objects
 * @param buyerAccounts  the only buyers an offer may target; empty when the ISV allowed any buyer
 * @param offerStatus    OfferDetails.OfferExtendedStatus: Not Started, Completed-Usable or Completed-Used
 * @param maximumStart   the latest agreement start of a future dated offer, null when none is allowed
 */
public record SharedResaleAuthorization(String recordId, String resaleAuthorizationId, String name,
        String sellerAccountRecordId, String productId, String productRecordId, String pricingModel, String currency,
        JsonNode wholesaleTerms, JsonNode legalTerms, boolean oneTime, LocalDate expiration, String status,
        List<String> buyerAccounts, Integer offersCreated, String offerStatus, LocalDate maximumStart) {

    public static final String USED = "Completed-Used";

    public SharedResaleAuthorization {
        buyerAccounts = buyerAccounts == null ? List.of() : List.copyOf(buyerAccounts);
    }

    /** A one-time authorization that already has its offer, or one AWS says can take no more. */
    public boolean usedUp() {
        return USED.equals(offerStatus) || (oneTime && offersCreated != null && offersCreated > 0);
    }

    public boolean expiredOn(LocalDate today) {
        return "Expired".equals(status) || (expiration != null && expiration.isBefore(today));
    }

    /** The agreement duration the ISV priced (an upfront selector or a fixed term), or null for usage pricing. */
    public String duration() {
        for (JsonNode term : wholesaleTerms) {
            String type = term.path("Type").asText();
            if ("ResaleConfigurableUpfrontPricingTerm".equals(type)) {
                String value = term.path("RateCards").path(0).path("Selector").path("Value").asText(null);
                if (value != null) {
                    return value;
                }
            } else if ("ResaleFixedUpfrontPricingTerm".equals(type) && term.hasNonNull("Duration")) {
                return term.path("Duration").asText();
            }
        }
        return null;
    }

    /** The wholesale rates as offer rates: upfront selectors and fixed grants as Upfront, usage as Usage. */
    public List<OfferDimension> rates() {
        List<OfferDimension> rates = new ArrayList<>();
        for (JsonNode term : wholesaleTerms) {
            switch (term.path("Type").asText()) {
                case "ResaleConfigurableUpfrontPricingTerm" -> term.path("RateCards").path(0).path("RateCard")
                        .forEach(r -> rates.add(new OfferDimension(r.path("DimensionKey").asText(),
                                new BigDecimal(r.path("Price").asText("0")), OfferDimension.UPFRONT, null)));
                case "ResaleFixedUpfrontPricingTerm" -> term.path("Grants").forEach(g -> rates.add(new OfferDimension(
                        g.path("DimensionKey").asText(), BigDecimal.ZERO, OfferDimension.UPFRONT,
                        g.path("MaxQuantity").isNumber() ? g.path("MaxQuantity").asInt() : null)));
                case "ResaleUsageBasedPricingTerm" -> term.path("RateCards").path(0).path("RateCard")
                        .forEach(r -> rates.add(new OfferDimension(r.path("DimensionKey").asText(),
                                new BigDecimal(r.path("Price").asText("0")), OfferDimension.USAGE, null)));
                default -> { }
            }
        }
        return rates;
    }

    /** The ISV's installments, which a channel partner offer inherits (marked up). */
    public List<ScheduledCharge> schedule() {
        List<ScheduledCharge> charges = new ArrayList<>();
        for (JsonNode term : wholesaleTerms) {
            if ("ResalePaymentScheduleTerm".equals(term.path("Type").asText())) {
                term.path("Schedule").forEach(c -> charges.add(new ScheduledCharge(
                        LocalDate.parse(c.path("ChargeDate").asText().substring(0, 10)),
                        new BigDecimal(c.path("ChargeAmount").asText("0")))));
            }
        }
        return charges;
    }

    /** The EULA the ISV gave buyers (StandardEula, EnterpriseEula or CustomEula), or null. */
    public String buyerEulaType() {
        for (JsonNode term : legalTerms) {
            if ("BuyerLegalTerm".equals(term.path("Type").asText())) {
                return term.path("Documents").path(0).path("Type").asText(null);
            }
        }
        return null;
    }
}
