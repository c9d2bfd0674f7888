package io.mpcrm.connector.schedule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/**
 * One charge of a flexible payment schedule: becomes one {@code MP_Payment_Installment__c} on an offer or one
 * {@code MP_Resale_Installment__c} on a resale authorization.
 */
public record Installment(int number, LocalDate chargeDate, long amountMinor, Currency currency) {

    public Installment {
        Objects.requireNonNull(chargeDate, "chargeDate");
        Objects.requireNonNull(currency, "currency");
        if (number < 1) {
            throw new IllegalArgumentException("Installments are numbered from 1, not " + number);
        }
    }

    /** The amount as the seller and the Catalog API write it: 1000.00 USD, 1000 JPY. */
    public BigDecimal amount() {
        return BigDecimal.valueOf(amountMinor, currency.getDefaultFractionDigits());
    }
}
