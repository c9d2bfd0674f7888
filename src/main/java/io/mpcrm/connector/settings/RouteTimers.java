package io.mpcrm.connector.settings;

import org.springframework.stereotype.Component;

/**
 * The timers' delays and periods in milliseconds, as the YAML routes' timer endpoints take them
 * ({@code "{{bean:routeTimers.sweepPeriodMillis}}"}, Camel's bean placeholder function:
 * https://camel.apache.org/manual/property-placeholder-functions.html). The routes read the bound and validated
 * durations, not the raw text of the settings: Spring reads {@code PT30S} as 30 seconds, Camel's own reading of a
 * duration does not know ISO-8601 and would make it 0.
 */
@Component
public class RouteTimers {

    private final SweepSettings sweep;
    private final OfferSettings offers;

    public RouteTimers(SweepSettings sweep, OfferSettings offers) {
        this.sweep = sweep;
        this.offers = offers;
    }

    public long sweepDelayMillis() {
        return sweep.initialDelay().toMillis();
    }

    public long sweepPeriodMillis() {
        return sweep.period().toMillis();
    }

    public long trackerPeriodMillis() {
        return offers.trackerPeriod().toMillis();
    }
}
