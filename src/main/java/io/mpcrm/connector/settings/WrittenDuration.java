package io.mpcrm.connector.settings;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.boot.convert.DurationStyle;

/** A duration as an administrator writes it in the settings (30s, 10m, 1d), not as Java prints it (PT30S). */
public final class WrittenDuration {

    private static final List<ChronoUnit> LARGEST_FIRST = List.of(ChronoUnit.DAYS, ChronoUnit.HOURS,
            ChronoUnit.MINUTES, ChronoUnit.SECONDS);

    private WrittenDuration() {
    }

    /** In the largest unit that holds it whole, or milliseconds. */
    public static String of(Duration duration) {
        for (ChronoUnit unit : LARGEST_FIRST) {
            if (!duration.isZero() && duration.toMillis() % unit.getDuration().toMillis() == 0) {
                return DurationStyle.SIMPLE.print(duration, unit);
            }
        }
        return DurationStyle.SIMPLE.print(duration, ChronoUnit.MILLIS);
    }
}
