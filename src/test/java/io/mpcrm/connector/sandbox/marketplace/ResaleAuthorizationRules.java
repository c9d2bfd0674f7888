package io.mpcrm.connector.sandbox.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The Catalog API's resale authorization change types ({@code ResaleAuthorization@1.0}): field checks at StartChangeSet
 * (422), the DetailsDocument each change leaves (Terms with Ids, AvailabilityRule / PartnerTargetingRule, OfferDetails)
 * and the business rules AWS reports later as a FAILED change set with per-change errors. Statuses go Draft, then
 * Active on release, then Restricted, which cannot be undone.
 */
final class ResaleAuthorizationRules {

    static final String ENTITY_TYPE = "ResaleAuthorization@1.0";
    static final Set<String> CHANGE_TYPES = Set.of("CreateResaleAuthorization", "UpdateBuyerTargetingTerms",
            "UpdateAvailability", "UpdateBuyerValidityTerms", "UpdateLegalTerms", "UpdatePricingTerms",
            "UpdatePaymentScheduleTerms", "UpdateNetPaymentTerms", "UpdateInformation", "ReleaseResaleAuthorization",
            "RestrictResaleAuthorization");
    static final Set<String> PRICING_TERMS = Set.of("ResaleUsageBasedPricingTerm",
            "ResaleConfigurableUpfrontPricingTerm", "ResaleFixedUpfrontPricingTerm");
    static final Set<String> BUYER_DOCUMENTS = Set.of("StandardEula", "EnterpriseEula", "CustomEula");
    static final Set<String> RESELLER_DOCUMENTS = Set.of("StandardResellerContract", "CustomResellerContract");
    static final Set<String> CURRENCIES = Set.of("USD", "EUR", "GBP", "AUD", "JPY");

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /*
     * The Name and Description rules of https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-resale-authorizations.html
     * (the synchronous table of each change): CreateResaleAuthorization's Name "Must not be null or empty, Length must
     * be between 1 and 100 characters, No special characters allowed" (the page's own example is "Test
     * ResaleAuthorization": spaces are not special characters) and Description "Length must be between 1 and 255
     * characters, No special characters allowed"; UpdateInformation's Name "Pattern ^[A-Za-z0-9]*$ No special
     * character or white space allowed" and Description "Pattern ^[A-Za-z0-9\s]*$". What a special character is
     * beyond that pattern is not said; the stand-in reads Create's rule as letters, digits and spaces.
     */
    private static final Pattern CREATE_NAME = Pattern.compile("[A-Za-z0-9 ]{1,100}");
    private static final Pattern UPDATE_NAME = Pattern.compile("[A-Za-z0-9]{1,100}");
    private static final Pattern DESCRIPTION = Pattern.compile("[A-Za-z0-9\\s]{1,255}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /*
     * AWS documents no longest duration (the Agreement API's Selector value and agreementDuration are ISO 8601 strings
     * of 1 to 4096 characters, https://docs.aws.amazon.com/marketplace/latest/APIReference/API_marketplace-agreements_Selector.html);
     * the four-digit bound is this stand-in's assumption, and the connector's ServiceLength refuses no more than it.
     */
    private static final Pattern DURATION = Pattern.compile("P\\d{1,4}[DMY]");
    private static final Pattern PRICE = Pattern.compile("\\d{1,12}(\\.\\d+)?");


    private ResaleAuthorizationRules() {
    }

    // ========================================================================================= synchronous

    /** Field checks of one change at StartChangeSet; {@code products} finds a product the caller owns, or null. */
    static void validate(String where, String changeType, JsonNode change,
                         Function<String, CatalogApi.StoredEntity> products) {
        String at = where + " (" + changeType + ")";
        if (!CHANGE_TYPES.contains(changeType)) {
            throw ApiError.validation(at + ": " + changeType + " is not a change type of " + ENTITY_TYPE);
        }
        JsonNode doc = change.get("DetailsDocument");
        if (doc == null || !doc.isObject()) {
            throw ApiError.validation(at + ": DetailsDocument must be an object");
        }
        switch (changeType) {
            case "CreateResaleAuthorization" -> {
                String productId = required(doc, "ProductId", at);
                if (productId.length() > 50) {
                    throw ApiError.validation(at + ": ProductId is at most 50 characters");
                }
                if (products.apply(productId) == null) {
                    throw ApiError.notFound(at + ": product " + productId + " not found");
                }
                name(required(doc, "Name", at), CREATE_NAME, "letters, digits and spaces", at);
                description(doc, at);
                String reseller = required(doc, "ResellerAccountId", at);
                if (!ACCOUNT.matcher(reseller).matches()) {
                    throw ApiError.validation(at + ": ResellerAccountId must be 12 digits");
                }
            }
            case "UpdateInformation" -> {
                if (!doc.has("Name") && !doc.has("Description") && !doc.has("PreExistingBuyerAgreement")) {
                    throw ApiError.validation(at + ": give Name, Description or PreExistingBuyerAgreement");
                }
                if (doc.hasNonNull("Name")) {
                    name(doc.get("Name").asText(), UPDATE_NAME, "letters and digits, no white space", at);
                }
                description(doc, at);
                JsonNode pre = doc.get("PreExistingBuyerAgreement");
                if (pre != null && !pre.isNull()) {
                    oneOf(pre, "AcquisitionChannel", Set.of("AwsMarketplace", "External"), at);
                    oneOf(pre, "PricingModel", Set.of("Contract", "Usage", "Byol", "Free"), at);
                }
            }
            case "UpdateBuyerTargetingTerms" -> {
                JsonNode accounts = onlyTerm(doc, "BuyerTargetingTerm", at).path("PositiveTargeting")
                        .path("BuyerAccounts");
                if (!accounts.isArray() || accounts.isEmpty() || accounts.size() > 25) {
                    throw ApiError.validation(at + ": PositiveTargeting.BuyerAccounts holds 1 to 25 accounts");
                }
                for (JsonNode account : accounts) {
                    if (!account.isTextual() || !ACCOUNT.matcher(account.asText()).matches()) {
                        throw ApiError.validation(at + ": buyer account " + account + " must be 12 digits");
                    }
                }
            }
            case "UpdateAvailability" -> {
                if (!doc.has("AvailabilityEndDate") && !doc.has("OffersMaxQuantity")) {
                    throw ApiError.validation(at + ": give AvailabilityEndDate or OffersMaxQuantity");
                }
                if (doc.has("AvailabilityEndDate")) {
                    date(doc.get("AvailabilityEndDate"), "AvailabilityEndDate", at);
                }
                if (doc.has("OffersMaxQuantity") && doc.get("OffersMaxQuantity").asInt(-1) != 1) {
                    throw ApiError.validation(at + ": OffersMaxQuantity can only be 1");
                }
            }
            case "UpdateBuyerValidityTerms" -> date(onlyTerm(doc, "BuyerValidityTerm", at)
                    .get("MaximumAgreementStartDate"), "MaximumAgreementStartDate", at);
            case "UpdateLegalTerms" -> legal(doc, at);
            case "UpdatePricingTerms" -> pricing(doc, at);
            case "UpdatePaymentScheduleTerms" -> {
                JsonNode term = onlyTerm(doc, "ResalePaymentScheduleTerm", at);
                currency(term, at);
                JsonNode schedule = term.path("Schedule");
                if (!schedule.isArray() || schedule.isEmpty() || schedule.size() > 60) {
                    throw ApiError.validation(at + ": Schedule holds 1 to 60 charges");
                }
                for (JsonNode charge : schedule) {
                    date(charge.get("ChargeDate"), "ChargeDate", at);
                    price(charge.get("ChargeAmount"), 2, "ChargeAmount", at);
                }
            }
            case "UpdateNetPaymentTerms" -> {
                if (!doc.path("Terms").isArray()) {
                    throw ApiError.validation(at + ": Terms is required");
                }
            }
            default -> {
                if (doc.size() > 0) {
                    throw ApiError.validation(at + ": DetailsDocument must be empty");
                }
            }
        }
    }

    private static String required(JsonNode doc, String field, String at) {
        JsonNode v = doc.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw ApiError.validation(at + ": " + field + " is required");
        }
        return v.asText();
    }

    private static void name(String name, Pattern rule, String allowed, String at) {
        if (!rule.matcher(name).matches()) {
            throw ApiError.validation(at + ": Name must be 1 to 100 characters, " + allowed + " (no special characters)");
        }
    }

    private static void description(JsonNode doc, String at) {
        if (doc.hasNonNull("Description") && !DESCRIPTION.matcher(doc.get("Description").asText()).matches()) {
            throw ApiError.validation(at + ": Description must be 1 to 255 letters, digits and white space (no special"
                    + " characters)");
        }
    }

    private static void oneOf(JsonNode node, String field, Set<String> allowed, String at) {
        if (!allowed.contains(node.path(field).asText())) {
            throw ApiError.validation(at + ": " + field + " must be one of " + allowed);
        }
    }

    private static JsonNode onlyTerm(JsonNode doc, String type, String at) {
        JsonNode terms = doc.get("Terms");
        if (terms == null || !terms.isArray() || terms.size() != 1 || !type.equals(terms.get(0).path("Type").asText())) {
            throw ApiError.validation(at + ": Terms must hold exactly one " + type);
        }
        return terms.get(0);
    }

    private static void date(JsonNode value, String field, String at) {
        if (value == null || !value.isTextual() || !DATE.matcher(value.asText()).matches()) {
            throw ApiError.validation(at + ": " + field + " must be a date YYYY-MM-DD");
        }
        try {
            LocalDate.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw ApiError.validation(at + ": " + field + " " + value.asText() + " is not a date");
        }
    }

    private static void currency(JsonNode term, String at) {
        if (!CURRENCIES.contains(term.path("CurrencyCode").asText())) {
            throw ApiError.validation(at + ": CurrencyCode must be one of " + CURRENCIES);
        }
    }

    private static void price(JsonNode value, int decimals, String field, String at) {
        if (value == null || !value.isTextual() || !PRICE.matcher(value.asText()).matches()) {
            throw ApiError.validation(at + ": " + field + " must be a decimal number as a string");
        }
        if (new BigDecimal(value.asText()).stripTrailingZeros().scale() > decimals) {
            throw ApiError.validation(at + ": " + field + " " + value.asText() + " has more than " + decimals
                    + " decimals");
        }
    }

    private static void legal(JsonNode doc, String at) {
        JsonNode terms = doc.get("Terms");
        if (terms == null || !terms.isArray() || terms.isEmpty() || terms.size() > 2) {
            throw ApiError.validation(at + ": Terms holds a BuyerLegalTerm and at most one ResaleLegalTerm");
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode term : terms) {
            String type = term.path("Type").asText();
            Set<String> allowed = switch (type) {
                case "BuyerLegalTerm" -> BUYER_DOCUMENTS;
                case "ResaleLegalTerm" -> RESELLER_DOCUMENTS;
                default -> throw ApiError.validation(at + ": term type " + type + " is not a legal term of a resale"
                        + " authorization");
            };
            if (!seen.add(type)) {
                throw ApiError.validation(at + ": " + type + " appears twice");
            }
            JsonNode documents = term.path("Documents");
            if (!documents.isArray() || documents.size() != 1) {
                throw ApiError.validation(at + ": " + type + " holds exactly one document");
            }
            JsonNode document = documents.get(0);
            String documentType = document.path("Type").asText();
            if (!allowed.contains(documentType)) {
                throw ApiError.validation(at + ": document type " + documentType + " must be one of " + allowed);
            }
            if (document.has("Version")) {
                throw ApiError.validation(at + ": resale authorization documents carry no Version");
            }
            boolean custom = documentType.startsWith("Custom");
            if (custom != document.hasNonNull("Url")) {
                throw ApiError.validation(at + ": " + documentType + (custom ? " needs a Url" : " takes no Url"));
            }
            String url = custom ? document.get("Url").asText() : "";
            // The S3 sandbox serves plain http on loopback; AWS itself requires https.
            boolean sandboxS3 = url.startsWith("http://127.0.0.1:") || url.startsWith("http://localhost:");
            if (custom && (url.length() > 2048 || !url.startsWith("https://") && !sandboxS3)) {
                throw ApiError.validation(at + ": Url must be an https URL AWS can read (a presigned S3 object)");
            }
        }
    }

    private static void pricing(JsonNode doc, String at) {
        String model = doc.path("PricingModel").asText();
        if (!model.equals("Usage") && !model.equals("Contract")) {
            throw ApiError.validation(at + ": PricingModel must be Usage or Contract");
        }
        JsonNode terms = doc.get("Terms");
        if (terms == null || !terms.isArray() || terms.isEmpty()) {
            throw ApiError.validation(at + ": Terms is required");
        }
        for (JsonNode term : terms) {
            String type = term.path("Type").asText();
            if (!PRICING_TERMS.contains(type)) {
                throw ApiError.validation(at + ": term type " + type + " is not a resale pricing term");
            }
            currency(term, at);
            switch (type) {
                case "ResaleFixedUpfrontPricingTerm" -> {
                    if (!DURATION.matcher(term.path("Duration").asText()).matches()) {
                        throw ApiError.validation(at + ": ResaleFixedUpfrontPricingTerm needs a Duration like P12M");
                    }
                    price(term.get("Price"), 6, "Price", at);
                    for (JsonNode grant : term.path("Grants")) {
                        if (grant.path("DimensionKey").asText().isEmpty() || grant.path("MaxQuantity").asInt(0) < 1) {
                            throw ApiError.validation(at + ": each grant needs a DimensionKey and a MaxQuantity of 1"
                                    + " or more");
                        }
                    }
                }
                case "ResaleConfigurableUpfrontPricingTerm" -> {
                    for (JsonNode card : term.path("RateCards")) {
                        if (!DURATION.matcher(card.path("Selector").path("Value").asText()).matches()) {
                            throw ApiError.validation(at + ": a rate card's Selector needs a Duration like P12M");
                        }
                        rates(card.path("RateCard"), 6, at);
                    }
                }
                default -> {
                    for (JsonNode card : term.path("RateCards")) {
                        rates(card.path("RateCard"), 8, at);
                    }
                }
            }
        }
    }

    private static void rates(JsonNode card, int decimals, String at) {
        if (!card.isArray() || card.isEmpty()) {
            throw ApiError.validation(at + ": a RateCard holds at least one rate");
        }
        for (JsonNode rate : card) {
            if (rate.path("DimensionKey").asText().isEmpty()) {
                throw ApiError.validation(at + ": every rate needs a DimensionKey");
            }
            price(rate.get("Price"), decimals, "Price of " + rate.path("DimensionKey").asText(), at);
        }
    }

    // ========================================================================================= documents

    /** The DetailsDocument of a new draft (section 2.4's shape); {@code product} is the product's entity. */
    static ObjectNode created(JsonNode doc, CatalogApi.StoredEntity product, String manufacturer, Instant at) {
        ObjectNode d = Json.object();
        d.put("Name", doc.path("Name").asText());
        if (doc.hasNonNull("Description")) {
            d.put("Description", doc.get("Description").asText());
        }
        d.put("ProductId", doc.path("ProductId").asText());
        if (product != null) {
            d.put("ProductName", product.details().path("Description").path("ProductTitle").asText());
        }
        d.put("Status", "Draft");
        d.put("CreatedDate", Json.isoMillis(at));
        d.put("ManufacturerLegalName", "Seller " + manufacturer);
        d.put("ManufacturerAccountId", manufacturer);
        ArrayNode dimensions = d.putArray("Dimensions");
        if (product != null) {
            product.details().path("Dimensions").forEach(dim -> dimensions.add(dim.deepCopy()));
        }
        ObjectNode offers = d.putObject("OfferDetails");
        offers.put("OfferExtendedStatus", "Not Started");
        offers.put("OfferCreatedCount", 0);
        d.putArray("Terms");
        ObjectNode partner = d.putArray("Rules").addObject();
        partner.put("Type", "PartnerTargetingRule");
        partner.put("ResellerAccountId", doc.path("ResellerAccountId").asText());
        partner.put("ResellerLegalName", "Reseller " + doc.path("ResellerAccountId").asText());
        return d;
    }

    /** Applies an update, release or restriction to the DetailsDocument in place. */
    static void apply(String changeType, JsonNode doc, ObjectNode d) {
        DetailsChanges.apply(changeType, doc, d, CHANGES);
    }

    /** What each change type does to a resale authorization's DetailsDocument. */
    private static final Map<String, DetailsChanges.Change> CHANGES = Map.ofEntries(
            Map.entry("UpdateInformation", DetailsChanges.information("PreExistingBuyerAgreement")),
            Map.entry("UpdateBuyerTargetingTerms", (doc, d) -> {
                ObjectNode term = Json.object().put("Type", "BuyerTargetingTerm");
                // The read side wraps each account in an object; the write side sends plain strings.
                ArrayNode accounts = term.putObject("PositiveTargeting").putArray("BuyerAccounts");
                doc.path("Terms").path(0).path("PositiveTargeting").path("BuyerAccounts")
                        .forEach(a -> accounts.addObject().put("AwsAccountId", a.asText()));
                replace(d, Set.of("BuyerTargetingTerm"), List.of(term));
            }),
            Map.entry("UpdateAvailability", (doc, d) -> {
                ObjectNode rule = availabilityRule(d);
                if (doc.hasNonNull("AvailabilityEndDate")) {
                    rule.put("AvailabilityEndDate", doc.get("AvailabilityEndDate").asText() + "T23:59:59.999Z");
                }
                if (doc.hasNonNull("OffersMaxQuantity")) {
                    rule.put("OffersMaxQuantity", doc.get("OffersMaxQuantity").asInt());
                    rule.put("Usage", "Limited");
                }
            }),
            Map.entry("UpdateBuyerValidityTerms", (doc, d) -> {
                ObjectNode term = (ObjectNode) doc.path("Terms").get(0).deepCopy();
                term.put("MaximumAgreementStartDate", term.path("MaximumAgreementStartDate").asText()
                        + "T00:00:00.000Z");
                replace(d, Set.of("BuyerValidityTerm"), List.of(term));
            }),
            Map.entry("UpdateLegalTerms", (doc, d) ->
                    replace(d, Set.of("BuyerLegalTerm", "ResaleLegalTerm"), DetailsChanges.terms(doc))),
            Map.entry("UpdatePricingTerms", (doc, d) -> {
                d.put("PricingModel", doc.path("PricingModel").asText());
                replace(d, PRICING_TERMS, DetailsChanges.terms(doc));
            }),
            Map.entry("UpdatePaymentScheduleTerms", (doc, d) ->
                    replace(d, Set.of("ResalePaymentScheduleTerm"), List.of(DetailsChanges.datedSchedule(doc)))),
            Map.entry("UpdateNetPaymentTerms", (doc, d) ->
                    replace(d, Set.of("ResaleNetPaymentTerm"), DetailsChanges.terms(doc))),
            Map.entry("ReleaseResaleAuthorization", (doc, d) -> {
                d.put("Status", "Active");
                ObjectNode rule = availabilityRule(d);
                if (!rule.has("Usage")) {
                    rule.put("Usage", "Unlimited");
                }
            }),
            Map.entry("RestrictResaleAuthorization", (doc, d) -> d.put("Status", "Restricted")));

    /** Replaces the terms of the given types with new ones, each with an Id as DescribeEntity shows them. */
    private static void replace(ObjectNode d, Set<String> types, List<ObjectNode> terms) {
        ArrayNode all = d.has("Terms") && d.get("Terms").isArray() ? (ArrayNode) d.get("Terms") : d.putArray("Terms");
        for (int i = all.size() - 1; i >= 0; i--) {
            if (types.contains(all.get(i).path("Type").asText())) {
                all.remove(i);
            }
        }
        for (ObjectNode term : terms) {
            ObjectNode withId = Json.object().put("Id", Json.id("term-", 20));
            withId.setAll(term);
            all.add(withId);
        }
    }

    private static ObjectNode availabilityRule(ObjectNode d) {
        ArrayNode rules = d.has("Rules") && d.get("Rules").isArray() ? (ArrayNode) d.get("Rules") : d.putArray("Rules");
        for (JsonNode rule : rules) {
            if ("AvailabilityRule".equals(rule.path("Type").asText())) {
                return (ObjectNode) rule;
            }
        }
        ObjectNode rule = Json.object().put("Type", "AvailabilityRule");
        rules.insert(0, rule);
        return rule;
    }

    // ========================================================================================= business rules

    /**
     * What the asynchronous checks of one change see.
     *
     * @param before the authorization as stored before this change set, or null for one it creates
     * @param after the authorization with every change of the set applied
     */
    record Context(LocalDate today, ObjectNode before, ObjectNode after, CatalogApi.StoredEntity product) {
        String statusBefore() {
            return before == null ? "Draft" : before.path("Status").asText("Draft");
        }
    }

    /** The ErrorDetailList of one change ({@code [{ErrorCode, ErrorMessage}]}); empty when it passes. */
    static ArrayNode check(String changeType, JsonNode doc, Context ctx) {
        ArrayNode errors = Json.array();
        String status = ctx.statusBefore();
        if (changeType.startsWith("Update") || changeType.equals("ReleaseResaleAuthorization")) {
            if (!"Draft".equals(status)) {
                error(errors, "INCOMPATIBLE_STATUS", changeType + " request can't be performed after the resale"
                        + " authorization is released");
                return errors;
            }
        }
        ObjectNode after = ctx.after();
        switch (changeType) {
            case "UpdateAvailability" -> {
                LocalDate end = availabilityEnd(after);
                if (doc.hasNonNull("AvailabilityEndDate") && end != null && !end.isAfter(ctx.today())) {
                    error(errors, "INVALID_AVAILABILITY_END_DATE", "Provide a future AvailabilityEndDate");
                }
            }
            case "UpdateBuyerValidityTerms" -> {
                String type = ctx.product() == null ? "" : ctx.product().baseType();
                if (!"SaaSProduct".equals(type)) {
                    error(errors, "INCOMPATIBLE_PRODUCT", "Future-dated agreements are only supported for SaaS"
                            + " product types");
                }
                LocalDate start = LocalDate.parse(doc.path("Terms").path(0).path("MaximumAgreementStartDate")
                        .asText());
                if (!start.isAfter(ctx.today()) || start.isAfter(ctx.today().plusYears(3))) {
                    error(errors, "INVALID_MAXIMUM_AGREEMENT_START_DATE", "MaximumAgreementStartDate must be in the"
                            + " future and within 3 years");
                }
            }
            case "UpdateInformation" -> {
                if (doc.hasNonNull("PreExistingBuyerAgreement") && buyers(after) == 0) {
                    error(errors, "MISSING_BUYER_ACCOUNTS", "PreExistingBuyerAgreement requires at least one buyer"
                            + " account in BuyerTargetingTerm");
                }
            }
            case "UpdatePricingTerms" -> dimensions(doc, ctx.product(), errors);
            case "UpdatePaymentScheduleTerms" -> {
                if (term(after, "ResaleFixedUpfrontPricingTerm") == null) {
                    error(errors, "MISSING_MANDATORY_TERMS", "A payment schedule requires a"
                            + " ResaleFixedUpfrontPricingTerm");
                }
                JsonNode rule = rule(after, "AvailabilityRule");
                if (rule == null || rule.path("OffersMaxQuantity").asInt(0) != 1 || !rule.hasNonNull("AvailabilityEndDate")) {
                    error(errors, "INCOMPATIBLE_AVAILABILITY", "A payment schedule requires OffersMaxQuantity 1 and an"
                            + " AvailabilityEndDate");
                }
                for (JsonNode charge : doc.path("Terms").path(0).path("Schedule")) {
                    if (LocalDate.parse(charge.path("ChargeDate").asText()).isBefore(ctx.today())) {
                        error(errors, "INVALID_CHARGE_DATE", "ChargeDate " + charge.path("ChargeDate").asText()
                                + " is in the past");
                    }
                }
            }
            case "ReleaseResaleAuthorization" -> {
                if (term(after, "BuyerLegalTerm") == null) {
                    error(errors, "MISSING_BUYER_LEGAL_TERM", "Add a BuyerLegalTerm with UpdateLegalTerms before"
                            + " releasing the resale authorization");
                }
                boolean priced = false;
                for (String type : PRICING_TERMS) {
                    priced |= term(after, type) != null;
                }
                if (!priced) {
                    error(errors, "MISSING_PRICING_TERMS", "Add a pricing term with UpdatePricingTerms before"
                            + " releasing the resale authorization");
                }
            }
            case "RestrictResaleAuthorization" -> {
                LocalDate end = availabilityEnd(after);
                if (end != null && end.isBefore(ctx.today())) {
                    error(errors, "INCOMPATIBLE_STATUS", "An expired resale authorization can't be restricted");
                } else if (!"Active".equals(status)) {
                    error(errors, "INCOMPATIBLE_STATUS", "Only an Active resale authorization can be restricted;"
                            + " this one is " + status);
                }
            }
            default -> { }
        }
        return errors;
    }

    private static void dimensions(JsonNode doc, CatalogApi.StoredEntity product, ArrayNode errors) {
        if (product == null) {
            return;
        }
        Set<String> keys = new HashSet<>();
        product.details().path("Dimensions").forEach(dim -> keys.add(dim.path("Key").asText()));
        for (JsonNode key : doc.findValues("DimensionKey")) {
            if (!keys.contains(key.asText())) {
                error(errors, "INVALID_DIMENSION_KEY", "Dimension " + key.asText() + " is not a dimension of product "
                        + product.id());
            }
        }
    }

    /** Whether the change set made this authorization Active, so the reseller sees it (ListEntities SHARED). */
    static String sharedWith(ObjectNode d) {
        if ("Draft".equals(d.path("Status").asText())) {
            return null;
        }
        JsonNode partner = rule(d, "PartnerTargetingRule");
        return partner == null ? null : partner.path("ResellerAccountId").asText(null);
    }

    private static int buyers(ObjectNode d) {
        JsonNode term = term(d, "BuyerTargetingTerm");
        return term == null ? 0 : term.path("PositiveTargeting").path("BuyerAccounts").size();
    }

    static JsonNode term(ObjectNode d, String type) {
        for (JsonNode t : d.path("Terms")) {
            if (type.equals(t.path("Type").asText())) {
                return t;
            }
        }
        return null;
    }

    private static JsonNode rule(ObjectNode d, String type) {
        for (JsonNode r : d.path("Rules")) {
            if (type.equals(r.path("Type").asText())) {
                return r;
            }
        }
        return null;
    }

    static LocalDate availabilityEnd(ObjectNode d) {
        JsonNode rule = rule(d, "AvailabilityRule");
        String end = rule == null ? "" : rule.path("AvailabilityEndDate").asText("");
        return end.length() >= 10 ? LocalDate.parse(end.substring(0, 10)) : null;
    }

    private static void error(ArrayNode errors, String code, String message) {
        errors.addObject().put("ErrorCode", code).put("ErrorMessage", message);
    }

}
