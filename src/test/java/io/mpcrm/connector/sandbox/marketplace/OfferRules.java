package io.mpcrm.connector.sandbox.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code Offer@1.0} change types: synchronous validation of a change's DetailsDocument (StartChangeSet answers
 * 422), how a change edits the offer's DetailsDocument, and the business rules checked while a change set is
 * APPLYING (a per-change {@code ErrorDetailList} when they fail).
 */
final class OfferRules {

    static final String ENTITY_TYPE = "Offer@1.0";
    static final Set<String> CHANGE_TYPES = Set.of("CreateOffer", "CreateReplacementOffer",
            "CreateOfferUsingResaleAuthorization", "CreateReplacementOfferUsingResaleAuthorization", "UpdateInformation",
            "UpdateTargeting", "UpdatePricingTerms", "UpdateLegalTerms", "UpdateSupportTerms", "UpdateAvailability",
            "UpdateValidityTerms", "UpdatePaymentScheduleTerms", "UpdateNetPaymentTerms", "UpdateRenewalTerms",
            "UpdateMarkup", "ReleaseOffer");
    /** What a released offer still accepts (UpdateValidityTerms only for durations). */
    static final Set<String> ALLOWED_AFTER_RELEASE = Set.of("UpdateAvailability", "UpdateValidityTerms");
    static final Set<String> PRICING_TERMS = Set.of("ConfigurableUpfrontPricingTerm", "UsageBasedPricingTerm",
            "FixedUpfrontPricingTerm", "FreeTrialPricingTerm", "RecurringPaymentTerm", "ByolPricingTerm");
    static final Set<String> CURRENCIES = Set.of("USD", "EUR", "GBP", "AUD", "JPY", "CAD");
    /** Usage and recurring prices are in USD only. */
    static final Set<String> USAGE_CURRENCIES = Set.of("USD");
    static final Set<String> PRICING_MODELS = Set.of("Usage", "Contract", "Byol", "Free");
    static final Set<String> DUE_PERIODS = Set.of("P15D", "P30D", "P45D", "P60D", "P90D", "P120D");
    static final Set<String> EULA_VERSIONS = Set.of("2022-07-14", "2019-04-24");

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /*
     * AWS documents no longest duration (the Agreement API's Selector value and agreementDuration are ISO 8601 strings
     * of 1 to 4096 characters, https://docs.aws.amazon.com/marketplace/latest/APIReference/API_marketplace-agreements_Selector.html);
     * the four-digit bound is this stand-in's assumption, and the connector's ServiceLength refuses no more than it.
     */
    private static final Pattern DURATION = Pattern.compile("P\\d{1,4}[DMY]");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern REFERENCE = Pattern.compile("\\$([A-Za-z]+)\\.Entity\\.Identifier");
    private static final Pattern NAME = Pattern.compile("[^\\\\<>]*");

    private OfferRules() {
    }

    /** Order in which a change set's changes are applied: creations, then updates, then releases. */
    static int phase(String changeType) {
        if (changeType.startsWith("Create")) {
            return 0;
        }
        return changeType.startsWith("Release") || changeType.startsWith("Restrict") ? 2 : 1;
    }

    // ========================================================================================= synchronous

    /** Context of the synchronous checks: where the change sits and how to reach products and agreements. */
    interface Lookup {
        /** A product the caller owns, or null. */
        CatalogApi.StoredEntity product(String productId);

        /** An agreement (Agreement API view) the caller proposed, or null. */
        JsonNode agreement(String agreementId);

        /** Whether {@code name} is the ChangeName of another change of the same set. */
        boolean changeName(String name);

        /**
         * Whether the offer a change names ({@code $Name.Entity.Identifier} of a Create change in the set, or an
         * existing offer) is made on a resale authorization.
         */
        boolean channelPartnerOffer(String identifier);
    }

