package io.mpcrm.connector.sharedresale;

import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.BUYER_ACCOUNTS;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.CURRENCY_CODE;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.EXPIRATION;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.ID_FIELD;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.ISV_ACCOUNT;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.ISV_NAME;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.LEGAL_TERMS;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.MAXIMUM_START;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.NAME;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.OFFERS_CREATED;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.OFFER_STATUS;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.PRICING_MODEL;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.PRODUCT_ID;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.PRODUCT_NAME;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.SELLER;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.SHARED;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.STATUS;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.USAGE;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.WHOLESALE_RATES;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SObjectField;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The shared resale authorizations a channel partner's seller account already has in Salesforce, with the fields the
 * sync writes, so that the sync writes only those that changed (as the agreement refresh does).
 * {@code Last_Synced_At__c} is left out: it changes on every sync, and it alone is no reason to write. A field the
 * sync leaves out of a row (AWS did not say, so the record keeps what it holds) is not compared either.
 */
public final class SyncedSharedResaleAuthorizations {

    static final List<SObjectField> COMPARED = List.of(NAME, ISV_ACCOUNT, ISV_NAME, PRODUCT_ID, PRODUCT_NAME,
            PRICING_MODEL, CURRENCY_CODE, WHOLESALE_RATES, LEGAL_TERMS, USAGE, EXPIRATION, STATUS, BUYER_ACCOUNTS,
            MAXIMUM_START, OFFERS_CREATED, OFFER_STATUS);

    private final Map<String, Map<String, Object>> held;
    private final Map<String, String> recordIds;

    private SyncedSharedResaleAuthorizations(Map<String, Map<String, Object>> held, Map<String, String> recordIds) {
        this.held = held;
        this.recordIds = recordIds;
    }

    public static SyncedSharedResaleAuthorizations of(SalesforceRecords salesforce, String sellerAccountRecordId) {
        Map<String, Map<String, Object>> known = new HashMap<>();
        Map<String, String> recordIds = new HashMap<>();
        String fields = COMPARED.stream().map(SObjectField::name).collect(Collectors.joining(", "));
        salesforce.query("SELECT Id, " + ID_FIELD + ", " + fields + " FROM " + SHARED + " WHERE " + SELLER + " = "
                        + Soql.quote(sellerAccountRecordId))
                .forEach(r -> {
                    Map<String, Object> values = new HashMap<>();
                    COMPARED.forEach(field -> values.put(field.name(), value(r.get(field.name()))));
                    known.put(FieldValues.text(r, ID_FIELD), values);
                    recordIds.put(FieldValues.text(r, ID_FIELD), r.path("Id").asText());
                });
        return new SyncedSharedResaleAuthorizations(known, recordIds);
    }

    /** The records already in Salesforce, by resale authorization id. */
    public Map<String, String> recordIds() {
        return recordIds;
    }

    /** Whether Salesforce already holds the row as the sync would write it. */
    public boolean unchanged(Map<String, Object> row) {
        Map<String, Object> values = held.get((String) row.get(ID_FIELD.name()));
        return values != null && same(row, values::get);
    }

    /** Whether a record (its values by field name) holds every compared field the row writes. */
    static boolean same(Map<String, Object> row, Function<String, Object> record) {
        return fingerprint(row::get, row::containsKey).equals(fingerprint(record, row::containsKey));
    }

    /** The compared values in a fixed order; numbers by value (Salesforce reads 3 back as 3.0), empty as null. */
    static String fingerprint(Function<String, Object> values) {
        return fingerprint(values, name -> true);
    }

    private static String fingerprint(Function<String, Object> values, Predicate<String> compared) {
        StringBuilder text = new StringBuilder();
        for (SObjectField field : COMPARED) {
            if (!compared.test(field.name())) {
                continue;
            }
            Object value = values.apply(field.name());
            String normal = value instanceof Number number
                    ? new BigDecimal(number.toString()).stripTrailingZeros().toPlainString()
                    : value == null || value.toString().isEmpty() ? "\u2400" : value.toString();
            text.append(normal).append('\u0000');
        }
        return text.toString();
    }

    static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isNumber() ? node.decimalValue() : node.asText();
    }
}
