package io.mpcrm.connector.benchmark;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Date-times as the sandbox org shows them ({@code 2026-01-31T10:00:00.000+0000}). */
final class SalesforceTime {

    private static final DateTimeFormatter SALESFORCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private SalesforceTime() {
    }

    static Instant parse(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        String text = String.valueOf(value);
        return text.endsWith("Z") ? Instant.parse(text) : OffsetDateTime.parse(text, SALESFORCE).toInstant();
    }
}
