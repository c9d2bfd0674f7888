package io.mpcrm.connector.offer;

import io.mpcrm.connector.terms.OfferDimension;
import io.mpcrm.connector.terms.ScheduledCharge;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * IMPORT_OFFER: reads an offer as DescribeEntity shows it (Offer@1.0 DetailsDocument) back into a {@link PrivateOffer},
 * so that {@link OfferChangeSetBuilder#create} of the result gives back an equivalent change set.
 *
 * <p>The document does not carry the pricing model, so it is read from the terms: ByolPricingTerm is Byol; every
 * rate 0 (without installments) is Free; Usage and upfront terms together are Usage for an AMI product (annual
 * pricing) and Contract otherwise (contract with consumption). Without a product type, together they are Usage when
 * the upfront term lasts P365D.
 */
public final class OfferDetails {

    private OfferDetails() {
    }

    public static PrivateOffer fromDescribeEntity(String offerId, JsonNode detailsDocument, String recordIdOrNull) {
        return fromDescribeEntity(offerId, detailsDocument, recordIdOrNull, null);
    }

    public static PrivateOffer fromDescribeEntity(String offerId, JsonNode details, String recordIdOrNull,
            String productTypeOrNull) {
        JsonNode terms = details.path("Terms");
        JsonNode upfrontTerm = term(terms, "ConfigurableUpfrontPricingTerm");
        JsonNode fixedTerm = term(terms, "FixedUpfrontPricingTerm");
        JsonNode usageTerm = term(terms, "UsageBasedPricingTerm");
        JsonNode scheduleTerm = term(terms, "PaymentScheduleTerm");
        JsonNode validity = term(terms, "ValidityTerm");
        JsonNode legal = term(terms, "LegalTerm").path("Documents").path(0);

        List<OfferDimension> dimensions = new ArrayList<>();
        String upfrontDuration = null;
        boolean tiered = false;
        if (!fixedTerm.isMissingNode()) {
            upfrontDuration = text(fixedTerm.path("Duration"));
            fixedTerm.path("Grants").forEach(grant -> dimensions.add(new OfferDimension(
                    grant.path("DimensionKey").asText(), null, OfferDimension.UPFRONT,
                    grant.path("MaxQuantity").asInt())));
        } else if (!upfrontTerm.isMissingNode()) {
            JsonNode card = upfrontTerm.path("RateCards").path(0);
            upfrontDuration = text(card.path("Selector").path("Value"));
            tiered = "Disallowed".equals(card.path("Constraints").path("MultipleDimensionSelection").asText());
            rates(card.path("RateCard"), OfferDimension.UPFRONT, dimensions);
        }
        rates(usageTerm.path("RateCards").path(0).path("RateCard"), OfferDimension.USAGE, dimensions);

        List<ScheduledCharge> schedule = new ArrayList<>();
        scheduleTerm.path("Schedule").forEach(charge -> schedule.add(new ScheduledCharge(
                date(charge.path("ChargeDate")), new BigDecimal(charge.path("ChargeAmount").asText()))));

        boolean byol = !term(terms, "ByolPricingTerm").isMissingNode();
        boolean anyUpfront = !upfrontTerm.isMissingNode() || !fixedTerm.isMissingNode();
        boolean anyUsage = !usageTerm.isMissingNode();
        boolean allZero = !dimensions.isEmpty() && schedule.isEmpty()
                && dimensions.stream().allMatch(d -> d.rate() != null && d.rate().signum() == 0);
        String pricingModel;
        if (byol) {
            pricingModel = PrivateOffer.BYOL;
        } else if (allZero) {
            pricingModel = PrivateOffer.FREE;
        } else if (anyUsage && anyUpfront) {
            boolean ami = productTypeOrNull == null
                    ? OfferChangeSetBuilder.ANNUAL.equals(upfrontDuration)
                    : OfferProduct.AMI.equals(productTypeOrNull);
            pricingModel = ami ? PrivateOffer.USAGE : PrivateOffer.CONTRACT;
        } else {
            pricingModel = anyUsage ? PrivateOffer.USAGE : PrivateOffer.CONTRACT;
        }

        LocalDate start = date(validity.path("AgreementStartDate"));
        LocalDate end = date(validity.path("AgreementEndDate"));
        String serviceLength = null;
        if (start == null && end == null) {
            // An AMI agreement outlasts its upfront term; the term is what the seller chose.
            serviceLength = upfrontDuration != null ? upfrontDuration : text(validity.path("AgreementDuration"));
        }

        String currency = firstCurrency(upfrontTerm, fixedTerm, usageTerm, scheduleTerm);
        JsonNode preExisting = details.path("PreExistingAgreement");
        boolean renewal = preExisting.isObject();
        String eulaType = text(legal.path("Type"));

        return new PrivateOffer(recordIdOrNull, offerId, text(details.path("Name")),
                text(details.path("Description")), text(details.path("ProductId")), buyerAccounts(details),
                pricingModel, currency, serviceLength, start, end, availabilityEnd(details),
                dimensions.stream().anyMatch(d -> d.rate() != null && d.rate().signum() == 0),
                !schedule.isEmpty(), eulaType, text(legal.path("Url")), PrivateOffer.CUSTOM_EULA.equals(eulaType),
                renewal, renewal ? text(preExisting.path("AcquisitionChannel")) : null,
                renewal ? text(preExisting.path("PricingModel")) : null, dimensions, schedule, tiered);
    }

    private static void rates(JsonNode card, String kind, List<OfferDimension> into) {
        card.forEach(rate -> into.add(new OfferDimension(rate.path("DimensionKey").asText(),
                new BigDecimal(rate.path("Price").asText()), kind, null)));
    }

    private static List<String> buyerAccounts(JsonNode details) {
        List<String> accounts = new ArrayList<>();
        rule(details, "TargetingRule").path("PositiveTargeting").path("BuyerAccounts").forEach(account ->
                accounts.add(account.isObject() ? account.path("AwsAccountId").asText() : account.asText()));
        return accounts;
    }

    private static LocalDate availabilityEnd(JsonNode details) {
        return date(rule(details, "AvailabilityRule").path("AvailabilityEndDate"));
    }

    private static String firstCurrency(JsonNode... terms) {
        for (JsonNode term : terms) {
            String currency = text(term.path("CurrencyCode"));
            if (currency != null) {
                return currency;
            }
        }
        return null;
    }

    private static JsonNode term(JsonNode terms, String type) {
        for (JsonNode term : terms) {
            if (type.equals(term.path("Type").asText())) {
                return term;
            }
        }
        return MissingNode.getInstance();
    }

    private static JsonNode rule(JsonNode details, String type) {
        return term(details.path("Rules"), type);
    }

    /** DescribeEntity writes dates as 2024-08-30T00:00:00.000Z; change sets as 2024-08-30. */
    private static LocalDate date(JsonNode node) {
        String text = text(node);
        return text == null || text.length() < 10 ? null : LocalDate.parse(text.substring(0, 10));
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
