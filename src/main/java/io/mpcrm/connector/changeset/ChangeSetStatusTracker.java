package io.mpcrm.connector.changeset;

import io.mpcrm.connector.marketplace.ChangeSets;
import io.mpcrm.connector.changeset.OpenChangeSet;
import io.mpcrm.connector.changeset.OpenChangeSets;
import io.mpcrm.connector.changeset.ServerFaultRestart;
import io.mpcrm.connector.fields.RequestFields;
import jakarta.annotation.PreDestroy;
import io.mpcrm.connector.observability.LogContext;
import io.mpcrm.connector.changeset.OpenChangeSetCount;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.settings.OfferSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSetSummaryListItem;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;

/**
 * Follows every open change set of the records the features report: each kind of record that starts change sets
 * (offers, resale authorizations) registers an {@link OpenChangeSets} bean, and this class knows none of them.
 * Per seller account, one query of the open records, one ListChangeSets of the sets that ended since the last cycle
 * (only those are described and written) and, while some record still shows PREPARING, one ListChangeSets of the sets
 * AWS is applying (only records that moved to APPLYING are written, in one collection per sObject). A cycle's cost
 * grows with what changed, not with what is open. Records whose set ended are written longest-waiting first and a few
 * at a time, so that a cycle cut short (a stop, a restart) never leaves the same records behind; a set AWS failed
 * internally is started again ({@link ServerFaultRestart}).
 */
@Component
public class ChangeSetStatusTracker {

    private static final Logger log = LoggerFactory.getLogger(ChangeSetStatusTracker.class);
    /** Clocks differ and end times have whole seconds: look back a little further than the last cycle. */
    private static final Duration OVERLAP = Duration.ofMinutes(1);
    private static final String PREPARING = ChangeStatus.PREPARING.toString();
    private static final String APPLYING = ChangeStatus.APPLYING.toString();
    /** The status field of every record that follows a change set: offers and resale authorizations both have it. */
    static final String STATUS_FIELD = RequestFields.TARGET_STATUS;

    private static final Comparator<OpenChangeSet> LONGEST_WAITING_FIRST = Comparator.comparing(
            OpenChangeSet::waitingSince, Comparator.nullsLast(Comparator.naturalOrder()));

    private final SalesforceRecords salesforce;
    private final ChangeSets changeSets;
    private final ServerFaultRestart restart;
    private final Clock clock;
    private final List<OpenChangeSets> kinds;
    private final ExecutorService writers;
    private final OpenChangeSetCount openCount;
    private final Map<String, Instant> checkedUntil = new ConcurrentHashMap<>();
    /** Open change sets an earlier cycle of this process saw, and those already described because no listing had them. */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Set<String> describedUnlisted = ConcurrentHashMap.newKeySet();

    @Autowired
    public ChangeSetStatusTracker(SalesforceRecords salesforce, ChangeSets changeSets,
                                  ServerFaultRestart restart, Clock clock, List<OpenChangeSets> kinds,
                                  OpenChangeSetCount openCount, OfferSettings settings) {
        this(salesforce, changeSets, restart, clock, kinds, openCount, settings.trackerWriters());
    }

