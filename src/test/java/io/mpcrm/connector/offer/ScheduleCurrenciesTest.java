package io.mpcrm.connector.offer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.schedule.GeneratePaymentScheduleAction;
import org.junit.jupiter.api.Test;

/** Generate Payment Schedule refuses no currency Validate Offer accepts, and accepts none it refuses. */
class ScheduleCurrenciesTest {

    @Test
    void aScheduleIsGeneratedInExactlyTheCurrenciesAnOfferMayBePricedIn() {
        assertThat(GeneratePaymentScheduleAction.OFFER_CURRENCIES).isEqualTo(OfferValidator.CURRENCIES);
    }
}
