package io.mpcrm.connector.resale;

import static io.mpcrm.connector.salesforce.FieldValues.date;
import static io.mpcrm.connector.salesforce.FieldValues.decimal;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.AUTHORIZATION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.AUTHORIZATION_ID;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.BUYER_ACCOUNTS;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.BUYER_EULA_DOCUMENT;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.BUYER_EULA_TYPE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.BUYER_EULA_URL;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CHANGE_SET_ID;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CHARGE_AMOUNT;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CHARGE_DATE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CONTRACT_DOCUMENT;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CONTRACT_TYPE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CONTRACT_URL;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CURRENCY_CODE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.DESCRIPTION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.EXPIRATION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.INSTALLMENT;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.INSTALLMENTS_ENABLED;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.INSTALLMENT_AUTHORIZATION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.MAX_AGREEMENT_START;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.NAME;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.PRICING_MODEL;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.PRODUCT;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE_AUTHORIZATION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE_KEY;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE_KIND;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE_QUANTITY;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE_VALUE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RENEWAL;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RENEWAL_CHANNEL;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RENEWAL_PRICING;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RESELLER;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.SELLER;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.SERVICE_LENGTH;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.STATUS;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.USAGE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.ZERO_DOLLAR;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.fields.ProductFields;
import io.mpcrm.connector.offer.OfferProduct;
import io.mpcrm.connector.offer.OfferRecords;
import io.mpcrm.connector.terms.ScheduledCharge;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A resale authorization as it is in Salesforce: the record, its wholesale rates and installments, its product. */
@Component
public class ResaleAuthorizationRecords {

    static final String FIELDS = String.join(", ", "Id", SELLER.name(),
            SELLER.path(RequestFields.SELLER_ACCOUNT_ID), PRODUCT.name(),
            PRODUCT.relationship() + "." + ProductFields.PRODUCT_ID.name(),
            PRODUCT.relationship() + "." + ProductFields.PRODUCT_TYPE.name(),
            PRODUCT.relationship() + "." + ProductFields.VISIBILITY.name(), NAME.name(), AUTHORIZATION_ID.name(),
            DESCRIPTION.name(), STATUS.name(), CHANGE_SET_ID.name(), RESELLER.name(), BUYER_ACCOUNTS.name(),
            PRICING_MODEL.name(), CURRENCY_CODE.name(), SERVICE_LENGTH.name(), USAGE.name(), EXPIRATION.name(),
            MAX_AGREEMENT_START.name(), ZERO_DOLLAR.name(), INSTALLMENTS_ENABLED.name(), BUYER_EULA_TYPE.name(),
            BUYER_EULA_DOCUMENT.name(), BUYER_EULA_URL.name(), CONTRACT_TYPE.name(), CONTRACT_DOCUMENT.name(),
            CONTRACT_URL.name(), RENEWAL.name(), RENEWAL_CHANNEL.name(), RENEWAL_PRICING.name());

    private final SalesforceRecords salesforce;
    private final OfferRecords offers;

    public ResaleAuthorizationRecords(SalesforceRecords salesforce, OfferRecords offers) {
        this.salesforce = salesforce;
        this.offers = offers;
    }

    /** The record, or a rejection when the request's target is not a resale authorization of that seller account. */
    public ObjectNode record(String recordId, String sellerAccountRecordId) {
        List<ObjectNode> found = salesforce.query("SELECT " + FIELDS + " FROM " + AUTHORIZATION + " WHERE Id = "
                + Soql.quote(recordId));
        if (found.isEmpty()) {
            throw new RequestRejected(List.of(new FieldProblem(RequestFields.TARGET_RECORD_ID.name(),
                    "Record " + recordId + " is not a resale authorization, or it was deleted.")));
        }
        if (!FieldValues.sameRecord(FieldValues.text(found.get(0), SELLER), sellerAccountRecordId)) {
            throw new RequestRejected(List.of(new FieldProblem(SELLER.name(), "The resale authorization belongs to"
                    + " a different seller account than the request. Create the request from the record itself.")));
        }
        return found.get(0);
    }

    /** The authorization as the validator and the change-set builder read it. */
    public ResaleAuthorization authorization(ObjectNode record) {
        String id = record.path("Id").asText();
        List<WholesaleRate> rates = salesforce.query("SELECT " + RATE_KEY + ", " + RATE_VALUE + ", " + RATE_KIND
                        + ", " + RATE_QUANTITY + " FROM " + RATE + " WHERE " + RATE_AUTHORIZATION + " = "
                        + Soql.quote(id) + " ORDER BY " + RATE_KEY).stream()
                .map(r -> new WholesaleRate(FieldValues.text(r, RATE_KEY), decimal(r, RATE_VALUE.name()),
                        FieldValues.text(r, RATE_KIND), r.path(RATE_QUANTITY.name()).isNumber()
                        ? r.path(RATE_QUANTITY.name()).asInt() : null))
                .toList();
        List<ScheduledCharge> schedule = salesforce.query("SELECT " + CHARGE_DATE + ", " + CHARGE_AMOUNT + " FROM "
                        + INSTALLMENT + " WHERE " + INSTALLMENT_AUTHORIZATION + " = " + Soql.quote(id) + " ORDER BY "
                        + CHARGE_DATE).stream()
                .map(r -> new ScheduledCharge(date(r, CHARGE_DATE.name()), decimal(r, CHARGE_AMOUNT.name())))
                .toList();
        return new ResaleAuthorization(id, FieldValues.text(record, AUTHORIZATION_ID), FieldValues.text(record, NAME),
                FieldValues.text(record, DESCRIPTION), product(record).productId(), FieldValues.text(record, RESELLER),
                accounts(FieldValues.text(record, BUYER_ACCOUNTS)), FieldValues.text(record, PRICING_MODEL),
                FieldValues.text(record, CURRENCY_CODE), FieldValues.text(record, SERVICE_LENGTH),
                FieldValues.text(record, USAGE), date(record, EXPIRATION.name()),
                date(record, MAX_AGREEMENT_START.name()), record.path(ZERO_DOLLAR.name()).asBoolean(false),
                record.path(INSTALLMENTS_ENABLED.name()).asBoolean(false), FieldValues.text(record, BUYER_EULA_TYPE),
                FieldValues.text(record, BUYER_EULA_DOCUMENT) != null, null, FieldValues.text(record, CONTRACT_TYPE),
                FieldValues.text(record, CONTRACT_DOCUMENT) != null, null,
                record.path(RENEWAL.name()).asBoolean(false), FieldValues.text(record, RENEWAL_CHANNEL),
                FieldValues.text(record, RENEWAL_PRICING), rates, schedule);
    }

    /** The product with the dimensions the product sync brought in; the offer's reading of it serves as is. */
    public OfferProduct product(ObjectNode record) {
        return offers.product(record);
    }

    /** Writes what the Marketplace said about the authorization; a null value clears the field. */
    public void write(String recordId, Map<String, Object> fields) {
        salesforce.update(AUTHORIZATION, recordId, fields);
    }

    static List<String> accounts(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
