package io.mpcrm.connector.changeset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSummary;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.ErrorDetail;
import software.amazon.awssdk.services.marketplacecatalog.model.FailureCode;

/** What a seller reads on Last Error when AWS fails a change set with hundreds of errors. */
class ChangeSetExplanationTest {

    @Test
    void hundredsOfErrorsFromAwsAreCutToTheFirstOnesWithTheTotalCount() {
        List<ErrorDetail> errors = IntStream.rangeClosed(1, 201).mapToObj(i -> ErrorDetail.builder()
                .errorCode("INVALID_PRICING").errorMessage("Dimension d" + i + " in ConfigurableUpfrontPricingTerm is"
                        + " not a dimension of product prod-x").build()).toList();
        DescribeChangeSetResponse failed = DescribeChangeSetResponse.builder().changeSetId("cs-1")
                .status(ChangeStatus.FAILED).failureCode(FailureCode.CLIENT_ERROR).changeSet(
                        ChangeSummary.builder().changeType("UpdatePricingTerms").errorDetailList(errors).build())
                .build();

        String explained = ChangeSetExplanation.explain(failed, "offer");

        assertThat(explained).contains("UpdatePricingTerms: INVALID_PRICING – Dimension d20 in")
                .doesNotContain("Dimension d21 in")
                .contains("... and 181 more errors from AWS (201 in all).")
                .endsWith("Correct the offer as the messages say and create it again.")
                .hasSizeLessThan(3_000);
    }
}
