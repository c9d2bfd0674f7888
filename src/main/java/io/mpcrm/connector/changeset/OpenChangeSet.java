package io.mpcrm.connector.changeset;

import java.time.Instant;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;

/**
 * A record waiting for its change set to end: which record (and of which sObject, with the status it shows now),
 * whose it is, since when it waits, and what puts the outcome on it through the writes given (returning the sentence
 * that says what happened).
 */
public record OpenChangeSet(String sobject, String recordId, String shownStatus, String accountId, String changeSetId,
                            Instant waitingSince,
                            BiFunction<DescribeChangeSetResponse, RecordWrites, String> outcome) {
}
