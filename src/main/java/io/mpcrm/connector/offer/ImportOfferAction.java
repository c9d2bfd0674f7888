package io.mpcrm.connector.offer;

import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.fields.ProductFields;
import io.mpcrm.connector.terms.OfferDimension;
import io.mpcrm.connector.terms.ScheduledCharge;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.marketplace.MarketplaceCatalog;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.request.RequestInput;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.fields.SharedResaleAuthorizationFields;
import io.mpcrm.connector.salesforce.SObjectField;
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
                : salesforce.query("SELECT Id, " + ProductFields.PRODUCT_TYPE + " FROM "
                + ProductFields.PRODUCT + " WHERE " + ProductFields.PRODUCT_ID + " = " + Soql.quote(productId)
                + " AND " + ProductFields.SELLER + " = " + Soql.quote(request.sellerAccountRecordId()));
        String productRecord = products.isEmpty() ? null : products.get(0).path("Id").asText();
        String productType = products.isEmpty() ? null
                : products.get(0).path(ProductFields.PRODUCT_TYPE.name()).asText(null);
        PrivateOffer offer = OfferDetails.fromDescribeEntity(offerId, details, null, productType);

        Map<String, Object> record = new LinkedHashMap<>();
        String name = offer.name() == null ? offerId : offer.name();
        record.put(OfferFields.OFFER_ID.name(), offerId);
        record.put("Name", name.length() > 80 ? name.substring(0, 80) : name);
        record.put(OfferFields.OFFER_NAME.name(), offer.name());
        record.put(OfferFields.DESCRIPTION.name(), offer.description());
        // A channel partner offer names the resale authorization it is made on; it links to the shared record when
        // that is synced, else Refresh Shared Resale Authorizations links it later by the id.
        String resaleAuthorizationId = details.path("ResaleAuthorizationId").asText(null);
        String sharedRecord = resaleAuthorizationId == null ? null
                : sharedAuthorization(resaleAuthorizationId, request.sellerAccountRecordId());
        record.put(OfferFields.OFFER_TYPE.name(), resaleAuthorizationId == null ? OfferOrigin.Type.DIRECT.label()
                : OfferOrigin.Type.CHANNEL_PARTNER.label());
        if (resaleAuthorizationId != null) {
            record.put(OfferFields.OFFER_RESALE_AUTHORIZATION_ID.name(), resaleAuthorizationId);
        }
        if (sharedRecord != null) {
            record.put(OfferFields.SHARED_RESALE_AUTHORIZATION.name(), sharedRecord);
        }
        record.put(OfferFields.SELLER.name(), request.sellerAccountRecordId());
        record.put(OfferFields.PRODUCT.name(), productRecord);
        record.put(OfferFields.BUYER_ACCOUNTS.name(), String.join(",", offer.buyerAccounts()));
        record.put(OfferFields.PRICING_MODEL.name(), offer.pricingModel());
        record.put(OfferFields.CURRENCY_CODE.name(), offer.currency());
        record.put(OfferFields.SERVICE_LENGTH.name(), offer.serviceLength());
        record.put(OfferFields.SERVICE_START.name(), text(offer.serviceStart()));
        record.put(OfferFields.SERVICE_END.name(), text(offer.serviceEnd()));
        record.put(OfferFields.EXPIRATION.name(), text(offer.expirationDate()));
        record.put(OfferFields.ZERO_DOLLAR.name(), offer.zeroDollar());
        record.put(OfferFields.INSTALLMENTS_ENABLED.name(), offer.installmentsEnabled());
        record.put(OfferFields.TIERED.name(), offer.tiered());
        record.put(OfferFields.EULA_TYPE.name(), offer.eulaType());
        record.put(OfferFields.EULA_URL.name(), offer.eulaUrl());
        record.put(OfferFields.RENEWAL.name(), offer.renewal());
        record.put(OfferFields.RENEWAL_CHANNEL.name(), offer.renewalAcquisitionChannel());
        record.put(OfferFields.RENEWAL_PRICING.name(), offer.renewalPricingModel());
        // As Refresh Offer Status and the tracker map it: an offer past its expiration date is never Released.
        String status = OfferStatus.ofEntity(details, described.lastModified(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        record.put(OfferFields.STATUS.name(), status);
        if (!OfferStatus.DRAFT.equals(status) && productId != null) {
            record.put(OfferFields.OFFER_URL.name(), "https://aws.amazon.com/marketplace/procurement?productId="
                    + productId
                    + "&offerId=" + offerId);
        }
        var written = salesforce.upsertAll(OfferFields.OFFER, OfferFields.OFFER_ID.name(), List.of(record)).get(0);
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
            rate.put(OfferFields.RATE_OFFER.name(), offerRecord);
            rate.put("Name", dimension.key().length() > 80 ? dimension.key().substring(0, 80) : dimension.key());
            rate.put(OfferFields.RATE_KEY.name(), dimension.key());
            rate.put(OfferFields.RATE_VALUE.name(), dimension.rate());
            rate.put(OfferFields.RATE_KIND.name(), dimension.rateKind());
            rate.put(OfferFields.RATE_QUANTITY.name(), dimension.quantity());
            rates.add(rate);
        }
        List<Map<String, Object>> installments = new ArrayList<>();
        int number = 1;
        for (ScheduledCharge charge : offer.schedule()) {
            installments.add(Map.of(OfferFields.INSTALLMENT_OFFER.name(), offerRecord, OfferFields.CHARGE_DATE.name(),
                    charge.chargeDate().toString(), OfferFields.CHARGE_AMOUNT.name(), charge.amount(),
                    OfferFields.CHARGE_CURRENCY.name(), String.valueOf(offer.currency()),
                    OfferFields.INSTALLMENT_NUMBER.name(), number++));
        }
        List<String> wanted = rows(rates, installments);
        for (int round = 1; ; round++) {
            ObjectNode current = salesforce.query("SELECT Id, (SELECT Id, " + String.join(", ", RATE_FIELDS)
                    + " FROM " + OfferRecords.RATES + "), (SELECT Id, " + String.join(", ", INSTALLMENT_FIELDS)
                    + " FROM " + OfferRecords.INSTALLMENTS + ") FROM " + OfferFields.OFFER + " WHERE Id = "
                    + Soql.quote(offerRecord)).get(0);
            List<ObjectNode> shown = new ArrayList<>(children(current, OfferRecords.RATES, OfferFields.RATE,
                    RATE_FIELDS, OfferFields.RATE_OFFER, offerRecord));
            shown.addAll(children(current, OfferRecords.INSTALLMENTS, OfferFields.INSTALLMENT, INSTALLMENT_FIELDS,
                    OfferFields.INSTALLMENT_OFFER, offerRecord));
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
    private static final List<String> RATE_FIELDS = SObjectField.names(OfferFields.RATE_NAME, OfferFields.RATE_KEY,
            OfferFields.RATE_VALUE, OfferFields.RATE_KIND, OfferFields.RATE_QUANTITY);
    private static final List<String> INSTALLMENT_FIELDS = SObjectField.names(OfferFields.CHARGE_DATE,
            OfferFields.CHARGE_AMOUNT, OfferFields.CHARGE_CURRENCY, OfferFields.INSTALLMENT_NUMBER);

    /** The rows under a relationship of the record, read on their own when the record came without all of them. */
    private List<ObjectNode> children(ObjectNode record, String relationship, String sobject, List<String> fields,
                                      SObjectField parent, String offerRecord) {
        JsonNode nested = record.get(relationship);
        if (nested != null && !nested.isNull() && !nested.path("done").asBoolean(false)) {
            return salesforce.query("SELECT Id, " + String.join(", ", fields) + " FROM " + sobject
                    + " WHERE " + parent + " = " + Soql.quote(offerRecord));
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
            boolean rate = values.has(OfferFields.RATE_KEY.name());
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
