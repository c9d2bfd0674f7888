package io.mpcrm.connector.request;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * "Today" as the connector compares dates: the calendar day in UTC. AWS Marketplace reads an offer's dates as calendar
 * days whose boundaries are UTC ("The agreement starts at 00:00:00.000 UTC on the date provided", "ends at
 * 23:59:59.999 UTC", https://docs.aws.amazon.com/marketplace/latest/APIReference/API_marketplace-agreements_ValidityTerm.html),
 * so a day that has begun in the seller's time zone may not have begun for AWS, and the other way round. Messages name
 * the day, so that a seller in another time zone sees why a date counts as past.
 */
public final class Today {

    private Today() {
    }

    /** The current calendar day in UTC. */
    public static LocalDate inUtc(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** "today in UTC, 2026-12-07", for messages. */
    public static String named(LocalDate today) {
        return "today in UTC, " + today;
    }
}
