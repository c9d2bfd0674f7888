package io.mpcrm.connector.changeset;

import io.mpcrm.connector.request.ErrorText;
import io.mpcrm.connector.request.RequestRejected;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSummary;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;

/**
 * What every kind of record says when AWS did not apply its change set: whether it failed, and the explanation the
 * seller reads on the record (AWS's errors change by change, then what to do next).
 */
public final class ChangeSetExplanation {

    private ChangeSetExplanation() {
    }

    /** Whether AWS ended the change set without applying it: its outcome is an explanation on Last Error. */
    public static boolean failed(DescribeChangeSetResponse changeSet) {
        return changeSet.status() == ChangeStatus.FAILED || changeSet.status() == ChangeStatus.CANCELLED;
    }

    /** What went wrong, change by change, and what the seller does next about the {@code thing} it was to make. */
    public static String explain(DescribeChangeSetResponse changeSet, String thing) {
        return explain(changeSet, "create the " + thing + " again", "Correct the " + thing
                + " as the messages say and create it again.");
    }

    /**
     * What went wrong, change by change; then, after an AWS fault, when to {@code tryAgain} (e.g. "press Cancel Offer
     * again"), otherwise {@code whatToDo}.
     */
    public static String explain(DescribeChangeSetResponse changeSet, String tryAgain, String whatToDo) {
        List<String> lines = new ArrayList<>();
        lines.add("AWS Marketplace did not apply change set " + changeSet.changeSetId() + " ("
                + changeSet.statusAsString() + (changeSet.failureCodeAsString() == null ? ""
                : ", " + changeSet.failureCodeAsString()) + ").");
        if (changeSet.failureDescription() != null) {
            lines.add(changeSet.failureDescription());
        }
        List<String> errors = new ArrayList<>();
        for (ChangeSummary change : changeSet.changeSet()) {
            change.errorDetailList().forEach(error -> errors.add(change.changeType() + ": " + error.errorCode() + " – "
                    + error.errorMessage()));
        }
        lines.addAll(ErrorText.firstLines(errors, RequestRejected.SHOWN, "errors from AWS"));
        if (ServerFaultRestart.SERVER_FAULT.equals(changeSet.failureCodeAsString())) {
            int faults = ServerFaultRestart.serverFaults(changeSet);
            lines.add("AWS failed internally " + (faults == 1 ? "once" : faults + " times in a row") + " (the connector"
                    + " starts such a change set again by itself, up to a limit) and changed nothing. Wait an hour and "
                    + tryAgain + "; if it fails the same way, give AWS Marketplace Seller Operations the change set id "
                    + changeSet.changeSetId() + ".");
        } else {
            lines.add(whatToDo);
        }
        return String.join("\n", lines);
    }
}
