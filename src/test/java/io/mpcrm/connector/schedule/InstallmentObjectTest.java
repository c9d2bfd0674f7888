package io.mpcrm.connector.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.sandbox.salesforce.SalesforceMetadata;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The installment limits the schedule is checked against are those of the fields the admin deploys. */
class InstallmentObjectTest {

    private static final Path OBJECTS = Path.of("salesforce", "force-app", "main", "default", "objects");

    @Test
    void theLargestChargeAmountIsWhatACurrencyFieldOfTheDeployedPrecisionAndScaleHolds() {
        SalesforceMetadata metadata = SalesforceMetadata.load(OBJECTS);

        for (String object : List.of(InstallmentObject.OF_OFFER.sobject(),
                InstallmentObject.OF_RESALE_AUTHORIZATION.sobject())) {
            SalesforceMetadata.FieldDescription amount = metadata.object(object).orElseThrow().customFields()
                    .get("Charge_Amount__c");
            assertThat(amount.type()).as(object).isEqualTo("Currency");
            BigDecimal largest = BigDecimal.TEN.pow(amount.precision() - amount.scale())
                    .subtract(BigDecimal.ONE.movePointLeft(amount.scale()));
            assertThat(InstallmentObject.MAX_CHARGE_AMOUNT).as(object).isEqualByComparingTo(largest);
        }
    }
}
