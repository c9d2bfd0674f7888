package io.mpcrm.connector.offer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/**
 * What DescribeEntity would show for an offer after a change set is applied: the Offer@1.0 DetailsDocument with
 * Terms and Rules, dates as timestamps, term ids, and no PricingModel (AWS does not echo it).
 */
final class DescribedOffer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DescribedOffer() {
    }

    static ObjectNode afterApplying(String offerId, ArrayNode changeSet) {
        ObjectNode offer = NODES.objectNode();
        ArrayNode terms = NODES.arrayNode();
        ArrayNode rules = NODES.arrayNode();
        for (JsonNode change : changeSet) {
            JsonNode details = change.path("DetailsDocument");
            switch (change.path("ChangeType").asText()) {
                case "CreateOffer" -> offer.put("Id", offerId).put("State", "Draft")
                        .put("ProductId", details.path("ProductId").asText());
                case "UpdateInformation" -> details.fields().forEachRemaining(f -> offer.set(f.getKey(), f.getValue()));
                case "UpdateTargeting" -> replace(rules, NODES.objectNode().put("Type", "TargetingRule")
                        .set("PositiveTargeting", details.path("PositiveTargeting").deepCopy()));
                case "UpdateAvailability" -> replace(rules, NODES.objectNode().put("Type", "AvailabilityRule")
                        .put("AvailabilityEndDate", details.path("AvailabilityEndDate").asText() + "T23:59:59.000Z"));
                case "UpdatePricingTerms" -> {
                    removeIf(terms, "PricingTerm");
                    details.path("Terms").forEach(term -> terms.add(withId(term)));
                }
                case "UpdateLegalTerms", "UpdateValidityTerms", "UpdatePaymentScheduleTerms" ->
                        details.path("Terms").forEach(term -> replace(terms, withId(term)));
                case "ReleaseOffer" -> offer.put("State", "Released");
                default -> throw new IllegalArgumentException(change.path("ChangeType").asText());
            }
        }
        offer.set("Terms", terms);
        offer.set("Rules", rules);
        return offer;
    }

    private static ObjectNode withId(JsonNode term) {
        ObjectNode copy = term.deepCopy();
        copy.put("Id", "term-" + Integer.toHexString(term.toString().hashCode()));
        if (copy.has("AgreementStartDate")) {
            copy.put("AgreementStartDate", copy.get("AgreementStartDate").asText() + "T00:00:00.000Z");
        }
        if (copy.has("AgreementEndDate")) {
            copy.put("AgreementEndDate", copy.get("AgreementEndDate").asText() + "T23:59:59.999Z");
        }
        copy.path("Schedule").forEach(charge -> ((ObjectNode) charge)
                .put("ChargeDate", charge.path("ChargeDate").asText() + "T00:00:00.000Z"));
        return copy;
    }

    private static void replace(ArrayNode list, ObjectNode item) {
        removeIf(list, item.path("Type").asText());
        list.add(item);
    }

    private static void removeIf(ArrayNode list, String typeEnding) {
        for (Iterator<JsonNode> it = list.iterator(); it.hasNext(); ) {
            if (it.next().path("Type").asText().endsWith(typeEnding)) {
                it.remove();
            }
        }
    }
}
