package io.mpcrm.connector.schedule;

import java.util.Optional;

/** Which installment absorbs the cents that do not divide evenly over the schedule. */
public enum Remainder {
    FRONTLOAD,
    BACKEND;

    /** Reads the picklist label or API value a seller or Flow may send: "Frontload", "FRONTLOAD", "back end". */
    public static Optional<Remainder> fromPicklistValue(String text) {
        return PicklistValue.match(text, values());
    }
}
