package io.mpcrm.connector.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.security.LogSecretsWatch;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chaos run, small enough for every build: about 150 requests while the connector is restarted, throttled,
 * failed, logged out and sent events three times or never, AWS fails some change sets internally, and sellers press
 * Create twice or three times. The full run is {@link ChaosSuite}.
 */
@ExtendWith(LogSecretsWatch.class) // and nothing the connector logged under chaos holds a credential
class ChaosIT {

    @Test
    void underEveryFaultNoRequestIsLostDoubledOrLeftUnfinished() throws Exception {
        ChaosFigures figures;
        try (ChaosSandboxes sandboxes = ChaosSandboxes.start(7)) {
            figures = new ChaosRun(sandboxes, 40, 30, 2, Duration.ofSeconds(15), 7).run();
        }
        figures.print(System.out);

        assertThat(figures.requests()).isGreaterThanOrEqualTo(120);
        assertThat(figures.lost()).as("requests lost").isZero();
        assertThat(figures.changeSetsStartedTwice()).as("change sets started twice for one request").isZero();
        assertThat(figures.duplicateRecords()).as("duplicate Salesforce records").allSatisfy((kind, n) ->
                assertThat(n).as(kind).isZero());
        assertThat(figures.notTerminal()).as("requests not terminal at the end").isZero();
        assertThat(figures.transientFailures()).as("requests failed for transient reasons").isEmpty();
        assertThat(figures.entitiesCreatedTwice()).as("AWS entities created twice for one record").isEmpty();
        assertThat(figures.promisesKept()).isTrue();
        assertThat(figures.otherFailures()).as("valid requests that failed").isEmpty();
        assertThat(figures.stalledStories()).as("records not ending as the seller expects").isEmpty();
        assertThat(figures.extraPresses()).as("creates pressed twice or three times").isPositive();
        assertThat(figures.extraOnItsWay()).as("of them, said it was on its way").isPositive();
        assertThat(figures.restarts()).as("the connector was restarted").isPositive();
        assertThat(figures.stoppedBetweenStartChangeSetAndWriteBack()).as("stopped mid-request").isPositive();
        assertThat(figures.insertedWhileDown()).as("requests made while the connector was down").isPositive();
        assertThat(figures.insertedWhileDownFoundBySweep()).isPositive();
        assertThat(figures.awsThrottled()).isPositive();
        assertThat(figures.serverFaults()).as("change sets AWS failed internally").isPositive();
        assertThat(figures.serverFaultsStartedAgain()).as("of them started again by the connector")
                .isEqualTo(figures.serverFaults());
        assertThat(figures.serverFaultsEndedWell()).as("of them applied in the end").isEqualTo(figures.serverFaults());
    }
}
