package io.mpcrm.connector.offer;

import io.mpcrm.connector.fields.AgreementFields;
import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.fields.ProductFields;
import io.mpcrm.connector.terms.OfferDimension;
import io.mpcrm.connector.terms.ScheduledCharge;
import static io.mpcrm.connector.salesforce.FieldValues.date;
import static io.mpcrm.connector.salesforce.FieldValues.decimal;
import static io.mpcrm.connector.fields.OfferFields.BUYER_ACCOUNTS;
import static io.mpcrm.connector.fields.OfferFields.CHANGE_SET_ID;
import static io.mpcrm.connector.fields.OfferFields.CHARGE_AMOUNT;
import static io.mpcrm.connector.fields.OfferFields.CHARGE_DATE;
import static io.mpcrm.connector.fields.OfferFields.CURRENCY_CODE;
import static io.mpcrm.connector.fields.OfferFields.DESCRIPTION;
import static io.mpcrm.connector.fields.ProductFields.DIMENSION_KEY;
import static io.mpcrm.connector.fields.ProductFields.DIMENSION_PRODUCT;
import static io.mpcrm.connector.fields.OfferFields.EULA_DOCUMENT;
import static io.mpcrm.connector.fields.OfferFields.EULA_TYPE;
import static io.mpcrm.connector.fields.OfferFields.EULA_URL;
import static io.mpcrm.connector.fields.OfferFields.EXPIRATION;
import static io.mpcrm.connector.fields.OfferFields.INSTALLMENT;
import static io.mpcrm.connector.fields.OfferFields.INSTALLMENTS_ENABLED;
import static io.mpcrm.connector.fields.OfferFields.INSTALLMENT_OFFER;
import static io.mpcrm.connector.fields.OfferFields.OFFER;
import static io.mpcrm.connector.fields.OfferFields.OFFER_ID;
import static io.mpcrm.connector.fields.OfferFields.OFFER_NAME;
import static io.mpcrm.connector.fields.OfferFields.PRICING_MODEL;
import static io.mpcrm.connector.fields.OfferFields.PRODUCT;
import static io.mpcrm.connector.fields.ProductFields.PRODUCT_ID;
import static io.mpcrm.connector.fields.ProductFields.PRODUCT_TYPE;
import static io.mpcrm.connector.fields.OfferFields.RATE;
import static io.mpcrm.connector.fields.OfferFields.RATE_KEY;
import static io.mpcrm.connector.fields.OfferFields.RATE_KIND;
import static io.mpcrm.connector.fields.OfferFields.RATE_OFFER;
import static io.mpcrm.connector.fields.OfferFields.RATE_QUANTITY;
import static io.mpcrm.connector.fields.OfferFields.RATE_VALUE;
import static io.mpcrm.connector.fields.OfferFields.RENEWAL;
import static io.mpcrm.connector.fields.OfferFields.RENEWAL_CHANNEL;
import static io.mpcrm.connector.fields.OfferFields.RENEWAL_PRICING;
import static io.mpcrm.connector.fields.OfferFields.SELLER;
import static io.mpcrm.connector.fields.OfferFields.SERVICE_END;
import static io.mpcrm.connector.fields.OfferFields.SERVICE_LENGTH;
import static io.mpcrm.connector.fields.OfferFields.SERVICE_START;
import static io.mpcrm.connector.fields.OfferFields.STATUS;
import static io.mpcrm.connector.fields.OfferFields.ZERO_DOLLAR;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.fields.SharedResaleAuthorizationFields;
import io.mpcrm.connector.request.TargetRecordError;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A private offer as it is in Salesforce: the record, its rates and installments, and its synced product. */
@Component
public class OfferRecords {

    /** A channel partner's org need not sync the ISV's product: the authorization names it. */
    static final String CHANNEL_PARTNER_PRODUCT = OfferFields.SHARED_RESALE_AUTHORIZATION.relationship() + "."
            + SharedResaleAuthorizationFields.PRODUCT_ID.name();