    /** Checks one change; throws 422 (or 404 for an unknown product / agreement). Returns the checked document. */
    static ObjectNode validate(String where, String changeType, JsonNode change, Lookup lookup) {
        Sync s = new Sync(where + " (" + changeType + ")", lookup);
        JsonNode doc = change.get("DetailsDocument");
        if (doc == null || doc.isNull()) {
            String legacy = change.hasNonNull("Details") ? change.get("Details").asText() : null;
            if (legacy == null) {
                throw s.fail("DetailsDocument", "is required");
            }
            try {
                doc = Json.MAPPER.readTree(legacy);
            } catch (Exception e) {
                throw s.fail("Details", "is not valid JSON");
            }
        }
        if (!doc.isObject()) {
            throw s.fail("DetailsDocument", "must be a JSON object");
        }
        ObjectNode d = (ObjectNode) doc;
        s.references(d, "DetailsDocument");
        switch (changeType) {
            case "CreateOffer" -> {
                s.only(d, "DetailsDocument", "ProductId", "Name", "OfferSetId");
                String productId = s.string(d, "ProductId", true, 50);
                s.offerName(d, "Name");
                s.string(d, "OfferSetId", false, 255);
                if (!productId.startsWith("$")) {
                    CatalogApi.StoredEntity product = lookup.product(productId);
                    if (product == null) {
                        throw ApiError.notFound(s.where + ": product " + productId + " not found");
                    }
                    String visibility = product.details().path("Description").path("Visibility").asText();
                    if (!visibility.equals("Public") && !visibility.equals("Limited")) {
                        throw s.fail("ProductId", "names product " + productId + " whose visibility is " + visibility
                                + "; offers need a Public or Limited product");
                    }
                }
            }
            case "CreateReplacementOffer" -> {
                s.only(d, "DetailsDocument", "AgreementId", "Name");
                String agreementId = s.string(d, "AgreementId", true, 64);
                s.offerName(d, "Name");
                if (lookup.agreement(agreementId) == null) {
                    throw ApiError.notFound(s.where + ": agreement " + agreementId + " not found");
                }
            }
            case "CreateOfferUsingResaleAuthorization" -> {
                s.only(d, "DetailsDocument", "ResaleAuthorizationId", "Name", "Description", "OfferSetId");
                s.string(d, "ResaleAuthorizationId", true, 50);
                s.offerName(d, "Name");
                s.string(d, "Description", false, 255);
                s.string(d, "OfferSetId", false, 255);
            }
            case "CreateReplacementOfferUsingResaleAuthorization" -> {
                s.only(d, "DetailsDocument", "ResaleAuthorizationId", "AgreementId", "Name");
                s.string(d, "ResaleAuthorizationId", true, 50);
                String agreementId = s.string(d, "AgreementId", true, 64);
                s.offerName(d, "Name");
                // The channel partner proposed the agreement it replaces; anyone else's is not found.
                if (lookup.agreement(agreementId) == null) {
                    throw ApiError.notFound(s.where + ": agreement " + agreementId + " not found");
                }
            }
            case "UpdateInformation" -> {
                s.only(d, "DetailsDocument", "Name", "Description", "PreExistingAgreement");
                if (d.isEmpty()) {
                    throw s.fail("DetailsDocument", "must set at least one of Name, Description, PreExistingAgreement");
                }
                s.offerName(d, "Name");
                s.string(d, "Description", false, 255);
                JsonNode pre = d.get("PreExistingAgreement");
                if (pre != null && !pre.isNull()) {
                    s.object(pre, "PreExistingAgreement");
                    s.only(pre, "PreExistingAgreement", "AcquisitionChannel", "PricingModel");
                    s.oneOf(pre, "PreExistingAgreement.AcquisitionChannel", "AcquisitionChannel", Set.of("AwsMarketplace", "External"));
                    s.oneOf(pre, "PreExistingAgreement.PricingModel", "PricingModel", Set.of("Contract", "Usage", "Byol", "Free"));
                }
            }
            case "UpdateTargeting" -> {
                s.only(d, "DetailsDocument", "PositiveTargeting", "NegativeTargeting");
                if (!d.hasNonNull("PositiveTargeting") && !d.hasNonNull("NegativeTargeting")) {
                    throw s.fail("DetailsDocument", "must set PositiveTargeting or NegativeTargeting");
                }
                JsonNode positive = d.get("PositiveTargeting");
                if (positive != null && !positive.isNull()) {
                    s.object(positive, "PositiveTargeting");
                    s.only(positive, "PositiveTargeting", "BuyerAccounts", "CountryCodes");
                    JsonNode buyers = positive.get("BuyerAccounts");
                    if (buyers != null) {
                        s.array(buyers, "PositiveTargeting.BuyerAccounts", 1, 26);
                        for (int i = 0; i < buyers.size(); i++) {
                            JsonNode b = buyers.get(i);
                            if (!b.isTextual() || !ACCOUNT.matcher(b.asText()).matches()) {
                                throw s.fail("PositiveTargeting.BuyerAccounts[" + i + "]", "must be a 12-digit AWS account id string");
                            }
                        }
                    }
                    s.countries(positive.get("CountryCodes"), "PositiveTargeting.CountryCodes");
                }
                JsonNode negative = d.get("NegativeTargeting");
                if (negative != null && !negative.isNull()) {
                    s.object(negative, "NegativeTargeting");
                    s.only(negative, "NegativeTargeting", "CountryCodes");
                    s.countries(negative.get("CountryCodes"), "NegativeTargeting.CountryCodes");
                }
            }
            case "UpdatePricingTerms" -> {
                s.only(d, "DetailsDocument", "PricingModel", "Terms");
                s.oneOf(d, "PricingModel", "PricingModel", PRICING_MODELS);
                JsonNode terms = d.get("Terms");
                s.array(terms, "Terms", 1, 10);
                if (lookup.channelPartnerOffer(change.path("Entity").path("Identifier").asText(null))) {
                    s.channelPartnerPricing(d);
                }
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < terms.size(); i++) {
                    String at = "Terms[" + i + "]";
                    JsonNode t = terms.get(i);
                    s.object(t, at);
                    String type = s.oneOf(t, at + ".Type", "Type", PRICING_TERMS);
                    if (!seen.add(type)) {
                        throw s.fail(at + ".Type", type + " appears twice");
                    }
                    s.pricingTerm(t, at, type);
                }
            }
            case "UpdateLegalTerms" -> {
                JsonNode t = s.singleTerm(d, "LegalTerm");
                s.only(t, "Terms[0]", "Type", "Documents");
                JsonNode docs = t.get("Documents");
                s.array(docs, "Terms[0].Documents", 1, 5);
                for (int i = 0; i < docs.size(); i++) {
                    String at = "Terms[0].Documents[" + i + "]";
                    JsonNode doc1 = docs.get(i);
                    s.object(doc1, at);
                    s.only(doc1, at, "Type", "Url", "Version");
                    String type = s.oneOf(doc1, at + ".Type", "Type", Set.of("CustomEula", "StandardEula"));
                    if (type.equals("CustomEula")) {
                        String url = s.string(doc1, "Url", true, 2048, at + ".Url");
                        // The S3 sandbox serves plain http on loopback; AWS itself requires https.
                        boolean sandboxS3 = url.startsWith("http://127.0.0.1:") || url.startsWith("http://localhost:");
                        if (!url.startsWith("https://") && !sandboxS3) {
                            throw s.fail(at + ".Url", "must be an https URL (a public or presigned S3 object)");
                        }
                    } else {
                        s.oneOf(doc1, at + ".Version", "Version", EULA_VERSIONS);
                    }
                }
            }
            case "UpdateSupportTerms" -> {
                JsonNode t = s.singleTerm(d, "SupportTerm");
                s.only(t, "Terms[0]", "Type", "RefundPolicy");
                String policy = s.string(t, "RefundPolicy", true, 500, "Terms[0].RefundPolicy");
                if (policy.isEmpty()) {
                    throw s.fail("Terms[0].RefundPolicy", "must hold 1 to 500 characters");
                }
            }
            case "UpdateAvailability" -> {
                s.only(d, "DetailsDocument", "AvailabilityEndDate");
                s.date(d, "AvailabilityEndDate", true, "AvailabilityEndDate");
            }
            case "UpdateValidityTerms" -> {
                JsonNode t = s.singleTerm(d, "ValidityTerm");
                s.only(t, "Terms[0]", "Type", "AgreementDuration", "AgreementStartDate", "AgreementEndDate");
                if (!t.has("AgreementDuration") && !t.has("AgreementStartDate") && !t.has("AgreementEndDate")) {
                    throw s.fail("Terms[0]", "must set AgreementDuration, AgreementStartDate or AgreementEndDate");
                }
                s.duration(t, "AgreementDuration", false, "Terms[0].AgreementDuration");
                s.date(t, "AgreementStartDate", false, "Terms[0].AgreementStartDate");
                s.date(t, "AgreementEndDate", false, "Terms[0].AgreementEndDate");
            }
            case "UpdatePaymentScheduleTerms" -> {
                JsonNode t = s.singleTerm(d, "PaymentScheduleTerm");
                s.only(t, "Terms[0]", "Type", "CurrencyCode", "Schedule");
                s.oneOf(t, "Terms[0].CurrencyCode", "CurrencyCode", CURRENCIES);
                JsonNode schedule = t.get("Schedule");
                s.array(schedule, "Terms[0].Schedule", 1, Integer.MAX_VALUE);
                for (int i = 0; i < schedule.size(); i++) {
                    String at = "Terms[0].Schedule[" + i + "]";
                    JsonNode charge = schedule.get(i);
                    s.object(charge, at);
                    s.only(charge, at, "ChargeDate", "ChargeAmount");
                    s.date(charge, "ChargeDate", true, at + ".ChargeDate");
                    s.price(charge, "ChargeAmount", 2, at + ".ChargeAmount");
                }
            }
            case "UpdateNetPaymentTerms" -> {
                JsonNode t = s.singleTerm(d, "NetPaymentTerm");
                s.only(t, "Terms[0]", "Type", "PaymentDuePeriod");
                s.oneOf(t, "Terms[0].PaymentDuePeriod", "PaymentDuePeriod", DUE_PERIODS);
            }
            case "UpdateRenewalTerms" -> {
                s.only(d, "DetailsDocument", "Terms");
                JsonNode terms = d.get("Terms");
                s.array(terms, "Terms", 0, 1);
                if (terms.size() == 1) {
                    s.object(terms.get(0), "Terms[0]");
                    s.oneOf(terms.get(0), "Terms[0].Type", "Type", Set.of("RenewalTerm"));
                }
            }
            case "UpdateMarkup" -> {
                s.only(d, "DetailsDocument", "Percentage");
                s.price(d, "Percentage", 9, "Percentage");
            }
            case "ReleaseOffer" -> {
                if (!d.isEmpty()) {
                    throw s.fail("DetailsDocument", "must be empty ({}) for ReleaseOffer");
                }
            }
            default -> throw ApiError.validation(where + ": ChangeType " + changeType + " is not a change type of "
                    + ENTITY_TYPE);
        }
        return d;
    }

    /** The synchronous checker; every failure names the change and the field. */
    private static final class Sync {
        final String where;
        final Lookup lookup;

        Sync(String where, Lookup lookup) {
            this.where = where;
            this.lookup = lookup;
        }

        ApiError fail(String field, String problem) {
            return ApiError.validation(where + ": " + field + " " + problem);
        }

        void references(JsonNode node, String at) {
            if (node.isTextual() && node.asText().startsWith("$")) {
                var m = REFERENCE.matcher(node.asText());
                if (!m.matches() || !lookup.changeName(m.group(1))) {
                    throw fail(at, "references " + node.asText()
                            + ", which is not $<ChangeName>.Entity.Identifier of a change in this change set");
                }
            } else if (node.isObject()) {
                node.fields().forEachRemaining(f -> references(f.getValue(), at + "." + f.getKey()));
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    references(node.get(i), at + "[" + i + "]");
                }
            }
        }

        void only(JsonNode node, String at, String... allowed) {
            Set<String> ok = Set.of(allowed);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!ok.contains(f)) {
                    throw fail(at + "." + f, "is not a field of this change type (allowed: " + new TreeSet<>(ok) + ")");
                }
            }
        }

        void object(JsonNode node, String at) {
            if (node == null || !node.isObject()) {
                throw fail(at, "must be a JSON object");
            }
        }

        void array(JsonNode node, String at, int min, int max) {
            if (node == null || node.isNull()) {
                throw fail(at, "is required");
            }
            if (!node.isArray()) {
                throw fail(at, "must be a list");
            }
            if (node.size() < min || node.size() > max) {
                throw fail(at, "must hold " + min + (max == Integer.MAX_VALUE ? " or more" : " to " + max)
                        + " items (has " + node.size() + ")");
            }
        }

        String string(JsonNode node, String field, boolean required, int max) {
            return string(node, field, required, max, field);
        }

        String string(JsonNode node, String field, boolean required, int max, String at) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    throw fail(at, "is required");
                }
                return null;
            }
            if (!v.isTextual()) {
                throw fail(at, "must be a string");
            }
            if (v.asText().length() > max) {
                throw fail(at, "must be at most " + max + " characters");
            }
            return v.asText();
        }

        void offerName(JsonNode node, String field) {
            String name = string(node, field, false, 150);
            if (name != null && (name.isBlank() || !NAME.matcher(name).matches())) {
                throw fail(field, "must be 1 to 150 characters without \\ < >");
            }
        }

        String oneOf(JsonNode node, String at, String field, Set<String> values) {
            String v = string(node, field, true, 255, at);
            if (!values.contains(v)) {
                throw fail(at, "must be one of " + new TreeSet<>(values) + " (was " + v + ")");
            }
            return v;
        }

        void countries(JsonNode codes, String at) {
            if (codes == null) {
                return;
            }
            array(codes, at, 1, 250);
            for (int i = 0; i < codes.size(); i++) {
                if (!codes.get(i).isTextual() || !COUNTRY.matcher(codes.get(i).asText()).matches()) {
                    throw fail(at + "[" + i + "]", "must be an ISO 3166-1 alpha-2 country code");
                }
            }
        }

        LocalDate date(JsonNode node, String field, boolean required, String at) {
            String v = string(node, field, required, 10, at);
            if (v == null) {
                return null;
            }
            if (!DATE.matcher(v).matches()) {
                throw fail(at, "must be a date YYYY-MM-DD (was " + v + ")");
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw fail(at, "is not a calendar date (was " + v + ")");
            }
        }

        void duration(JsonNode node, String field, boolean required, String at) {
            String v = string(node, field, required, 16, at);
            if (v != null && !DURATION.matcher(v).matches()) {
                throw fail(at, "must be an ISO-8601 duration such as P12M or P365D (was " + v + ")");
            }
        }

        void price(JsonNode node, String field, int decimals, String at) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw fail(at, "is required");
            }
            if (!v.isTextual()) {
                throw fail(at, "must be a string such as \"12.50\", not a JSON number");
            }
            if (!v.asText().matches("\\d{1,12}(\\.\\d{1," + decimals + "})?")) {
                throw fail(at, "must be a non-negative decimal with at most " + decimals + " decimals (was "
                        + v.asText() + ")");
            }
        }

        JsonNode singleTerm(ObjectNode d, String type) {
            only(d, "DetailsDocument", "Terms");
            JsonNode terms = d.get("Terms");
            array(terms, "Terms", 1, 1);
            JsonNode t = terms.get(0);
            object(t, "Terms[0]");
            oneOf(t, "Terms[0].Type", "Type", Set.of(type));
            return t;
        }

        void rateCard(JsonNode card, String at, int decimals, int max) {
            array(card, at, 1, max);
            for (int k = 0; k < card.size(); k++) {
                String rat = at + "[" + k + "]";
                object(card.get(k), rat);
                only(card.get(k), rat, "DimensionKey", "Price");
                string(card.get(k), "DimensionKey", true, 100, rat + ".DimensionKey");
                price(card.get(k), "Price", decimals, rat + ".Price");
            }
        }

        void grants(JsonNode grants, String at) {
            array(grants, at, 1, 200);
            for (int k = 0; k < grants.size(); k++) {
                String gat = at + "[" + k + "]";
                object(grants.get(k), gat);
                only(grants.get(k), gat, "DimensionKey", "MaxQuantity");
                string(grants.get(k), "DimensionKey", true, 100, gat + ".DimensionKey");
                JsonNode q = grants.get(k).get("MaxQuantity");
                if (q != null && !q.isNull() && (!q.canConvertToInt() || !q.isIntegralNumber() || q.asInt() < 1)) {
                    throw fail(gat + ".MaxQuantity", "must be a positive integer");
                }
            }
        }

        /**
         * A channel partner may send only a Contract FixedUpfrontPricingTerm whose grants all have a MaxQuantity:
         * "PricingModel | Required Allowed pricing models: Contract", "Terms | Required Allowed terms:
         * FixedUpfrontPricingTerm", "Grants[].MaxQuantity | Required"
         * (https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-cppos.html#update-pricing-terms-cppo).
         */
        void channelPartnerPricing(JsonNode d) {
            if (!"Contract".equals(d.path("PricingModel").asText())) {
                throw fail("PricingModel", "must be Contract on an offer made on a resale authorization");
            }
            JsonNode terms = d.path("Terms");
            for (int i = 0; i < terms.size(); i++) {
                if (!"FixedUpfrontPricingTerm".equals(terms.get(i).path("Type").asText())) {
                    throw fail("Terms[" + i + "].Type", "must be FixedUpfrontPricingTerm on an offer made on a resale"
                            + " authorization (was " + terms.get(i).path("Type").asText() + ")");
                }
                JsonNode grants = terms.get(i).path("Grants");
                for (int k = 0; k < grants.size(); k++) {
                    if (!grants.get(k).hasNonNull("MaxQuantity")) {
                        throw fail("Terms[" + i + "].Grants[" + k + "].MaxQuantity", "is required on an offer made on"
                                + " a resale authorization");
                    }
                }
            }
        }

        void pricingTerm(JsonNode t, String at, String type) {
            switch (type) {
                case "ConfigurableUpfrontPricingTerm" -> {
                    only(t, at, "Type", "CurrencyCode", "RateCards");
                    oneOf(t, at + ".CurrencyCode", "CurrencyCode", CURRENCIES);
                    JsonNode cards = t.get("RateCards");
                    array(cards, at + ".RateCards", 1, 5);
                    for (int j = 0; j < cards.size(); j++) {
                        String cat = at + ".RateCards[" + j + "]";
                        JsonNode c = cards.get(j);
                        object(c, cat);
                        only(c, cat, "Selector", "RateCard", "Constraints");
                        object(c.get("Selector"), cat + ".Selector");
                        oneOf(c.get("Selector"), cat + ".Selector.Type", "Type", Set.of("Duration"));
                        duration(c.get("Selector"), "Value", true, cat + ".Selector.Value");
                        rateCard(c.get("RateCard"), cat + ".RateCard", 3, 800);
                        object(c.get("Constraints"), cat + ".Constraints");
                        oneOf(c.get("Constraints"), cat + ".Constraints.MultipleDimensionSelection",
                                "MultipleDimensionSelection", Set.of("Allowed", "Disallowed"));
                        oneOf(c.get("Constraints"), cat + ".Constraints.QuantityConfiguration",
                                "QuantityConfiguration", Set.of("Allowed", "Disallowed"));
                    }
                }
                case "UsageBasedPricingTerm" -> {
                    only(t, at, "Type", "CurrencyCode", "RateCards");
                    // "Terms[].UsageBasedPricingTerm.CurrencyCode | Required Supported currencies: ["USD"] | 422"
                    // (https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-private-offers.html#update-pricing-terms)
                    oneOf(t, at + ".CurrencyCode", "CurrencyCode", USAGE_CURRENCIES);
                    JsonNode cards = t.get("RateCards");
                    array(cards, at + ".RateCards", 1, 1);
                    object(cards.get(0), at + ".RateCards[0]");
                    only(cards.get(0), at + ".RateCards[0]", "RateCard");
                    rateCard(cards.get(0).get("RateCard"), at + ".RateCards[0].RateCard", 8, 800);
                }
                case "FixedUpfrontPricingTerm" -> {
                    only(t, at, "Type", "CurrencyCode", "Price", "Duration", "Grants");
                    oneOf(t, at + ".CurrencyCode", "CurrencyCode", CURRENCIES);
                    price(t, "Price", 3, at + ".Price");
                    duration(t, "Duration", false, at + ".Duration");
                    grants(t.get("Grants"), at + ".Grants");
                }
                case "FreeTrialPricingTerm" -> {
                    only(t, at, "Type", "Duration", "Grants");
                    duration(t, "Duration", true, at + ".Duration");
                    grants(t.get("Grants"), at + ".Grants");
                }
                case "RecurringPaymentTerm" -> {
                    only(t, at, "Type", "CurrencyCode", "BillingPeriod", "Price");
                    // Same table: "RecurringPaymentTerm.CurrencyCode | Required Supported currencies: ["USD"] | 422".
                    oneOf(t, at + ".CurrencyCode", "CurrencyCode", USAGE_CURRENCIES);
                    oneOf(t, at + ".BillingPeriod", "BillingPeriod", Set.of("Monthly"));
                    price(t, "Price", 3, at + ".Price");
                }
                default -> only(t, at, "Type");
            }
        }
    }

    // ========================================================================================= applying

    /** The DetailsDocument of a new Draft offer. */
    static ObjectNode created(String id, String changeType, JsonNode doc, CatalogApi.StoredEntity ra, JsonNode agreement) {
        ObjectNode d = Json.object();
        d.put("Id", id);
        d.put("State", "Draft");
        if (doc.hasNonNull("Name")) {
            d.put("Name", doc.get("Name").asText());
        }
        if (doc.hasNonNull("Description")) {
            d.put("Description", doc.get("Description").asText());
        }
        String productId = doc.hasNonNull("ProductId") ? doc.get("ProductId").asText() : null;
        if (ra != null && productId == null) {
            productId = ra.details().path("ProductId").asText(null);
        }
        if (agreement != null && productId == null) {
            productId = agreement.path("proposalSummary").path("resources").path(0).path("id").asText(null);
        }
        if (productId != null) {
            d.put("ProductId", productId);
        }
        if (doc.hasNonNull("ResaleAuthorizationId")) {
            d.put("ResaleAuthorizationId", doc.get("ResaleAuthorizationId").asText());
        }
        if (doc.hasNonNull("OfferSetId")) {
            d.put("OfferSetId", doc.get("OfferSetId").asText());
        }
        d.putArray("Terms");
        ArrayNode rules = d.putArray("Rules");
        if (agreement != null && changeType.startsWith("CreateReplacement")) {
            // targeting is fixed to the agreement's buyer
            ObjectNode targeting = rules.addObject();
            targeting.put("Type", "TargetingRule");
            targeting.putObject("PositiveTargeting").putArray("BuyerAccounts")
                    .add(agreement.path("acceptor").path("accountId").asText());
        }
        if (ra != null) {
            ResoldOfferRules.inherit(d, ra.details());
        }
        return d;
    }

    /** Applies an update (or release) to the offer's DetailsDocument in place. */
    static void apply(String changeType, JsonNode doc, ObjectNode d) {
        DetailsChanges.apply(changeType, doc, d, CHANGES);
    }

    private static final DetailsChanges.Change ONE_TERM = (doc, d) -> {
        ObjectNode t = (ObjectNode) doc.get("Terms").get(0).deepCopy();
        replace(terms(d), t.get("Type").asText(), t);
    };

    /** What each change type does to an offer's DetailsDocument. */
    private static final Map<String, DetailsChanges.Change> CHANGES = Map.ofEntries(
            Map.entry("UpdateInformation", DetailsChanges.information("PreExistingAgreement")),
            Map.entry("UpdateTargeting", (doc, d) -> {
                ObjectNode rule = Json.object();
                rule.put("Type", "TargetingRule");
                for (String f : List.of("PositiveTargeting", "NegativeTargeting")) {
                    if (doc.hasNonNull(f)) {
                        rule.set(f, doc.get(f).deepCopy());
                    }
                }
                replace(rules(d), "TargetingRule", rule);
            }),
            Map.entry("UpdateAvailability", (doc, d) -> {
                ObjectNode rule = Json.object();
                rule.put("Type", "AvailabilityRule");
                rule.put("AvailabilityEndDate", doc.get("AvailabilityEndDate").asText() + "T00:00:00.000Z");
                replace(rules(d), "AvailabilityRule", rule);
            }),
            Map.entry("UpdatePricingTerms", (doc, d) -> {
                ArrayNode terms = terms(d);
                for (int i = terms.size() - 1; i >= 0; i--) {
                    if (PRICING_TERMS.contains(terms.get(i).path("Type").asText())) {
                        terms.remove(i);
                    }
                }
                doc.get("Terms").forEach(t -> terms.add(t.deepCopy()));
            }),
            Map.entry("UpdateLegalTerms", ONE_TERM),
            Map.entry("UpdateSupportTerms", ONE_TERM),
            Map.entry("UpdateValidityTerms", ONE_TERM),
            Map.entry("UpdateNetPaymentTerms", ONE_TERM),
            Map.entry("UpdatePaymentScheduleTerms", (doc, d) ->
                    replace(terms(d), "PaymentScheduleTerm", DetailsChanges.datedSchedule(doc))),
            Map.entry("UpdateRenewalTerms", (doc, d) -> {
                JsonNode terms = doc.get("Terms");
                if (terms.isEmpty()) {
                    replace(terms(d), "RenewalTerm", null);
                } else {
                    replace(terms(d), "RenewalTerm", (ObjectNode) terms.get(0).deepCopy());
                }
            }),
            Map.entry("UpdateMarkup", (doc, d) -> d.put("MarkupPercentage", doc.get("Percentage").asText())),
            Map.entry("ReleaseOffer", (doc, d) -> d.put("State", "Released")));

    private static ArrayNode terms(ObjectNode d) {
        return d.has("Terms") && d.get("Terms").isArray() ? (ArrayNode) d.get("Terms") : d.putArray("Terms");
    }

    private static ArrayNode rules(ObjectNode d) {
        return d.has("Rules") && d.get("Rules").isArray() ? (ArrayNode) d.get("Rules") : d.putArray("Rules");
    }

    /** Replaces the element of {@code type} in place (or appends; {@code null} removes). */
    private static void replace(ArrayNode list, String type, ObjectNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (type.equals(list.get(i).path("Type").asText())) {
                if (value == null) {
                    list.remove(i);
                } else {
                    list.set(i, value);
                }
                return;
            }
        }
        if (value != null) {
            list.add(value);
        }
    }

    // ========================================================================================= business rules

    /** What the asynchronous checks of one change see. */
    record Context(String account, LocalDate today, ObjectNode before, ObjectNode after,
                   CatalogApi.StoredEntity product, boolean replacement, Set<String> changeTypesOnOffer,
                   JsonNode agreement) {
        boolean releasedBefore() {
            return before != null && "Released".equals(before.path("State").asText());
        }
    }

    /** The ErrorDetailList of one change ({@code [{ErrorCode, ErrorMessage}]}); empty when it passes. */
    static ArrayNode check(String changeType, JsonNode doc, Context ctx) {
        ArrayNode errors = Json.array();
        if (ctx.releasedBefore() && !ALLOWED_AFTER_RELEASE.contains(changeType)) {
            error(errors, "INCOMPATIBLE_STATUS", changeType.equals("ReleaseOffer") ? "The offer is already released"
                    : changeType + " request can't be performed after the offer is released");
            return errors;
        }
        ObjectNode after = ctx.after();
        String productType = ctx.product() == null ? null : ctx.product().baseType();
        switch (changeType) {
            case "CreateReplacementOffer" -> {
                if (productType != null && !productType.equals("SaaSProduct")) {
                    error(errors, "INCOMPATIBLE_PRODUCT", "Replacement offers aren't supported for " + productType
                            + " products");
                }
                if (ctx.agreement() != null && !"ACTIVE".equals(ctx.agreement().path("status").asText())) {
                    error(errors, "INCOMPATIBLE_AGREEMENT", "Agreement " + ctx.agreement().path("agreementId").asText()
                            + " is " + ctx.agreement().path("status").asText() + "; only an ACTIVE agreement can be replaced");
                }
            }
            case "UpdateTargeting" -> {
                JsonNode buyers = doc.path("PositiveTargeting").path("BuyerAccounts");
                Set<String> seen = new HashSet<>();
                // The seller's own account may be a buyer: no AWS document forbids it, and AWS's Partner CRM
                // connector has an "Add seller account to buyer list" setting (AWS Marketplace Integration Settings,
                // https://docs.aws.amazon.com/partner-central/latest/crm/ system configuration settings page) and
                // its Clone Offer adds the seller so that the seller can view the offer as a buyer
                // (https://docs.aws.amazon.com/partner-central/latest/crm/validating-aws-marketplace-integration.html).
                for (JsonNode b : buyers) {
                    if (!seen.add(b.asText())) {
                        error(errors, "INVALID_BUYER_ACCOUNTS", "BuyerAccounts lists " + b.asText() + " twice");
                    }
                }
                if (ctx.replacement()) {
                    // https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-private-offers.html#update-targeting-offers
                    error(errors, "INCOMPATIBLE_TARGETING", "Targeting can't be updated on a replacement offer. If the"
                            + " buyer isn't associated with the provided AgreementId, then create a new private offer by"
                            + " providing an AgreementId associated with the buyer.");
                }
            }
            case "UpdatePricingTerms" -> pricing(doc, ctx.product(), errors);
            case "UpdatePaymentScheduleTerms" -> {
                if ("ContainerProduct".equals(productType)) {
                    error(errors, "INCOMPATIBLE_PRODUCT", "Payment schedules aren't supported for ContainerProduct products");
                }
                schedule(after, ctx.today(), errors);
            }
            case "UpdateAvailability" -> {
                LocalDate end = LocalDate.parse(doc.get("AvailabilityEndDate").asText());
                if (!ctx.releasedBefore() && end.isBefore(ctx.today())) {
                    error(errors, "INVALID_AVAILABILITY_END_DATE", "Provide a future AvailabilityEndDate (was " + end + ")");
                } else if (!end.isBefore(ctx.today())) {
                    LocalDate start = validityDate(after, "AgreementStartDate");
                    if (start != null && !start.isAfter(end) && !ctx.changeTypesOnOffer().contains("UpdateValidityTerms")) {
                        error(errors, "INVALID_AVAILABILITY_END_DATE", "AvailabilityEndDate " + end
                                + " must be before the AgreementStartDate " + start);
                    }
                    if (!ctx.changeTypesOnOffer().contains("UpdatePaymentScheduleTerms")
                            && term(after, "PaymentScheduleTerm") != null) {
                        schedule(after, ctx.today(), errors);
                    }
                }
            }
            case "UpdateValidityTerms" -> validity(doc.get("Terms").get(0), ctx, errors);
            case "ReleaseOffer" -> release(after, ctx, errors);
            default -> { }
        }
        return errors;
    }

    private static void error(ArrayNode errors, String code, String message) {
        ObjectNode e = errors.addObject();
        e.put("ErrorCode", code);
        e.put("ErrorMessage", message);
    }

    static JsonNode term(ObjectNode d, String type) {
        for (JsonNode t : d.path("Terms")) {
            if (type.equals(t.path("Type").asText())) {
                return t;
            }
        }
        return null;
    }

    static LocalDate availabilityEnd(ObjectNode d) {
        for (JsonNode r : d.path("Rules")) {
            if ("AvailabilityRule".equals(r.path("Type").asText()) && r.hasNonNull("AvailabilityEndDate")) {
                return LocalDate.parse(r.get("AvailabilityEndDate").asText().substring(0, 10));
            }
        }
        return null;
    }

    private static LocalDate validityDate(ObjectNode d, String field) {
        JsonNode v = term(d, "ValidityTerm");
        return v == null || !v.hasNonNull(field) ? null : LocalDate.parse(v.get(field).asText().substring(0, 10));
    }

    private static void pricing(JsonNode doc, CatalogApi.StoredEntity product, ArrayNode errors) {
        String model = doc.get("PricingModel").asText();
        Map<String, String> dims = new HashMap<>();
        if (product != null) {
            for (JsonNode dim : product.details().path("Dimensions")) {
                dims.put(dim.path("Key").asText(), dim.path("Types").path(0).asText());
            }
        }
        String productType = product == null ? "" : product.baseType();
        Set<String> currencies = new TreeSet<>();
        Set<String> types = new HashSet<>();
        Set<String> rated = new HashSet<>();
        boolean allZero = true;
        for (JsonNode t : doc.get("Terms")) {
            String type = t.get("Type").asText();
            types.add(type);
            if (t.hasNonNull("CurrencyCode")) {
                currencies.add(t.get("CurrencyCode").asText());
            }
            if (type.equals("FixedUpfrontPricingTerm")) {
                for (JsonNode grant : t.path("Grants")) {
                    // "INVALID_GRANTS | Provide MaxQuantity for all Grants in FixedUpfrontPricingTerm." (the same page's
                    // synchronous table says Required too, while its field text says an absent MaxQuantity means
                    // unlimited; the stand-in reports the documented error code, after StartChangeSet)
                    // https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-private-offers.html#update-pricing-terms
                    if (!grant.hasNonNull("MaxQuantity")) {
                        error(errors, "INVALID_GRANTS", "Provide MaxQuantity for all Grants in FixedUpfrontPricingTerm."
                                + " (" + grant.path("DimensionKey").asText() + " has none)");
                    }
                }
            }
            if (t.hasNonNull("Price")) {
                allZero &= new BigDecimal(t.get("Price").asText()).signum() == 0;
            }
            List<JsonNode> entries = new ArrayList<>();
            t.path("RateCards").forEach(c -> c.path("RateCard").forEach(entries::add));
            t.path("Grants").forEach(entries::add);
            for (JsonNode e : entries) {
                String key = e.path("DimensionKey").asText();
                if (e.hasNonNull("Price")) {
                    allZero &= new BigDecimal(e.get("Price").asText()).signum() == 0;
                }
                String kind = dims.get(key);
                if (kind == null) {
                    error(errors, "INVALID_PRICING", "Dimension " + key + " in " + type + " is not a dimension of product "
                            + (product == null ? "?" : product.id()));
                    continue;
                }
                boolean entitled = kind.equals("Entitled");
                if (type.equals("UsageBasedPricingTerm")) {
                    rated.add(key);
                    if (entitled) {
                        error(errors, "INVALID_PRICING", "Dimension " + key + " is Entitled; UsageBasedPricingTerm prices metered dimensions");
                    }
                } else if (type.equals("ConfigurableUpfrontPricingTerm") && !entitled && !productType.equals("AmiProduct")) {
                    error(errors, "INVALID_PRICING", "Dimension " + key + " is " + kind
                            + "; ConfigurableUpfrontPricingTerm prices Entitled dimensions");
                }
            }
            for (JsonNode c : t.path("RateCards")) {
                JsonNode cons = c.path("Constraints");
                if (cons.isObject() && !cons.path("MultipleDimensionSelection").asText()
                        .equals(cons.path("QuantityConfiguration").asText())) {
                    error(errors, "INVALID_PRICING", "Constraints MultipleDimensionSelection and QuantityConfiguration must be equal");
                }
            }
        }
        if (currencies.size() > 1) {
            error(errors, "INVALID_PRICING", "All pricing terms must use one currency (found " + currencies + ")");
        }
        switch (model) {
            case "Contract" -> {
                if (!types.contains("ConfigurableUpfrontPricingTerm") && !types.contains("FixedUpfrontPricingTerm")) {
                    error(errors, "INVALID_PRICING", "PricingModel Contract needs a ConfigurableUpfrontPricingTerm or a FixedUpfrontPricingTerm");
                }
            }
            case "Usage" -> {
                if (!types.contains("UsageBasedPricingTerm")) {
                    error(errors, "INVALID_PRICING", "PricingModel Usage needs a UsageBasedPricingTerm");
                } else {
                    dims.forEach((key, kind) -> {
                        if (!kind.equals("Entitled") && !rated.contains(key)) {
                            error(errors, "INVALID_PRICING", "UsageBasedPricingTerm has no rate for metered dimension " + key);
                        }
                    });
                }
                annualUpfront(doc, productType, errors);
            }
            case "Byol" -> {
                if (!types.contains("ByolPricingTerm")) {
                    error(errors, "INVALID_PRICING", "PricingModel Byol needs a ByolPricingTerm");
                }
            }
            case "Free" -> {
                if (!allZero) {
                    error(errors, "INVALID_PRICING", "PricingModel Free needs every price to be 0");
                }
            }
            default -> { }
        }
        if (types.contains("ByolPricingTerm") && !model.equals("Byol")) {
            error(errors, "INVALID_PRICING", "ByolPricingTerm needs PricingModel Byol");
        }
    }

    /** With Usage pricing an upfront term is AMI annual pricing: a year of any mix and quantity of instance types. */
    private static void annualUpfront(JsonNode doc, String productType, ArrayNode errors) {
        for (JsonNode t : doc.get("Terms")) {
            if (!t.path("Type").asText().equals("ConfigurableUpfrontPricingTerm")) {
                continue;
            }
            if (!productType.equals("AmiProduct")) {
                error(errors, "INVALID_PRICING", "A ConfigurableUpfrontPricingTerm with PricingModel Usage is only for"
                        + " AmiProduct annual pricing (was " + productType + ")");
                return;
            }
            for (JsonNode card : t.path("RateCards")) {
                if (!"P365D".equals(card.path("Selector").path("Value").asText())) {
                    error(errors, "INVALID_PRICING", "Annual pricing needs a Selector Value of P365D (was "
                            + card.path("Selector").path("Value").asText() + ")");
                }
                JsonNode constraints = card.path("Constraints");
                if (!"Allowed".equals(constraints.path("MultipleDimensionSelection").asText())
                        || !"Allowed".equals(constraints.path("QuantityConfiguration").asText())) {
                    error(errors, "INVALID_PRICING", "Annual pricing with PricingModel Usage needs Constraints"
                            + " MultipleDimensionSelection and QuantityConfiguration Allowed");
                }
            }
        }
    }

    /**
     * The payment schedule's rules, with the error codes of the asynchronous table of UpdatePaymentScheduleTerms
     * (https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-private-offers.html#update-payment-schedule-terms)
     * and, for the price of the FixedUpfrontPricingTerm beside it, of UpdatePricingTerms ("INCOMPATIBLE_TERMS |
     * Provide zero (0) price for FixedUpfrontPricingTerm when the offer contains a PaymentScheduleTerm.").
     */
    private static void schedule(ObjectNode after, LocalDate today, ArrayNode errors) {
        JsonNode term = term(after, "PaymentScheduleTerm");
        if (term == null) {
            return;
        }
        JsonNode schedule = term.path("Schedule");
        if (schedule.size() > 60) {
            error(errors, "TOO_MANY_CHARGES", "Provide up to 60 scheduled payments in PaymentScheduleTerm (has "
                    + schedule.size() + ")");
        }
        Set<LocalDate> dates = new HashSet<>();
        LocalDate availability = availabilityEnd(after);
        LocalDate agreementEnd = validityDate(after, "AgreementEndDate");
        int onOrBefore = 0;
        for (JsonNode charge : schedule) {
            LocalDate date = LocalDate.parse(charge.path("ChargeDate").asText().substring(0, 10));
            if (!dates.add(date)) {
                error(errors, "DUPLICATE_CHARGE_DATES", "Provide unique charge dates in PaymentScheduleTerm: ChargeDate "
                        + date + " appears more than once");
            }
            if (date.isBefore(today)) {
                error(errors, "INVALID_CHARGE_DATES", "Provide a first charge date that isn't in the past: ChargeDate "
                        + date + " is in the past");
            }
            if (availability != null && !date.isAfter(availability)) {
                onOrBefore++;
            }
            if (agreementEnd != null && date.isAfter(agreementEnd)) {
                error(errors, "INVALID_CHARGE_DATES", "Provide charge dates before AgreementEndDate: ChargeDate " + date
                        + " is after the AgreementEndDate " + agreementEnd);
            }
        }
        if (onOrBefore > 1) {
            error(errors, "TOO_MANY_BACKDATED_CHARGES", "Provide up to 1 scheduled payment before AvailabilityEndDate: at"
                    + " most one charge may fall on or before the AvailabilityEndDate " + availability + " ("
                    + onOrBefore + " do)");
        }
        JsonNode fixed = term(after, "FixedUpfrontPricingTerm");
        if (fixed != null && new BigDecimal(fixed.path("Price").asText("0")).signum() != 0) {
            error(errors, "INCOMPATIBLE_TERMS", "Provide zero (0) price for FixedUpfrontPricingTerm when the offer"
                    + " contains a PaymentScheduleTerm (was " + fixed.path("Price").asText() + ")");
        }
        for (JsonNode t : after.path("Terms")) {
            if (PRICING_TERMS.contains(t.path("Type").asText()) && t.hasNonNull("CurrencyCode")
                    && !t.get("CurrencyCode").asText().equals(term.path("CurrencyCode").asText())) {
                error(errors, "INVALID_CURRENCY_CODE", "Provide the same CurrencyCode across all pricing and payment"
                        + " terms: " + term.path("CurrencyCode").asText() + " differs from the pricing terms' "
                        + t.get("CurrencyCode").asText());
                break;
            }
        }
    }

    private static void validity(JsonNode t, Context ctx, ArrayNode errors) {
        LocalDate start = t.hasNonNull("AgreementStartDate") ? LocalDate.parse(t.get("AgreementStartDate").asText()) : null;
        LocalDate end = t.hasNonNull("AgreementEndDate") ? LocalDate.parse(t.get("AgreementEndDate").asText()) : null;
        if (ctx.releasedBefore()) {
            JsonNode old = term(ctx.before(), "ValidityTerm");
            String oldStart = old == null ? null : old.path("AgreementStartDate").asText(null);
            String oldEnd = old == null ? null : old.path("AgreementEndDate").asText(null);
            if (!java.util.Objects.equals(oldStart, start == null ? null : start.toString())
                    || !java.util.Objects.equals(oldEnd, end == null ? null : end.toString())) {
                error(errors, "INCOMPATIBLE_STATUS", "AgreementStartDate and AgreementEndDate can't be changed after the offer is released");
                return;
            }
        }
        if (t.hasNonNull("AgreementDuration") && end != null) {
            error(errors, "INVALID_VALIDITY_TERMS", "AgreementDuration can't be combined with AgreementEndDate");
        }
        if (t.hasNonNull("AgreementDuration")) {
            outlastsEntitlements(Period.parse(t.get("AgreementDuration").asText()), ctx, errors);
        }
        if (end != null && start == null && !ctx.replacement()) {
            error(errors, "INVALID_VALIDITY_TERMS",
                    "AgreementEndDate isn't supported unless used with a future AgreementStartDate or for replacement offers");
        }
        if (start != null && !ctx.releasedBefore()) {
            String productType = ctx.product() == null ? "" : ctx.product().baseType();
            if (!start.isAfter(ctx.today())) {
                error(errors, "INVALID_VALIDITY_TERMS", "AgreementStartDate " + start + " must be in the future");
            } else if (!productType.equals("SaaSProduct")) {
                error(errors, "INCOMPATIBLE_PRODUCT", "AgreementStartDate in the future isn't supported for " + productType + " products");
            }
            LocalDate availability = availabilityEnd(ctx.after());
            if (availability != null && !start.isAfter(availability)) {
                error(errors, "INVALID_VALIDITY_TERMS", "AgreementStartDate " + start + " must be after the AvailabilityEndDate "
                        + availability);
            }
        }
        if (start != null && end != null && !end.isAfter(start)) {
            error(errors, "INVALID_VALIDITY_TERMS", "AgreementEndDate " + end + " must be after the AgreementStartDate " + start);
        }
    }

    /**
     * AMI and container buyers can add entitlements until the offer expires, each for the term's Duration, so the
     * agreement must last longer than the days until expiry plus that Duration.
     */
    private static void outlastsEntitlements(Period agreement, Context ctx, ArrayNode errors) {
        String productType = ctx.product() == null ? "" : ctx.product().baseType();
        LocalDate availability = availabilityEnd(ctx.after());
        if (!Set.of("AmiProduct", "ContainerProduct").contains(productType) || availability == null) {
            return;
        }
        for (JsonNode term : ctx.after().path("Terms")) {
            List<String> durations = new ArrayList<>(term.findValuesAsText("Duration"));
            term.path("RateCards").forEach(card -> {
                if ("Duration".equals(card.path("Selector").path("Type").asText())) {
                    durations.add(card.path("Selector").path("Value").asText());
                }
            });
            for (String duration : durations) {
                LocalDate lastEntitlementEnds = availability.plus(Period.parse(duration));
                if (!ctx.today().plus(agreement).isAfter(lastEntitlementEnds)) {
                    error(errors, "INVALID_VALIDITY_TERMS", "AgreementDuration " + agreement + " must exceed the days"
                            + " until the AvailabilityEndDate " + availability + " plus the " + term.path("Type").asText()
                            + " Duration " + duration);
                    return;
                }
            }
        }
    }

    private static void release(ObjectNode after, Context ctx, ArrayNode errors) {
        if (!after.hasNonNull("Name") || after.get("Name").asText().isBlank()) {
            error(errors, "MISSING_NAME", "Name is required to release the offer (UpdateInformation)");
        }
        if (!after.hasNonNull("Description") || after.get("Description").asText().isBlank()) {
            error(errors, "MISSING_DESCRIPTION", "Description is required to release the offer (UpdateInformation)");
        }
        LocalDate availability = availabilityEnd(after);
        if (availability == null) {
            error(errors, "MISSING_AVAILABILITY_END_DATE", "A private offer needs an AvailabilityEndDate (UpdateAvailability)");
        } else if (availability.isBefore(ctx.today()) && !ctx.changeTypesOnOffer().contains("UpdateAvailability")) {
            error(errors, "INVALID_AVAILABILITY_END_DATE", "Provide a future AvailabilityEndDate (was " + availability + ")");
        }
        if (ctx.replacement() && validityDate(after, "AgreementEndDate") == null) {
            error(errors, "MISSING_AGREEMENT_END_DATE", "A replacement offer needs a ValidityTerm AgreementEndDate");
        }
        boolean pricing = false;
        for (JsonNode t : after.path("Terms")) {
            pricing |= PRICING_TERMS.contains(t.path("Type").asText());
        }
        if (!pricing) {
            error(errors, "MISSING_MANDATORY_TERMS", "A pricing term is required (UpdatePricingTerms)");
        }
        if (term(after, "LegalTerm") == null) {
            error(errors, "MISSING_MANDATORY_TERMS", "A LegalTerm is required (UpdateLegalTerms)");
        }
        boolean schedule = term(after, "PaymentScheduleTerm") != null;
        boolean fixed = term(after, "FixedUpfrontPricingTerm") != null;
        if (schedule && !fixed) {
            error(errors, "MISSING_MANDATORY_TERMS", "A PaymentScheduleTerm needs a FixedUpfrontPricingTerm with Price 0");
        }
        if (fixed && !schedule && term(after, "ByolPricingTerm") == null) {
            error(errors, "MISSING_MANDATORY_TERMS", "A FixedUpfrontPricingTerm needs a PaymentScheduleTerm (UpdatePaymentScheduleTerms)");
        }
    }
}
