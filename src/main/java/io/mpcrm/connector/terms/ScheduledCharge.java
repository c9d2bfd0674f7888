package io.mpcrm.connector.terms;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One installment of a flexible payment schedule (an MP_Payment_Installment__c or MP_Resale_Installment__c). */
public record ScheduledCharge(LocalDate chargeDate, BigDecimal amount) {
}
