package io.mpcrm.connector.schedule;

import java.util.Optional;

/** How the days between two charges are counted. */
public enum DayCounting {
    CALENDAR_DAY,
    /** Saturdays and Sundays do not count, and no charge falls on one. */
    BUSINESS_DAY;

    /** Reads "Calendar Day", "CALENDAR_DAY", "business day" and the like. */
    public static Optional<DayCounting> fromPicklistValue(String text) {
        return PicklistValue.match(text, values());
    }
}
