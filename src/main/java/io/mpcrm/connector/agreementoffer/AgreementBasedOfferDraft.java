package io.mpcrm.connector.agreementoffer;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.offer.PrivateOffer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The new MP_Private_Offer__c an agreement suggests, with its rates and installments: the agreement's product and
 * buyer, the dimensions and units the buyer accepted, the installments not yet charged, and the agreement's end date
 * as the replacement's AgreementEndDate. The seller edits it and creates it; nothing here talks to AWS.
 *
 * @param offer        the MP_Private_Offer__c fields
 * @param rates        MP_Offer_Dimension__c fields, without the parent offer
 * @param installments MP_Payment_Installment__c fields, without the parent offer
 */
public record AgreementBasedOfferDraft(Map<String, Object> offer, List<Map<String, Object>> rates,
        List<Map<String, Object>> installments) {

    /** How long the offer stays open by default; the seller usually shortens or lengthens it. */
    static final int DAYS_OPEN = 30;

    public static AgreementBasedOfferDraft of(ReplaceableAgreement agreement, LocalDate today) {
        Terms terms = new Terms(agreement.terms());
        String currency = agreement.currency() != null ? agreement.currency() : terms.currency();
        List<Map<String, Object>> installments = new ArrayList<>();
        for (JsonNode charge : terms.member("paymentScheduleTerm").path("schedule")) {
            LocalDate date = date(charge.path("chargeDate"));
            // Charges already made stay with the old agreement; only the ones still to come are suggested.
            if (date != null && date.isAfter(today)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put(OfferFields.CHARGE_DATE.name(), date.toString());
                row.put(OfferFields.CHARGE_AMOUNT.name(), new BigDecimal(charge.path("chargeAmount").asText("0")));
                row.put(OfferFields.CHARGE_CURRENCY.name(), currency);
                row.put(OfferFields.INSTALLMENT_NUMBER.name(), installments.size() + 1);
                installments.add(row);
            }
        }

        Map<String, Object> offer = new HashMap<>();
        String title = "Agreement-based offer for " + agreement.acceptorAccountId();
        offer.put(OfferFields.NAME.name(), title);
        offer.put(OfferFields.OFFER_NAME.name(), title);
        offer.put(OfferFields.DESCRIPTION.name(), "Replaces agreement " + agreement.agreementId() + " of buyer "
                + agreement.acceptorAccountId() + ".");
        offer.put(OfferFields.OFFER_TYPE.name(), agreement.replacedBy().label());
        offer.put(OfferFields.AGREEMENT.name(), agreement.recordId());
        offer.put(OfferFields.SELLER.name(), agreement.sellerAccountRecordId());
        offer.put(OfferFields.PRODUCT.name(), agreement.productRecordId());
        if (agreement.resaleAuthorizationRecord() != null) {
            offer.put(OfferFields.SHARED_RESALE_AUTHORIZATION.name(), agreement.resaleAuthorizationRecord());
        }
        offer.put(OfferFields.BUYER_ACCOUNTS.name(), agreement.acceptorAccountId());
        offer.put(OfferFields.PRICING_MODEL.name(), PrivateOffer.CONTRACT);
        offer.put(OfferFields.CURRENCY_CODE.name(), currency);
        offer.put(OfferFields.SERVICE_LENGTH.name(), terms.duration());
        offer.put(OfferFields.SERVICE_END.name(), agreement.endDate().toString());
        LocalDate expiry = today.plusDays(DAYS_OPEN);
        offer.put(OfferFields.EXPIRATION.name(), (expiry.isBefore(agreement.endDate()) ? expiry
                : agreement.endDate().minusDays(1)).toString());
        offer.put(OfferFields.EULA_TYPE.name(), terms.eulaType());
        offer.put(OfferFields.INSTALLMENTS_ENABLED.name(), !installments.isEmpty());
        offer.put(OfferFields.STATUS.name(), "New");
        if (PrivateOffer.CUSTOM_EULA.equals(terms.eulaType())) {
            offer.put(OfferFields.LAST_ERROR.name(), "The agreement has a custom EULA: attach it to this offer"
                    + " before creating it.");
        }
        return new AgreementBasedOfferDraft(offer, terms.rates(), installments);
    }

    /** Dates in synced terms are ISO-8601 instants (epoch seconds in older syncs). */
    private static LocalDate date(JsonNode value) {
        if (value.isNumber()) {
            return LocalDate.ofInstant(Instant.ofEpochSecond(value.asLong()), ZoneOffset.UTC);
        }
        String text = value.asText(null);
        return text == null || text.length() < 10 ? null : LocalDate.parse(text.substring(0, 10));
    }

    /** The accepted terms as the Agreement API lists them: one member per term, e.g. validityTerm. */
    private record Terms(JsonNode list) {

        JsonNode member(String name) {
            for (JsonNode term : list) {
                if (term.has(name)) {
                    return term.get(name);
                }
            }
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }

        String currency() {
            for (String name : List.of("configurableUpfrontPricingTerm", "fixedUpfrontPricingTerm",
                    "paymentScheduleTerm", "usageBasedPricingTerm")) {
                String code = member(name).path("currencyCode").asText(null);
                if (code != null) {
                    return code;
                }
            }
            return "USD";
        }

        /** The length the buyer bought the units for: the contract's selector, or the fixed term's duration. */
        String duration() {
            JsonNode upfront = member("configurableUpfrontPricingTerm");
            String selector = upfront.path("configuration").path("selectorValue").asText(null);
            if (selector == null) {
                selector = upfront.path("rateCards").path(0).path("selector").path("value").asText(null);
            }
            return selector != null ? selector : member("fixedUpfrontPricingTerm").path("duration").asText(null);
        }

        String eulaType() {
            for (JsonNode document : member("legalTerm").path("documents")) {
                if (PrivateOffer.CUSTOM_EULA.equals(document.path("type").asText())) {
                    return PrivateOffer.CUSTOM_EULA;
                }
            }
            return PrivateOffer.STANDARD_EULA;
        }

        List<Map<String, Object>> rates() {
            List<Map<String, Object>> rates = new ArrayList<>();
            JsonNode upfront = member("configurableUpfrontPricingTerm");
            Map<String, Integer> bought = new HashMap<>();
            upfront.path("configuration").path("dimensions").forEach(d ->
                    bought.put(d.path("dimensionKey").asText(), d.path("dimensionValue").asInt()));
            for (JsonNode rate : upfront.path("rateCards").path(0).path("rateCard")) {
                String key = rate.path("dimensionKey").asText();
                rates.add(rate(key, new BigDecimal(rate.path("price").asText("0")), "Upfront", bought.get(key)));
            }
            // In installments the schedule carries the money; the grants say how many units the buyer has.
            for (JsonNode grant : member("fixedUpfrontPricingTerm").path("grants")) {
                rates.add(rate(grant.path("dimensionKey").asText(), null, "Upfront",
                        grant.path("maxQuantity").asInt()));
            }
            for (JsonNode card : member("usageBasedPricingTerm").path("rateCards")) {
                for (JsonNode rate : card.path("rateCard")) {
                    rates.add(rate(rate.path("dimensionKey").asText(),
                            new BigDecimal(rate.path("price").asText("0")), "Usage", null));
                }
            }
            return rates;
        }

        private static Map<String, Object> rate(String key, BigDecimal price, String kind, Integer quantity) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("Name", key);
            row.put(OfferFields.RATE_KEY.name(), key);
            if (price != null) {
                row.put(OfferFields.RATE_VALUE.name(), price);
            }
            row.put(OfferFields.RATE_KIND.name(), kind);
            if (quantity != null) {
                row.put(OfferFields.RATE_QUANTITY.name(), quantity);
            }
            return row;
        }
    }
}