    /** Whether the shared resale authorization a channel partner offer is made on is One-time or Multi-use. */
    static final String SHARED_AUTHORIZATION_USAGE = OfferFields.SHARED_RESALE_AUTHORIZATION.relationship() + "."
            + SharedResaleAuthorizationFields.USAGE.name();

    /** The AWS account of the seller account the offer's product was synced for. */
    static final String PRODUCT_SELLER_ACCOUNT_ID = PRODUCT.relationship() + "."
            + ProductFields.SELLER.relationship() + "." + RequestFields.SELLER_ACCOUNT_ID.name();

    private static final String OFFER_FIELDS = String.join(", ", "Id", SELLER.name(), PRODUCT.name(),
            PRODUCT.relationship() + "." + PRODUCT_ID.name(), PRODUCT.relationship() + "." + PRODUCT_TYPE.name(),
            PRODUCT.relationship() + "." + ProductFields.VISIBILITY.name(), PRODUCT_SELLER_ACCOUNT_ID,
            OFFER_ID.name(), OFFER_NAME.name(), "Name", DESCRIPTION.name(), STATUS.name(), CHANGE_SET_ID.name(),
            BUYER_ACCOUNTS.name(), PRICING_MODEL.name(), CURRENCY_CODE.name(), SERVICE_LENGTH.name(),
            SERVICE_START.name(), SERVICE_END.name(), EXPIRATION.name(), OfferFields.REQUESTED_EXPIRATION.name(),
            ZERO_DOLLAR.name(),
            INSTALLMENTS_ENABLED.name(), EULA_TYPE.name(), EULA_DOCUMENT.name(), EULA_URL.name(), RENEWAL.name(),
            RENEWAL_CHANNEL.name(), RENEWAL_PRICING.name(), OfferFields.TIERED.name(), OfferFields.OFFER_TYPE.name(),
            OfferFields.AGREEMENT.name(), OfferFields.AGREEMENT.path(AgreementFields.AGREEMENT_ID),
            OfferFields.SHARED_RESALE_AUTHORIZATION.name(),
            OfferFields.SHARED_RESALE_AUTHORIZATION.path(SharedResaleAuthorizationFields.ID_FIELD),
            CHANNEL_PARTNER_PRODUCT, SHARED_AUTHORIZATION_USAGE,
            OfferFields.MARKUP.name(), OfferFields.CONFIRM_SECOND_OFFER.name(),
            OfferFields.RESELLER_CONTRACT_ACCEPTED.name(), OfferFields.OFFER_URL.name(),
            OfferFields.LAST_ERROR.name());

    /** The child relationships (metadata relationshipName + __r) read with the offer: its rates and installments. */
    static final String RATES = OfferFields.RATES;
    static final String INSTALLMENTS = OfferFields.INSTALLMENTS;
    private static final String RATE_FIELDS = RATE_KEY + ", " + RATE_VALUE + ", " + RATE_KIND + ", " + RATE_QUANTITY;
    private static final String INSTALLMENT_FIELDS = CHARGE_DATE + ", " + CHARGE_AMOUNT;
    /** One query for the offer and its children, instead of one for each. */
    private static final String OFFER_WITH_CHILDREN = OFFER_FIELDS
            + ", (SELECT " + RATE_FIELDS + " FROM " + RATES + " ORDER BY " + RATE_KEY + ")"
            + ", (SELECT " + INSTALLMENT_FIELDS + " FROM " + INSTALLMENTS + " ORDER BY " + CHARGE_DATE + ")";

    private final SalesforceRecords salesforce;
    private final TargetRecordError targetError;

    public OfferRecords(SalesforceRecords salesforce, TargetRecordError targetError) {
        this.salesforce = salesforce;
        this.targetError = targetError;
    }

