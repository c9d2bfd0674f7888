package io.mpcrm.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;

/** Reads typed values from a record as the REST API returns it, and writes them as it expects them. */
public final class FieldValues {

    /** Salesforce writes {@code 2026-11-29T03:04:05.000+0000}; accept {@code Z} and {@code +00:00} too. */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter();

    private FieldValues() {
    }

    public static String text(JsonNode record, SObjectField field) {
        JsonNode value = record.get(field.name());
        return value == null || value.isNull() ? null : value.asText();
    }

    public static int integer(JsonNode record, SObjectField field) {
        JsonNode value = record.get(field.name());
        return value == null || value.isNull() ? 0 : value.asInt();
    }

    public static Instant instant(JsonNode record, SObjectField field) {
        String value = text(record, field);
        return value == null ? null : OffsetDateTime.parse(value, DATE_TIME).toInstant();
    }

    /** The value of a field on a parent record, e.g. {@code Seller_Account__r.Account_Id__c}. */
    public static String parentText(JsonNode record, SObjectField lookup, SObjectField parentField) {
        JsonNode parent = record.get(lookup.relationship());
        return parent == null || parent.isNull() ? null : text(parent, parentField);
    }

    /** Whether two record ids name the same record; Salesforce mixes 15- and 18-character forms of one id. */
    /** A number or currency field as an exact decimal, or null when empty. */
    public static java.math.BigDecimal decimal(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() ? null : value.decimalValue();
    }

    /** A date field (or the date part of a date-time), or null when empty. */
    public static java.time.LocalDate date(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() ? null : java.time.LocalDate.parse(value.asText().substring(0, 10));
    }

    public static boolean sameRecord(String a, String b) {
        return a != null && b != null && a.length() >= 15 && b.length() >= 15
                && a.substring(0, 15).equals(b.substring(0, 15));
    }

    /** A datetime as the REST API accepts it on write. */
    public static String dateTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
