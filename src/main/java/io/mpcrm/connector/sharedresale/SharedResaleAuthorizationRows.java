package io.mpcrm.connector.sharedresale;

import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mpcrm.connector.salesforce.FieldValues;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The record a shared resale authorization's AWS details become: what the Refresh Shared Resale Authorizations sync
 * writes and what a single refresh compares.
 */
public final class SharedResaleAuthorizationRows {

    private static final Set<String> PRICING_TERMS = Set.of("ResaleUsageBasedPricingTerm",
            "ResaleConfigurableUpfrontPricingTerm", "ResaleFixedUpfrontPricingTerm", "ResalePaymentScheduleTerm");
    private static final Set<String> LEGAL = Set.of("BuyerLegalTerm", "ResaleLegalTerm");

    private SharedResaleAuthorizationRows() {
    }

    public static Map<String, Object> row(String id, JsonNode details, String sellerAccount, Instant now) {
        ArrayNode pricing = JsonNodeFactory.instance.arrayNode();
        ArrayNode legal = JsonNodeFactory.instance.arrayNode();
        String currency = null;
        boolean upfront = false;
        List<String> buyers = new ArrayList<>();
        String maximumStart = null;
        for (JsonNode term : details.path("Terms")) {
            String type = term.path("Type").asText();
            if ("BuyerTargetingTerm".equals(type)) {
                // The read side wraps each account id in an object.
                term.path("PositiveTargeting").path("BuyerAccounts").forEach(b -> buyers.add(b.isObject()
                        ? b.path("AwsAccountId").asText() : b.asText()));
            } else if ("BuyerValidityTerm".equals(type) && term.path("MaximumAgreementStartDate").asText("").length() >= 10) {
                maximumStart = term.path("MaximumAgreementStartDate").asText().substring(0, 10);
            } else if (PRICING_TERMS.contains(type)) {
                pricing.add(term);
                upfront |= !type.equals("ResaleUsageBasedPricingTerm");
                currency = currency != null ? currency : term.path("CurrencyCode").asText(null);
            } else if (LEGAL.contains(type)) {
                legal.add(term);
            }
        }
        JsonNode availability = null;
        for (JsonNode rule : details.path("Rules")) {
            if ("AvailabilityRule".equals(rule.path("Type").asText())) {
                availability = rule;
            }
        }
        LocalDate expires = availability == null || availability.path("AvailabilityEndDate").asText("").length() < 10
                ? null : LocalDate.parse(availability.path("AvailabilityEndDate").asText().substring(0, 10));
        String status = details.path("Status").asText(null);
        if ("Active".equals(status) && expires != null && expires.isBefore(LocalDate.ofInstant(now,
                java.time.ZoneOffset.UTC))) {
            status = "Expired";
        }
        String name = details.path("Name").asText(id);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(ID_FIELD.name(), id);
        row.put(NAME.name(), name.length() > 80 ? name.substring(0, 80) : name);
        row.put(SELLER.name(), sellerAccount);
        row.put(ISV_ACCOUNT.name(), details.path("ManufacturerAccountId").asText(null));
        row.put(ISV_NAME.name(), details.path("ManufacturerLegalName").asText(null));
        row.put(PRODUCT_ID.name(), details.path("ProductId").asText(null));
        row.put(PRODUCT_NAME.name(), details.path("ProductName").asText(null));
        row.put(PRICING_MODEL.name(), pricing.isEmpty() ? null : upfront ? "Contract" : "Usage");
        row.put(CURRENCY_CODE.name(), currency);
        row.put(WHOLESALE_RATES.name(), pricing.toString());
        row.put(LEGAL_TERMS.name(), legal.toString());
        row.put(USAGE.name(), availability != null && availability.path("OffersMaxQuantity").asInt(0) == 1
                ? "One-time" : "Multi-use");
        row.put(EXPIRATION.name(), expires == null ? null : expires.toString());
        row.put(STATUS.name(), status);
        row.put(BUYER_ACCOUNTS.name(), buyers.isEmpty() ? null : String.join(", ", buyers));
        row.put(MAXIMUM_START.name(), maximumStart);
        // OfferDetails, as AWS counts the offers made on it (channel partner offers made anywhere, not only those in
        // Salesforce). A count or status AWS leaves out is left out of the row: the record keeps what it holds.
        JsonNode offers = details.path("OfferDetails");
        if (offers.path("OfferCreatedCount").isNumber()) {
            row.put(OFFERS_CREATED.name(), offers.path("OfferCreatedCount").asInt());
        }
        if (offers.hasNonNull("OfferExtendedStatus")) {
            row.put(OFFER_STATUS.name(), offers.path("OfferExtendedStatus").asText());
        }
        row.put(LAST_SYNCED_AT.name(), FieldValues.dateTime(now));
        return row;
    }
}