    /** The offer record, or a rejection when the request's target is not an offer of that seller account. */
    public ObjectNode record(String offerRecordId, String sellerAccountRecordId) {
        List<ObjectNode> found = salesforce.query("SELECT " + OFFER_WITH_CHILDREN + " FROM " + OFFER + " WHERE Id = "
                + Soql.quote(offerRecordId));
        if (found.isEmpty()) {
            throw new RequestRejected(List.of(new FieldProblem(RequestFields.TARGET_RECORD_ID.name(),
                    "Record " + offerRecordId + " is not a private offer, or it was deleted.")));
        }
        String seller = FieldValues.text(found.get(0), SELLER);
        if (!FieldValues.sameRecord(seller, sellerAccountRecordId)) {
            throw new RequestRejected(List.of(new FieldProblem(SELLER.name(), "The offer belongs to a different"
                    + " seller account than the request. Create the request from the offer itself.")));
        }
        // Read with the offer, so that a request that succeeds does not clear an error that is not there.
        targetError.read(offerRecordId, FieldValues.text(found.get(0), OfferFields.LAST_ERROR));
        return found.get(0);
    }

    /** The offer as the validator and the change-set builder read it. */
    public PrivateOffer offer(ObjectNode record, String eulaUrl) {
        String id = record.path("Id").asText();
        List<OfferDimension> rates = children(record, RATES, "SELECT " + RATE_FIELDS + " FROM " + RATE + " WHERE "
                        + RATE_OFFER + " = " + Soql.quote(id) + " ORDER BY " + RATE_KEY).stream()
                .map(r -> new OfferDimension(FieldValues.text(r, RATE_KEY), decimal(r, RATE_VALUE.name()),
                        FieldValues.text(r, RATE_KIND), r.path(RATE_QUANTITY.name()).isNumber()
                        ? r.path(RATE_QUANTITY.name()).asInt() : null))
                .toList();
        List<ScheduledCharge> schedule = children(record, INSTALLMENTS, "SELECT " + INSTALLMENT_FIELDS + " FROM "
                        + INSTALLMENT + " WHERE " + INSTALLMENT_OFFER + " = " + Soql.quote(id) + " ORDER BY "
                        + CHARGE_DATE).stream()
                .map(r -> new ScheduledCharge(date(r, CHARGE_DATE.name()), decimal(r, CHARGE_AMOUNT.name())))
                .toList();
        return new PrivateOffer(id, FieldValues.text(record, OFFER_ID), buyersSee(record),
                FieldValues.text(record, DESCRIPTION), productIdOf(record), buyers(record),
                FieldValues.text(record, PRICING_MODEL), FieldValues.text(record, CURRENCY_CODE),
                FieldValues.text(record, SERVICE_LENGTH), date(record, SERVICE_START.name()),
                date(record, SERVICE_END.name()), date(record, EXPIRATION.name()),
                record.path(ZERO_DOLLAR.name()).asBoolean(false),
                record.path(INSTALLMENTS_ENABLED.name()).asBoolean(false), FieldValues.text(record, EULA_TYPE),
                eulaUrl, FieldValues.text(record, EULA_DOCUMENT) != null, record.path(RENEWAL.name()).asBoolean(false),
                FieldValues.text(record, RENEWAL_CHANNEL), FieldValues.text(record, RENEWAL_PRICING), rates, schedule,
                record.path(OfferFields.TIERED.name()).asBoolean(false), origin(record));
    }

    /**
     * The offer name buyers see: Offer Name, or the record's Name when Offer Name is empty or only spaces (one rule
     * for both, so that a name of spaces is not refused while an empty one is replaced).
     */
    public static String buyersSee(JsonNode record) {
        String name = FieldValues.text(record, OFFER_NAME);
        return offerNameGiven(record) ? name : FieldValues.text(record, OfferFields.NAME);
    }

    /** Whether Offer Name holds more than spaces, so that buyers see it rather than the record's Name. */
    public static boolean offerNameGiven(JsonNode record) {
        String name = FieldValues.text(record, OFFER_NAME);
        return name != null && !name.isBlank();
    }

