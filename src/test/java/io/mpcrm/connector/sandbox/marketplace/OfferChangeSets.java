package io.mpcrm.connector.sandbox.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;

/** Test builders for {@code Offer@1.0} changes, written as JSON and sent as SDK {@link Document}s. */
final class OfferChangeSets {

    static final String CREATE = "CreateOfferChange";
    static final String REF = "$" + CREATE + ".Entity.Identifier";

    private OfferChangeSets() {
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    static String inDays(int days) {
        return today().plusDays(days).toString();
    }

    /** A Document from JSON text (single quotes allowed for readability). */
    static Document doc(String json) {
        try {
            return toDocument(Json.MAPPER.readTree(json.replace('\'', '"')));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static Document toDocument(JsonNode n) {
        if (n.isObject()) {
            Map<String, Document> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(f -> m.put(f.getKey(), toDocument(f.getValue())));
            return Document.fromMap(m);
        }
        if (n.isArray()) {
            List<Document> l = new ArrayList<>();
            n.forEach(x -> l.add(toDocument(x)));
            return Document.fromList(l);
        }
        if (n.isTextual()) {
            return Document.fromString(n.asText());
        }
        if (n.isBoolean()) {
            return Document.fromBoolean(n.asBoolean());
        }
        if (n.isNumber()) {
            return Document.fromNumber(SdkNumber.fromString(n.asText()));
        }
        return Document.fromNull();
    }

    static Change change(String changeType, String identifier, String json) {
        return change(changeType, null, identifier, json);
    }

    static Change change(String changeType, String changeName, String identifier, String json) {
        Change.Builder b = Change.builder().changeType(changeType).entity(e -> e.type("Offer@1.0").identifier(identifier));
        if (changeName != null) {
            b.changeName(changeName);
        }
        if (json != null) {
            b.detailsDocument(doc(json));
        }
        return b.build();
    }

    static Change createOffer(String productId, String name) {
        return change("CreateOffer", CREATE, null, name == null ? "{'ProductId':'" + productId + "'}"
                : "{'ProductId':'" + productId + "','Name':'" + name + "'}");
    }

    static Change schedule(String... dateAmount) {
        StringBuilder b = new StringBuilder("{'Terms':[{'Type':'PaymentScheduleTerm','CurrencyCode':'USD','Schedule':[");
        for (int i = 0; i < dateAmount.length; i += 2) {
            b.append(i == 0 ? "" : ",").append("{'ChargeDate':'").append(dateAmount[i]).append("','ChargeAmount':'")
                    .append(dateAmount[i + 1]).append("'}");
        }
        return change("UpdatePaymentScheduleTerms", REF, b.append("]}]}").toString());
    }

    static Change fixedUpfront(String price, String... dimensionKeys) {
        StringBuilder grants = new StringBuilder();
        for (String k : dimensionKeys) {
            grants.append(grants.length() == 0 ? "" : ",").append("{'DimensionKey':'").append(k).append("','MaxQuantity':10}");
        }
        return change("UpdatePricingTerms", REF, "{'PricingModel':'Contract','Terms':[{'Type':'FixedUpfrontPricingTerm',"
                + "'CurrencyCode':'USD','Price':'" + price + "','Duration':'P365D','Grants':[" + grants + "]}]}");
    }

    /**
     * A whole SaaS contract private offer with a flexible payment schedule, created and released in one set, keyed by
     * ChangeType (so a test can replace or drop one change). Uses the SaaS seed dimensions {@code users}/{@code admins}.
     */
    static Map<String, Change> saasFlexiblePaymentOffer(String productId, String buyer) {
        Map<String, Change> m = new LinkedHashMap<>();
        m.put("CreateOffer", createOffer(productId, "Example Corp FPS contract"));
        m.put("UpdateInformation", change("UpdateInformation", REF, "{'Description':'Three installments, 12 months'}"));
        m.put("UpdateTargeting", change("UpdateTargeting", REF, "{'PositiveTargeting':{'BuyerAccounts':['" + buyer + "']}}"));
        m.put("UpdatePricingTerms", fixedUpfront("0.00", "users", "admins"));
        m.put("UpdatePaymentScheduleTerms", schedule(inDays(10), "12000.00", inDays(100), "6000.00", inDays(190), "6000.50"));
        m.put("UpdateLegalTerms", change("UpdateLegalTerms", REF,
                "{'Terms':[{'Type':'LegalTerm','Documents':[{'Type':'StandardEula','Version':'2022-07-14'}]}]}"));
        m.put("UpdateSupportTerms", change("UpdateSupportTerms", REF,
                "{'Terms':[{'Type':'SupportTerm','RefundPolicy':'No refunds after 30 days.'}]}"));
        m.put("UpdateValidityTerms", change("UpdateValidityTerms", REF,
                "{'Terms':[{'Type':'ValidityTerm','AgreementDuration':'P365D'}]}"));
        m.put("UpdateNetPaymentTerms", change("UpdateNetPaymentTerms", REF,
                "{'Terms':[{'Type':'NetPaymentTerm','PaymentDuePeriod':'P30D'}]}"));
        m.put("UpdateRenewalTerms", change("UpdateRenewalTerms", REF, "{'Terms':[{'Type':'RenewalTerm'}]}"));
        m.put("UpdateAvailability", change("UpdateAvailability", REF, "{'AvailabilityEndDate':'" + inDays(30) + "'}"));
        m.put("ReleaseOffer", change("ReleaseOffer", REF, "{}"));
        return m;
    }
}
