package io.mpcrm.connector.offer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.marketplace.ChangeSets;
import io.mpcrm.connector.marketplace.OpenChangeSet;
import io.mpcrm.connector.marketplace.OpenChangeSets;
import io.mpcrm.connector.observability.LogContext;
import io.mpcrm.connector.observability.OpenChangeSetCount;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSetSummaryListItem;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;

/**
 * Follows every open change set of every offer, and of the records other features report ({@link OpenChangeSets}):
 * per seller account, one query of the open records, one ListChangeSets of the sets that ended since the last cycle
 * (only those are described and written) and, while some record still shows PREPARING, one ListChangeSets of the sets
 * AWS is applying (only records that moved to APPLYING are written, in one collection per sObject). A cycle's cost
 * grows with what changed, not with what is open.
 */
@Component
public class ChangeSetStatusTracker {

    private static final Logger log = LoggerFactory.getLogger(ChangeSetStatusTracker.class);
    /** Clocks differ and end times have whole seconds: look back a little further than the last cycle. */
    private static final Duration OVERLAP = Duration.ofMinutes(1);
    private static final String PREPARING = ChangeStatus.PREPARING.toString();
    private static final String APPLYING = ChangeStatus.APPLYING.toString();

    private final SalesforceRecords salesforce;
    private final ChangeSets changeSets;
    private final ChangeSetOutcome outcome;
    private final Clock clock;
    private final List<OpenChangeSets> others;
    private final OpenChangeSetCount openCount;
    private final Map<String, Instant> checkedUntil = new ConcurrentHashMap<>();

    public ChangeSetStatusTracker(SalesforceRecords salesforce, ChangeSets changeSets, ChangeSetOutcome outcome,
                                  Clock clock, List<OpenChangeSets> others, OpenChangeSetCount openCount) {
        this.salesforce = salesforce;
        this.changeSets = changeSets;
        this.outcome = outcome;
        this.clock = clock;
        this.others = others;
        this.openCount = openCount;
    }

    /** One cycle; returns how many records it updated. */
    public int track() {
        Instant cycle = clock.instant();
        List<OpenChangeSet> waiting = new ArrayList<>(openOffers());
        others.forEach(source -> waiting.addAll(source.open()));
        Map<String, List<OpenChangeSet>> byAccount = waiting.stream()
                .collect(Collectors.groupingBy(OpenChangeSet::accountId));
        openCount.seen(byAccount);
        int updated = 0;
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

    private List<OpenChangeSet> openOffers() {
        List<ObjectNode> open = salesforce.query("SELECT Id, LastModifiedDate, " + OfferFields.STATUS + ", "
                + OfferFields.CHANGE_SET_ID + ", " + OfferFields.PRODUCT.relationship() + "." + OfferFields.PRODUCT_ID
                + ", " + OfferRecords.CHANNEL_PARTNER_PRODUCT + ", " + OfferFields.SELLER.relationship() + ".Account_Id__c FROM " + OfferFields.OFFER + " WHERE "
                + OfferFields.STATUS + " IN ('" + PREPARING + "','" + APPLYING + "') AND " + OfferFields.CHANGE_SET_ID
                + " != null");
        List<OpenChangeSet> waiting = new ArrayList<>();
        for (ObjectNode offer : open) {
            String recordId = offer.path("Id").asText();
            String productId = OfferRecords.productId(offer);
            waiting.add(new OpenChangeSet(OfferFields.OFFER, recordId, FieldValues.text(offer, OfferFields.STATUS),
                    offer.path(OfferFields.SELLER.relationship()).path("Account_Id__c").asText(""),
                    FieldValues.text(offer, OfferFields.CHANGE_SET_ID),
                    FieldValues.instant(offer, OfferFields.LAST_MODIFIED),
                    changeSet -> outcome.apply(recordId, productId, changeSet)));
        }
        return waiting;
    }

    private int track(String accountId, List<OpenChangeSet> waiting, Instant cycle) {
        Instant oldestOpen = waiting.stream().map(OpenChangeSet::waitingSince)
                .filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(cycle);
        Instant since = checkedUntil.getOrDefault(accountId, oldestOpen).minus(OVERLAP);
        Set<String> ended = ids(changeSets.endedSince(accountId, since));
        int updated = 0;
        int missed = 0;
        List<OpenChangeSet> preparing = new ArrayList<>();
        for (OpenChangeSet record : waiting) {
            if (ended.contains(record.changeSetId())) {
                // One record's failed call must not hold back the others: with hundreds open, some call always fails.
                try {
                    LogContext.changeSetOf(record.recordId(), accountId, record.changeSetId());
                    String said = record.outcome().apply(changeSets.describe(accountId, record.changeSetId()));
                    log.info("Record {}: {}", record.recordId(), said);
                    updated++;
                } catch (RuntimeException e) {
                    missed++;
                    log.warn("Record {} not updated this cycle: {}", record.recordId(), e.getMessage());
                } finally {
                    LogContext.clear();
                }
            } else if (PREPARING.equals(record.shownStatus())) {
                preparing.add(record);
            }
        }
        updated += nowApplying(accountId, preparing);
        if (missed == 0) {
            // Otherwise the next cycle looks back as far again, so the missed change sets are still found ended.
            checkedUntil.put(accountId, cycle);
        }
        return updated;
    }

    /**
     * Records shown PREPARING whose change set AWS now applies. A set that ends between the two listings stays shown
     * PREPARING until the next cycle, whose look-back still finds it ended.
     */
    private int nowApplying(String accountId, List<OpenChangeSet> preparing) {
        if (preparing.isEmpty()) {
            return 0;
        }
        Set<String> applying = ids(changeSets.inStatus(accountId, ChangeStatus.APPLYING));
        Map<String, List<Map<String, Object>>> moved = preparing.stream()
                .filter(record -> applying.contains(record.changeSetId()))
                .collect(Collectors.groupingBy(OpenChangeSet::sobject, Collectors.mapping(record -> OfferRecords.fields(
                        "Id", record.recordId(), OfferFields.STATUS.name(), APPLYING), Collectors.toList())));
        int written = 0;
        for (var sobject : moved.entrySet()) {
            for (SalesforceRecords.WriteResult result : salesforce.updateAll(sobject.getKey(), sobject.getValue())) {
                if (result.success()) {
                    written++;
                } else {
                    log.warn("Record {} not shown APPLYING this cycle: {}", result.key(), result.errors());
                }
            }
        }
        if (written > 0) {
            log.info("{} records of account {}: change set now APPLYING", written, accountId);
        }
        return written;
    }

    private static Set<String> ids(List<ChangeSetSummaryListItem> changeSets) {
        return changeSets.stream().map(ChangeSetSummaryListItem::changeSetId).collect(Collectors.toSet());
    }
}
