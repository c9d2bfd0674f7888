package io.mpcrm.connector.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.marketplace.MarketplaceRejected;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.RequestRefused;
import io.mpcrm.connector.request.RequestRejected;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which failed requests the seller fixes (rejected) and which an administrator may need to look at (failed). */
class RequestOutcomeTest {

    @Test
    void badInputAndRefusedRequesterAreRejected() {
        assertThat(RequestOutcome.of(new RequestRejected(List.of(new FieldProblem("Buyer_Accounts__c",
                "12345 is not a 12-digit AWS account id."))))).isEqualTo(RequestOutcome.REJECTED);
        assertThat(RequestOutcome.of(new RequestRefused("You have no access to this seller account.")))
                .isEqualTo(RequestOutcome.REJECTED);
    }

    @Test
    void awsRefusalsUsedUpAttemptsAndSurprisesAreFailures() {
        assertThat(RequestOutcome.of(new MarketplaceRejected("AWS refused the change set.", null)))
                .isEqualTo(RequestOutcome.FAILED);
        assertThat(RequestOutcome.of(new RequestRejected("Gave up after 5 attempts.")))
                .isEqualTo(RequestOutcome.FAILED);
        assertThat(RequestOutcome.of(new IllegalStateException("unexpected"))).isEqualTo(RequestOutcome.FAILED);
        assertThat(RequestOutcome.SUCCEEDED.tag()).isEqualTo("succeeded");
    }
}
