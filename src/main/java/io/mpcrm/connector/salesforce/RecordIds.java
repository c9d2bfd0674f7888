package io.mpcrm.connector.salesforce;

import java.util.regex.Pattern;

/**
 * Salesforce record ids. An id is 15 case-sensitive letters and digits, or the same 15 followed by 3 characters that
 * make it safe to compare without case; the APIs take either form (ID Field Type,
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/field_types.htm). Its first 3 characters are the
 * key prefix of its object.
 */
public final class RecordIds {

    private static final Pattern RECORD_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");

    private RecordIds() {
    }

    /** Whether the value has the form of a record id (it may still name no record). */
    public static boolean isRecordId(String value) {
        return value != null && RECORD_ID.matcher(value).matches();
    }
}