    public ChangeSetStatusTracker(SalesforceRecords salesforce, ChangeSets changeSets,
                                  ServerFaultRestart restart, Clock clock, List<OpenChangeSets> kinds,
                                  OpenChangeSetCount openCount, int writers) {
        this.salesforce = salesforce;
        this.changeSets = changeSets;
        this.restart = restart;
        this.clock = clock;
        this.kinds = kinds;
        this.openCount = openCount;
        this.writers = Executors.newFixedThreadPool(writers, task -> {
            Thread thread = new Thread(task, "change-set-outcomes");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        writers.shutdownNow();
    }

    /** One cycle; returns how many records it updated. */
    public int track() {
        Instant cycle = clock.instant();
        List<OpenChangeSet> waiting = new ArrayList<>();
        kinds.forEach(kind -> waiting.addAll(kind.open()));
        Map<String, List<OpenChangeSet>> byAccount = waiting.stream()
                .collect(Collectors.groupingBy(OpenChangeSet::accountId));
        openCount.seen(byAccount);
        int updated = 0;
        Set<String> open = waiting.stream().map(OpenChangeSet::changeSetId).collect(Collectors.toSet());
        seen.retainAll(open);
        describedUnlisted.retainAll(open);
        for (var account : byAccount.entrySet()) {
            if (account.getKey().isEmpty()) {
                continue;
            }
            try {
                updated += track(account.getKey(), account.getValue(), cycle);
            } catch (RuntimeException e) {
                log.warn("Change sets of account {} not tracked this cycle: {}", account.getKey(), e.getMessage());
            }
        }
        return updated;
    }

    private int track(String accountId, List<OpenChangeSet> waiting, Instant cycle) {
        Instant oldestOpen = waiting.stream().map(OpenChangeSet::waitingSince)
                .filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(cycle);
        Instant since = checkedUntil.getOrDefault(accountId, oldestOpen).minus(OVERLAP);
        Map<String, ChangeSetSummaryListItem> ended = changeSets.endedSince(accountId, since).stream()
                .collect(Collectors.toMap(ChangeSetSummaryListItem::changeSetId, set -> set, (a, b) -> a));
        List<OpenChangeSet> due = waiting.stream().filter(record -> ended.containsKey(record.changeSetId()))
                .sorted(LONGEST_WAITING_FIRST).toList();
        List<OpenChangeSet> missed = writeOutcomes(accountId, due);
        int updated = due.size() - missed.size();
        List<OpenChangeSet> preparing = waiting.stream().filter(record -> !ended.containsKey(record.changeSetId())
                && PREPARING.equals(record.shownStatus())).toList();
        Set<String> applying = preparing.isEmpty() ? Set.of() : ids(changeSets.inStatus(accountId, ChangeStatus.APPLYING));
        updated += nowApplying(accountId, preparing, applying);
        updated += unlisted(accountId, preparing, applying, cycle);
        waiting.forEach(record -> seen.add(record.changeSetId()));
        // The next cycle looks back to the oldest set whose record it could not write, so it finds that set again.
        Instant until = missed.stream().map(record -> endTime(ended.get(record.changeSetId()), cycle))
                .min(Comparator.naturalOrder()).filter(end -> end.isBefore(cycle)).orElse(cycle);
        checkedUntil.put(accountId, until);
        return updated;
    }

    /**
     * Records shown PREPARING for longer than the look-back, seen by an earlier cycle, whose set AWS lists neither as
     * applying nor as ended since: the set may have ended before the record showed it (a request written back late,
     * after a restart), so each is described once.
     */
    private int unlisted(String accountId, List<OpenChangeSet> preparing, Set<String> applying, Instant cycle) {
        List<OpenChangeSet> unlisted = preparing.stream()
                .filter(record -> !applying.contains(record.changeSetId()) && seen.contains(record.changeSetId())
                        && record.waitingSince() != null && record.waitingSince().isBefore(cycle.minus(OVERLAP))
                        && describedUnlisted.add(record.changeSetId()))
                .sorted(LONGEST_WAITING_FIRST).toList();
        List<OpenChangeSet> missed = writeOutcomes(accountId, unlisted);
        missed.forEach(record -> describedUnlisted.remove(record.changeSetId()));
        return unlisted.size() - missed.size();
    }

    /**
     * Describes each record's change set, a few at a time, and writes the outcomes together in collections; returns
     * the records not written.
     */
    private List<OpenChangeSet> writeOutcomes(String accountId, List<OpenChangeSet> records) {
        GatheredWrites writes = new GatheredWrites();
        List<Future<String>> described = records.stream()
                .map(record -> writers.submit(() -> outcome(accountId, record, writes))).toList();
        List<String> said = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            try {
                said.add(described.get(i).get());
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                said.add(null);
            } catch (ExecutionException e) {
                said.add(null);
            }
        }
        Set<String> written = writes.send(salesforce);
        List<OpenChangeSet> missed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            OpenChangeSet record = records.get(i);
            if (said.get(i) != null && written.contains(record.recordId())) {
                LogContext.changeSetOf(record.recordId(), accountId, record.changeSetId());
                log.info("Record {}: {}", record.recordId(), said.get(i));
                LogContext.clear();
            } else {
                missed.add(record);
            }
        }
        return missed;
    }

    /** The record's outcome, handed to {@code writes}; null when its change set could not be described. */
    private String outcome(String accountId, OpenChangeSet record, GatheredWrites writes) {
        // One record's failed call must not hold back the others: with hundreds open, some call always fails.
        try {
            LogContext.changeSetOf(record.recordId(), accountId, record.changeSetId());
            return record.outcome().apply(restart.orRestarted(accountId,
                    changeSets.describe(accountId, record.changeSetId())), writes);
        } catch (RuntimeException e) {
            log.warn("Record {} not updated this cycle: {}", record.recordId(), e.getMessage());
            return null;
        } finally {
            LogContext.clear();
        }
    }

    private static Instant endTime(ChangeSetSummaryListItem changeSet, Instant otherwise) {
        try {
            return changeSet == null || changeSet.endTime() == null ? otherwise : Instant.parse(changeSet.endTime());
        } catch (java.time.format.DateTimeParseException unreadable) {
            return otherwise;
        }
    }

    /**
     * Records shown PREPARING whose change set AWS now applies. A set that ends between the two listings stays shown
     * PREPARING until the next cycle, whose look-back still finds it ended.
     */
    private int nowApplying(String accountId, List<OpenChangeSet> preparing, Set<String> applying) {
        GatheredWrites writes = new GatheredWrites();
        preparing.stream().filter(record -> applying.contains(record.changeSetId()))
                .forEach(record -> writes.update(record.sobject(), record.recordId(),
                        Map.of(STATUS_FIELD, APPLYING), () -> { }));
        int written = writes.send(salesforce).size();
        if (written > 0) {
            log.info("{} records of account {}: change set now APPLYING", written, accountId);
        }
        return written;
    }

    private static Set<String> ids(List<ChangeSetSummaryListItem> changeSets) {
        return changeSets.stream().map(ChangeSetSummaryListItem::changeSetId).collect(Collectors.toSet());
    }
}
