package io.mpcrm.connector.schedule;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/** The installments generated for an offer or resale authorization, in charge-date order. */
public record PaymentSchedule(Currency currency, List<Installment> installments) {

    /** AWS Marketplace accepts at most this many charges in one payment schedule. */
    public static final int MAX_INSTALLMENTS = 60;

    public PaymentSchedule {
        Objects.requireNonNull(currency, "currency");
        installments = List.copyOf(installments);
    }

    public long totalMinor() {
        return installments.stream().mapToLong(Installment::amountMinor).sum();
    }

    public BigDecimal total() {
        return BigDecimal.valueOf(totalMinor(), currency.getDefaultFractionDigits());
    }
}
