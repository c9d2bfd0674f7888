package io.mpcrm.connector.salesforce;

import java.util.Arrays;
import java.util.List;

/**
 * One field of a Salesforce object that the connector reads or writes. Features declare theirs as constants, so an API
 * name is spelled once and a test can check every one against the metadata in {@code salesforce/}.
 */
public record SObjectField(String sobject, String name, Kind kind) {

    /** The value shapes the connector relies on; each maps to the Salesforce field types that can hold it. */
    public enum Kind {
        ID, TEXT, LONG_TEXT, PICKLIST, MULTI_PICKLIST, NUMBER, CURRENCY, DATE, DATE_TIME, CHECKBOX, REFERENCE
    }

    public static SObjectField of(String sobject, String name, Kind kind) {
        return new SObjectField(sobject, name, kind);
    }

    /** The API names of the fields, in order: a SOQL select list or the fields a copy takes. */
    public static List<String> names(SObjectField... fields) {
        return Arrays.stream(fields).map(SObjectField::name).toList();
    }

    /** The relationship path for a lookup, e.g. {@code Seller_Account__r} for {@code Seller_Account__c}. */
    public String relationship() {
        if (kind != Kind.REFERENCE || !name.endsWith("__c")) {
            throw new IllegalStateException(name + " is not a custom lookup");
        }
        return name.substring(0, name.length() - 3) + "__r";
    }

    /** A field of the record this lookup points to, as SOQL names it: {@code Seller_Account__r.Account_Id__c}. */
    public String path(SObjectField field) {
        return relationship() + "." + field.name();
    }

    @Override
    public String toString() {
        return name;
    }
}