    /**
     * The children read with the record (null there when it has none); queried on their own when the record was
     * read without them, or when Salesforce left some for another page.
     */
    private List<ObjectNode> children(ObjectNode record, String relationship, String soql) {
        JsonNode nested = record.get(relationship);
        if (nested == null || (!nested.isNull() && !nested.path("done").asBoolean(false))) {
            return salesforce.query(soql);
        }
        List<ObjectNode> rows = new java.util.ArrayList<>();
        nested.path("records").forEach(r -> rows.add((ObjectNode) r));
        return rows;
    }

    /** What {@link #product} would say the product id is, without reading its dimensions (a Salesforce query). */
    public static String productIdOf(ObjectNode record) {
        JsonNode product = record.path(PRODUCT.relationship());
        return FieldValues.text(record, PRODUCT) == null || product.isMissingNode() || product.isNull()
                ? productId(record) : FieldValues.text(product, PRODUCT_ID);
    }

    /** Direct, agreement-based or channel partner, with the Marketplace ids of what the offer is built on. */
    public static OfferOrigin origin(ObjectNode record) {
        OfferOrigin.Type type;
        try {
            type = OfferOrigin.Type.of(FieldValues.text(record, OfferFields.OFFER_TYPE));
        } catch (IllegalArgumentException unknown) {
            throw new RequestRejected(List.of(new FieldProblem(OfferFields.OFFER_TYPE.name(), unknown.getMessage()
                    + ": choose Direct, Agreement Based, Channel Partner or Channel Partner Agreement Based.")));
        }
        return new OfferOrigin(type,
                FieldValues.text(record.path(OfferFields.AGREEMENT.relationship()), AgreementFields.AGREEMENT_ID),
                FieldValues.text(record.path(OfferFields.SHARED_RESALE_AUTHORIZATION.relationship()),
                        SharedResaleAuthorizationFields.ID_FIELD),
                decimal(record, OfferFields.MARKUP.name()));
    }

    /** The offer's product with the dimensions the product sync brought in. */
    public OfferProduct product(ObjectNode record) {
        JsonNode product = record.path(PRODUCT.relationship());
        String productRecord = FieldValues.text(record, PRODUCT);
        if (productRecord == null || product.isMissingNode() || product.isNull()) {
            return new OfferProduct(productId(record), null, List.of());
        }
        List<ProductDimension> dimensions = salesforce.query("SELECT " + DIMENSION_KEY + ", " + ProductFields.TYPES
                        + " FROM " + ProductFields.DIMENSION + " WHERE " + DIMENSION_PRODUCT + " = "
                        + Soql.quote(productRecord)).stream()
                .map(r -> new ProductDimension(FieldValues.text(r, DIMENSION_KEY), new LinkedHashSet<>(Arrays.asList(
                        String.valueOf(FieldValues.text(r, ProductFields.TYPES)).split(";")))))
                .toList();
        return new OfferProduct(FieldValues.text(product, PRODUCT_ID), FieldValues.text(product, PRODUCT_TYPE),
                dimensions, FieldValues.parentText(product, ProductFields.SELLER, RequestFields.SELLER_ACCOUNT_ID),
                FieldValues.text(product, ProductFields.VISIBILITY));
    }

    /** The offer's Marketplace product id: its synced product's, else its shared resale authorization's. */
    public static String productId(JsonNode record) {
        String synced = FieldValues.text(record.path(PRODUCT.relationship()), PRODUCT_ID);
        return synced != null ? synced : FieldValues.text(
                record.path(OfferFields.SHARED_RESALE_AUTHORIZATION.relationship()),
                SharedResaleAuthorizationFields.PRODUCT_ID);
    }

    /** Writes what the Marketplace said about the offer; a null value clears the field. */
    public void write(String offerRecordId, Map<String, Object> fields) {
        salesforce.update(OFFER, offerRecordId, fields);
    }

    public static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put(keysAndValues[i].toString(), keysAndValues[i + 1]);
        }
        return fields;
    }

    private static List<String> buyers(JsonNode record) {
        String text = FieldValues.text(record, BUYER_ACCOUNTS);
        return text == null ? List.of() : Arrays.stream(text.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
