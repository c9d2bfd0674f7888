package io.mpcrm.connector.resale;

import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.BUYER_ACCOUNTS;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.CURRENCY_CODE;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.EXPIRATION;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.ID_FIELD;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.ISV_ACCOUNT;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.ISV_NAME;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.LEGAL_TERMS;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.MAXIMUM_START;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.NAME;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.OFFERS_CREATED;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.OFFER_STATUS;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.PRICING_MODEL;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.PRODUCT_ID;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.PRODUCT_NAME;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.SELLER;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.SHARED;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.STATUS;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.USAGE;
import static io.mpcrm.connector.resale.SharedResaleAuthorizationFields.WHOLESALE_RATES;

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
import java.util.stream.Collectors;

/**
 * The shared resale authorizations a channel partner's seller account already has in Salesforce, as fingerprints of
 * the fields the sync writes, so that the sync writes only those that changed (as the agreement refresh does).
 * {@code Last_Synced_At__c} is left out: it changes on every sync, and it alone is no reason to write.
 */
final class SyncedSharedResaleAuthorizations {

    static final List<SObjectField> COMPARED = List.of(NAME, ISV_ACCOUNT, ISV_NAME, PRODUCT_ID, PRODUCT_NAME,
            PRICING_MODEL, CURRENCY_CODE, WHOLESALE_RATES, LEGAL_TERMS, USAGE, EXPIRATION, STATUS, BUYER_ACCOUNTS,
            MAXIMUM_START, OFFERS_CREATED, OFFER_STATUS);

    private final Map<String, String> fingerprints;

    private SyncedSharedResaleAuthorizations(Map<String, String> fingerprints) {
        this.fingerprints = fingerprints;
    }

    static SyncedSharedResaleAuthorizations of(SalesforceRecords salesforce, String sellerAccountRecordId) {
        Map<String, String> known = new HashMap<>();
        String fields = COMPARED.stream().map(SObjectField::name).collect(Collectors.joining(", "));
        salesforce.query("SELECT " + ID_FIELD + ", " + fields + " FROM " + SHARED + " WHERE " + SELLER + " = "
                        + Soql.quote(sellerAccountRecordId))
                .forEach(r -> known.put(FieldValues.text(r, ID_FIELD), fingerprint(name -> value(r.get(name)))));
        return new SyncedSharedResaleAuthorizations(known);
    }

    /** Whether Salesforce already holds the row as the sync would write it. */
    boolean unchanged(Map<String, Object> row) {
        String known = fingerprints.get((String) row.get(ID_FIELD.name()));
        return known != null && known.equals(fingerprint(row::get));
    }

    /** The compared values in a fixed order; numbers by value (Salesforce reads 3 back as 3.0), empty as null. */
    static String fingerprint(Function<String, Object> values) {
        StringBuilder text = new StringBuilder();
        for (SObjectField field : COMPARED) {
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
