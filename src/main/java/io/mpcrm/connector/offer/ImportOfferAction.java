package io.mpcrm.connector.offer;

import io.mpcrm.connector.terms.OfferDimension;
import io.mpcrm.connector.terms.ScheduledCharge;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.marketplace.MarketplaceCatalog;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.request.RequestFields;
import io.mpcrm.connector.request.RequestInput;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorizationFields;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.SalesforceRejected;
import io.mpcrm.connector.salesforce.Soql;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * IMPORT_OFFER: an offer made elsewhere (the portal, another tool) becomes a private offer record with its rates,
 * installments and buyers, matched by its offer id, so importing twice updates the same record.
 */
@Component
public class ImportOfferAction implements RequestAction {

    private final MarketplaceCatalog catalog;
    private final SalesforceRecords salesforce;
    private final RequestInput input;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    public ImportOfferAction(MarketplaceCatalog catalog, SalesforceRecords salesforce, RequestInput input,
                             Clock clock) {
        this.catalog = catalog;
        this.salesforce = salesforce;
        this.input = input;
        this.clock = clock;
    }

    @Override
    public String action() {
        return "IMPORT_OFFER";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(RequestFields.SELLER_ACCOUNT);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        String offerId = offerId(request);
        MarketplaceCatalog.DescribedEntity described = catalog.describe(request.sellerAccountId(), offerId);
        JsonNode details = described.details();
        String productId = details.path("ProductId").asText(null);
        var products = productId == null ? List.<com.fasterxml.jackson.databind.node.ObjectNode>of()
                : salesforce.query("SELECT Id, Product_Type__c FROM MP_Product__c WHERE Product_Id__c = "
                + Soql.quote(productId) + " AND Seller_Account__c = " + Soql.quote(request.sellerAccountRecordId()));
        String productRecord = products.isEmpty() ? null : products.get(0).path("Id").asText();
        String productType = products.isEmpty() ? null : products.get(0).path("Product_Type__c").asText(null);
        PrivateOffer offer = OfferDetails.fromDescribeEntity(offerId, details, null, productType);

        Map<String, Object> record = new LinkedHashMap<>();
        String name = offer.name() == null ? offerId : offer.name();
        record.put("Offer_Id__c", offerId);
        record.put("Name", name.length() > 80 ? name.substring(0, 80) : name);
        record.put("Offer_Name__c", offer.name());
        record.put("Description__c", offer.description());
        // A channel partner offer names the resale authorization it is made on; it links to the shared record when
        // that is synced, else Refresh Shared Resale Authorizations links it later by the id.
        String resaleAuthorizationId = details.path("ResaleAuthorizationId").asText(null);
        String sharedRecord = resaleAuthorizationId == null ? null
                : sharedAuthorization(resaleAuthorizationId, request.sellerAccountRecordId());
        record.put("Offer_Type__c", resaleAuthorizationId == null ? OfferOrigin.Type.DIRECT.label()
                : OfferOrigin.Type.CHANNEL_PARTNER.label());
        if (resaleAuthorizationId != null) {
            record.put(OfferFields.OFFER_RESALE_AUTHORIZATION_ID.name(), resaleAuthorizationId);
        }
        if (sharedRecord != null) {
            record.put(OfferFields.SHARED_RESALE_AUTHORIZATION.name(), sharedRecord);
        }
        record.put("Seller_Account__c", request.sellerAccountRecordId());
        record.put("Product__c", productRecord);
        record.put("Buyer_Accounts__c", String.join(",", offer.buyerAccounts()));
        record.put("Pricing_Model__c", offer.pricingModel());
        record.put("Currency__c", offer.currency());
        record.put("Service_Length__c", offer.serviceLength());
        record.put("Service_Start_Date__c", text(offer.serviceStart()));
        record.put("Service_End_Date__c", text(offer.serviceEnd()));
        record.put("Expiration_Date__c", text(offer.expirationDate()));
        record.put("Zero_Dollar_Pricing__c", offer.zeroDollar());
        record.put("Installments_Enabled__c", offer.installmentsEnabled());
        record.put("Tiered_Pricing__c", offer.tiered());
        record.put("EULA_Type__c", offer.eulaType());
        record.put("EULA_Url__c", offer.eulaUrl());
        record.put("Renewal__c", offer.renewal());
        record.put("Renewal_Acquisition_Channel__c", offer.renewalAcquisitionChannel());
        record.put("Renewal_Pricing_Model__c", offer.renewalPricingModel());
        // As Refresh Offer Status and the tracker map it: an offer past its expiration date is never Released.
        String status = OfferStatus.ofEntity(details, described.lastModified(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        record.put("Status__c", status);
        if (!OfferStatus.DRAFT.equals(status) && productId != null) {
            record.put("Offer_URL__c", "https://aws.amazon.com/marketplace/procurement?productId=" + productId
                    + "&offerId=" + offerId);
        }
        var written = salesforce.upsertAll(OfferFields.OFFER, "Offer_Id__c", List.of(record)).get(0);
        if (!written.success()) {
            throw new RequestRejected("Salesforce did not take the imported offer " + offerId + ": "
                    + String.join("; ", written.errors()));
        }
        if (written.created()) {
            // The seller who imported it owns the new record, so that they see it (offers are Private); importing
            // it again later keeps its owner.
            salesforce.update(OfferFields.OFFER, written.id(), Map.of("OwnerId", request.requestedBy()));
        }
        replaceChildren(written.id(), offer);
        return (written.created() ? "Imported" : "Updated") + " offer " + offerId + " as record " + written.id()
                + " with " + offer.dimensions().size() + " rates and " + offer.schedule().size() + " installments"
                + (resaleAuthorizationId != null && sharedRecord == null ? "; its resale authorization "
                + resaleAuthorizationId + " is not synced yet: refresh shared resale authorizations, which links it."
                : productRecord == null && resaleAuthorizationId == null ? "; its product " + productId
                + " is not synced yet: refresh products." : ".");
    }

    /** The seller account's shared resale authorization record with this AWS id, or null when it is not synced. */
    private String sharedAuthorization(String resaleAuthorizationId, String sellerAccountRecordId) {
        List<com.fasterxml.jackson.databind.node.ObjectNode> found = salesforce.query("SELECT Id FROM "
                + SharedResaleAuthorizationFields.SHARED + " WHERE " + SharedResaleAuthorizationFields.ID_FIELD + " = "
                + Soql.quote(resaleAuthorizationId) + " AND " + SharedResaleAuthorizationFields.SELLER + " = "
                + Soql.quote(sellerAccountRecordId));
        return found.isEmpty() ? null : found.get(0).path("Id").asText();
    }

    /**
     * Replaces the offer's rates and installments with AWS's, in one transaction, until the record shows exactly
     * them. Imports of one offer run one at a time here ({@link #subjects}); one made meanwhile on another replica (a
     * leader handover) may delete the same rows first (ENTITY_IS_DELETED, and nothing of this transaction is made)
     * or add its own beside these: each round reads the rows again, and a record that already shows AWS's rows is
     * left as it is, so the imports agree instead of failing or doubling the rows.
     */
    private void replaceChildren(String offerRecord, PrivateOffer offer) {
        List<Map<String, Object>> rates = new ArrayList<>();
        for (OfferDimension dimension : offer.dimensions()) {
            Map<String, Object> rate = new LinkedHashMap<>();
            rate.put("Private_Offer__c", offerRecord);
            rate.put("Name", dimension.key().length() > 80 ? dimension.key().substring(0, 80) : dimension.key());
            rate.put("Dimension_Key__c", dimension.key());
            rate.put("Rate__c", dimension.rate());
            rate.put("Rate_Kind__c", dimension.rateKind());
            rate.put("Quantity__c", dimension.quantity());
            rates.add(rate);
        }
        List<Map<String, Object>> installments = new ArrayList<>();
        int number = 1;
        for (ScheduledCharge charge : offer.schedule()) {
            installments.add(Map.of("Private_Offer__c", offerRecord, "Charge_Date__c", charge.chargeDate().toString(),
                    "Charge_Amount__c", charge.amount(), "Currency__c", String.valueOf(offer.currency()),
                    "Installment_Number__c", number++));
        }
        List<String> wanted = rows(rates, installments);
        for (int round = 1; ; round++) {
            ObjectNode current = salesforce.query("SELECT Id, (SELECT Id, " + String.join(", ", RATE_FIELDS)
                    + " FROM " + OfferRecords.RATES + "), (SELECT Id, " + String.join(", ", INSTALLMENT_FIELDS)
                    + " FROM " + OfferRecords.INSTALLMENTS + ") FROM " + OfferFields.OFFER + " WHERE Id = "
                    + Soql.quote(offerRecord)).get(0);
            List<ObjectNode> shown = new ArrayList<>(children(current, OfferRecords.RATES, OfferFields.RATE,
                    RATE_FIELDS, offerRecord));
            shown.addAll(children(current, OfferRecords.INSTALLMENTS, OfferFields.INSTALLMENT, INSTALLMENT_FIELDS,
                    offerRecord));
            if (rows(shown, null).equals(wanted)) {
                return;
            }
            List<String> old = shown.stream().map(r -> r.path("Id").asText()).toList();
            try {
                // One transaction: the record never shows half of the old rates and installments, or none.
                salesforce.write(salesforce.allOrNone().deleteAll(old).createAll(OfferFields.RATE, rates)
                        .createAll(OfferFields.INSTALLMENT, installments));
            } catch (SalesforceRejected refused) {
                boolean raced = refused.errors().stream().anyMatch(e -> "ENTITY_IS_DELETED".equals(e.errorCode()));
                if (!raced || round >= RACES) {
                    throw refused;
                }
            }
        }
    }

    private static final int RACES = 5;
    private static final List<String> RATE_FIELDS = List.of("Name", "Dimension_Key__c", "Rate__c", "Rate_Kind__c",
            "Quantity__c");
    private static final List<String> INSTALLMENT_FIELDS = List.of("Charge_Date__c", "Charge_Amount__c",
            "Currency__c", "Installment_Number__c");

    /** The rows under a relationship of the record, read on their own when the record came without all of them. */
    private List<ObjectNode> children(ObjectNode record, String relationship, String sobject, List<String> fields,
                                      String offerRecord) {
        JsonNode nested = record.get(relationship);
        if (nested != null && !nested.isNull() && !nested.path("done").asBoolean(false)) {
            return salesforce.query("SELECT Id, " + String.join(", ", fields) + " FROM " + sobject
                    + " WHERE Private_Offer__c = " + Soql.quote(offerRecord));
        }
        List<ObjectNode> rows = new ArrayList<>();
        if (nested != null) {
            nested.path("records").forEach(r -> rows.add((ObjectNode) r));
        }
        return rows;
    }

    /** The rows' values (rates, then installments), each a line, sorted: equal when the record shows the same rows. */
    private List<String> rows(List<? extends Object> rates, List<Map<String, Object>> installments) {
        List<String> lines = new ArrayList<>();
        List<Object> all = new ArrayList<>(rates);
        if (installments != null) {
            all.addAll(installments);
        }
        for (Object row : all) {
            JsonNode values = row instanceof JsonNode node ? node : json.valueToTree(row);
            boolean rate = values.has("Dimension_Key__c");
            StringBuilder line = new StringBuilder(rate ? "rate" : "installment");
            for (String field : rate ? RATE_FIELDS : INSTALLMENT_FIELDS) {
                JsonNode value = values.path(field);
                line.append('|').append(value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString()
                        : value.isMissingNode() || value.isNull() ? "" : value.asText());
            }
            lines.add(line.toString());
        }
        java.util.Collections.sort(lines);
        return lines;
    }

    /** Imports of one AWS offer run one at a time, whatever record (or none) their requests were made on. */
    @Override
    public List<String> subjects(MarketplaceRequest request) {
        String id = input.text(request, "offerId");
        return id == null ? List.of() : List.of("AWS offer " + request.sellerAccountId() + " " + id);
    }

    private String offerId(MarketplaceRequest request) {
        String id = input.text(request, "offerId");
        if (id == null || !id.matches("[a-zA-Z0-9][.a-zA-Z0-9/-]{0,253}[a-zA-Z0-9]")) {
            throw new RequestRejected(List.of(new FieldProblem("offerId", "Give the id of the offer to import, as AWS"
                    + " Marketplace shows it (for example offer-abcdefghij123)" + (id == null ? "." : "; \"" + id
                    + "\" is not one."))));
        }
        return id;
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
