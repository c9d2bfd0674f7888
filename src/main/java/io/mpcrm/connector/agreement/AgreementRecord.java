package io.mpcrm.connector.agreement;

import static io.mpcrm.connector.fields.AgreementFields.ACCEPTANCE_TIME;
import static io.mpcrm.connector.fields.AgreementFields.ACCEPTOR;
import static io.mpcrm.connector.fields.AgreementFields.AGREEMENT_ID;
import static io.mpcrm.connector.fields.AgreementFields.AUTO_RENEW;
import static io.mpcrm.connector.fields.AgreementFields.CURRENCY_CODE;
import static io.mpcrm.connector.fields.AgreementFields.DIMENSIONS;
import static io.mpcrm.connector.fields.AgreementFields.END_TIME;
import static io.mpcrm.connector.fields.AgreementFields.LAST_SYNCED_AT;
import static io.mpcrm.connector.fields.AgreementFields.NAME;
import static io.mpcrm.connector.fields.AgreementFields.OFFER_ID;
import static io.mpcrm.connector.fields.AgreementFields.PRICING_MODEL;
import static io.mpcrm.connector.fields.AgreementFields.PRIVATE_OFFER;
import static io.mpcrm.connector.fields.AgreementFields.PRODUCT;
import static io.mpcrm.connector.fields.AgreementFields.SELLER;
import static io.mpcrm.connector.fields.AgreementFields.START_TIME;
import static io.mpcrm.connector.fields.AgreementFields.STATUS;
import static io.mpcrm.connector.fields.AgreementFields.TERMS_JSON;
import static io.mpcrm.connector.fields.AgreementFields.VALUE;

import io.mpcrm.connector.marketplace.SdkJson;
import io.mpcrm.connector.salesforce.FieldValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.marketplaceagreement.model.AcceptedTerm;
import software.amazon.awssdk.services.marketplaceagreement.model.AgreementViewSummary;
import software.amazon.awssdk.services.marketplaceagreement.model.DescribeAgreementResponse;

/** An agreement as the seller reads it on {@code MP_Agreement__c}: described, with what the buyer bought. */
final class AgreementRecord {

    private static final int TERMS_LIMIT = 131_072;

    private AgreementRecord() {
    }

    /** What decides whether an agreement changed since the last sync, from a search result or a record. */
    static String fingerprint(String status, Instant start, Instant end, Instant acceptance) {
        return status + "|" + seconds(start) + "|" + seconds(end) + "|" + seconds(acceptance);
    }

    static String fingerprint(AgreementViewSummary summary) {
        return fingerprint(summary.statusAsString(), summary.startTime(), summary.endTime(), summary.acceptanceTime());
    }

    static Map<String, Object> of(DescribeAgreementResponse agreement, List<AcceptedTerm> terms, String sellerAccount,
                                  String productRecord, String offerRecord, Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(AGREEMENT_ID.name(), agreement.agreementId());
        row.put(NAME.name(), agreement.agreementId());
        row.put(SELLER.name(), sellerAccount);
        row.put(OFFER_ID.name(), agreement.proposalSummary() == null ? null : agreement.proposalSummary().offerId());
        row.put(PRODUCT.name(), productRecord);
        row.put(PRIVATE_OFFER.name(), offerRecord);
        row.put(ACCEPTOR.name(), agreement.acceptor() == null ? null : agreement.acceptor().accountId());
        row.put(STATUS.name(), agreement.statusAsString());
        row.put(START_TIME.name(), dateTime(agreement.startTime()));
        row.put(END_TIME.name(), dateTime(agreement.endTime()));
        row.put(ACCEPTANCE_TIME.name(), dateTime(agreement.acceptanceTime()));
        if (agreement.estimatedCharges() != null) {
            String value = agreement.estimatedCharges().agreementValue();
            row.put(VALUE.name(), value == null || value.isBlank() ? null : new BigDecimal(value));
            row.put(CURRENCY_CODE.name(), agreement.estimatedCharges().currencyCode());
        }
        row.put(PRICING_MODEL.name(), pricingModel(terms));
        row.put(AUTO_RENEW.name(), terms.stream().anyMatch(t -> t.renewalTerm() != null
                && t.renewalTerm().configuration() != null
                && Boolean.TRUE.equals(t.renewalTerm().configuration().enableAutoRenew())));
        row.put(DIMENSIONS.name(), dimensions(terms));
        String json = SdkJson.of(terms).toString();
        row.put(TERMS_JSON.name(), json.length() > TERMS_LIMIT ? json.substring(0, TERMS_LIMIT) : json);
        row.put(LAST_SYNCED_AT.name(), FieldValues.dateTime(now));
        return row;
    }

    /** Upfront terms make a contract, even with usage on top (contract with consumption). */
    static String pricingModel(List<AcceptedTerm> terms) {
        boolean upfront = terms.stream().anyMatch(t -> t.configurableUpfrontPricingTerm() != null
                || t.fixedUpfrontPricingTerm() != null || t.paymentScheduleTerm() != null);
        if (upfront) {
            return "Contract";
        }
        if (terms.stream().anyMatch(t -> t.usageBasedPricingTerm() != null || t.recurringPaymentTerm() != null)) {
            return "Usage";
        }
        if (terms.stream().anyMatch(t -> t.byolPricingTerm() != null)) {
            return "Byol";
        }
        return terms.stream().anyMatch(t -> t.freeTrialPricingTerm() != null) ? "Free" : null;
    }

    /** One line per dimension: units bought for upfront terms, the rate for usage terms. */
    static String dimensions(List<AcceptedTerm> terms) {
        List<String> lines = new ArrayList<>();
        for (AcceptedTerm term : terms) {
            var upfront = term.configurableUpfrontPricingTerm();
            if (upfront != null && upfront.configuration() != null) {
                upfront.configuration().dimensions().forEach(d ->
                        lines.add(d.dimensionKey() + ": " + d.dimensionValue() + " units"));
            }
            var fixed = term.fixedUpfrontPricingTerm();
            if (fixed != null) {
                fixed.grants().forEach(g -> lines.add(g.dimensionKey() + ": " + g.maxQuantity() + " units"));
            }
            var usage = term.usageBasedPricingTerm();
            if (usage != null) {
                usage.rateCards().forEach(card -> card.rateCard().forEach(rate ->
                        lines.add(rate.dimensionKey() + ": " + rate.price() + " " + Objects.toString(
                                usage.currencyCode(), "") + " per unit")));
            }
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    private static String dateTime(Instant instant) {
        return instant == null ? null : FieldValues.dateTime(instant);
    }

    private static String seconds(Instant instant) {
        return instant == null ? "" : Long.toString(instant.getEpochSecond());
    }
}
