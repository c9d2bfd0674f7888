package io.mpcrm.connector.schedule;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Matches picklist labels to enum constants, ignoring case, spaces, underscores and hyphens. */
final class PicklistValue {

    private PicklistValue() {
    }

    static <E extends Enum<E>> Optional<E> match(String text, E[] constants) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = squeeze(text);
        return Arrays.stream(constants).filter(constant -> squeeze(constant.name()).equals(wanted)).findFirst();
    }

    private static String squeeze(String text) {
        return text.replaceAll("[\\s_-]", "").toUpperCase(Locale.ROOT);
    }
}
