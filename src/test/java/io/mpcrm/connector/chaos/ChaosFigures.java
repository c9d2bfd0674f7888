package io.mpcrm.connector.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a chaos run measured: the six promises first, then what was done to the connector to test them.
 *
 * @param entitiesCreatedTwice AWS entities beyond the first made for one record, by record
 * @param extraPresses         second and third presses of a create a seller pressed more than once
 * @param extraOnItsWay        of them, those that sent nothing and said the record was on its way
 * @param extraAlreadyMade     of them, those that came after the first one's change set ended and said the record is
 *                             released (Active) already
 */
record ChaosFigures(int requests, Map<String, Integer> byAction, int succeeded, int lost, long changeSetsStartedTwice,
                    Map<String, Integer> duplicateRecords, int notTerminal, List<String> transientFailures,
                    List<String> otherFailures, Map<String, Integer> entitiesCreatedTwice, int extraPresses,
                    int extraOnItsWay, int extraAlreadyMade, int stories, int storiesEndedAsExpected,
                    List<String> stalledStories,
                    int stalledThenCaughtUp, int restarts, int stoppedBetweenStartChangeSetAndWriteBack, int insertedWhileDown,
                    int insertedWhileDownFoundBySweep, int faultBursts, int foreignLocks, long changeSetsForRequests,
                    long startChangeSetCalls, int serverFaults, long serverFaultsStartedAgain,
                    long serverFaultsEndedWell, long awsCalls, long awsThrottled, long eventsPublished,
                    long eventsDelivered, long salesforceLogins, Duration took) {

    int duplicateRecordCount() {
        return duplicateRecords.values().stream().mapToInt(Integer::intValue).sum();
    }

    int entitiesCreatedTwiceCount() {
        return entitiesCreatedTwice.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Whether every promise was kept: the six figures are 0. */
    boolean promisesKept() {
        return lost == 0 && changeSetsStartedTwice == 0 && duplicateRecordCount() == 0 && notTerminal == 0
                && transientFailures.isEmpty() && entitiesCreatedTwiceCount() == 0;
    }

    void print(PrintStream out) {
        out.printf("%n==== chaos run: %d requests from %d seller stories in %d s ====%n", requests, stories,
                took.toSeconds());
        out.printf("  requests lost                                   %d%n", lost);
        out.printf("  change sets started twice for one request       %d%n", changeSetsStartedTwice);
        out.printf("  duplicate Salesforce records                    %d  %s%n", duplicateRecordCount(),
                duplicateRecords);
        out.printf("  requests not terminal at the end                %d%n", notTerminal);
        out.printf("  requests failed for transient reasons           %d%n", transientFailures.size());
        out.printf("  AWS entities created twice for one record       %d  %s%n", entitiesCreatedTwiceCount(),
                entitiesCreatedTwice);
        out.printf("  requests failed for other reasons               %d%n", otherFailures.size());
        out.printf("  requests succeeded                              %d%n", succeeded);
        out.printf("  stories ending as the seller expects            %d of %d%n", storiesEndedAsExpected, stories);
        out.printf("  stalled stories whose record caught up once the faults stopped  %d of %d%n", stalledThenCaughtUp,
                stalledStories.size());
        out.printf("  requests by action  %s%n", byAction);
        out.printf("Presses again: %d second and third presses of a create, %d of them said it was on its way and sent"
                + " nothing, %d came after it was made and said so%n", extraPresses, extraOnItsWay, extraAlreadyMade);
        out.printf("Faults: %d restarts (%d requests cut off between StartChangeSet and write-back), %d requests"
                        + " inserted while the connector was down (%d then started by the sweep), %d 5xx bursts,"
                        + " %d entities locked by a foreign change set, %d of %d AWS calls throttled, %d Salesforce"
                        + " logins (sessions end every 100 calls), %d events published, %d deliveries%n",
                restarts, stoppedBetweenStartChangeSetAndWriteBack, insertedWhileDown, insertedWhileDownFoundBySweep,
                faultBursts, foreignLocks, awsThrottled, awsCalls, salesforceLogins, eventsPublished, eventsDelivered);
        out.printf("Change sets: %d started for requests (one per ClientRequestToken), with %d StartChangeSet calls;"
                        + " %d failed by AWS internally"
                        + " (SERVER_FAULT), %d of them started again by the connector, %d applied in the end%n",
                changeSetsForRequests, startChangeSetCalls, serverFaults, serverFaultsStartedAgain,
                serverFaultsEndedWell);
        transientFailures.stream().limit(10).forEach(f -> out.println("  transient failure: " + f));
        otherFailures.stream().limit(10).forEach(f -> out.println("  other failure: " + f));
        stalledStories.stream().limit(10).forEach(s -> out.println("  stalled: " + s));
        out.println();
    }
}
