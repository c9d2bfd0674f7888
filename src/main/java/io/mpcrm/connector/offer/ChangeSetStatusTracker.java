package io.mpcrm.connector.offer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.marketplace.ChangeSets;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

/**
 * Follows every open change set of every offer: per seller account, one query of the open offers and one
 * ListChangeSets of the sets that ended since the last cycle; only those are described and written. A cycle's cost
 * grows with what changed, not with what is open.
 */
@Component
public class ChangeSetStatusTracker {

    private static final Logger log = LoggerFactory.getLogger(ChangeSetStatusTracker.class);
    /** Clocks differ and end times have whole seconds: look back a little further than the last cycle. */
    private static final Duration OVERLAP = Duration.ofMinutes(1);

    private final SalesforceRecords salesforce;
    private final ChangeSets changeSets;
    private final ChangeSetOutcome outcome;
    private final Clock clock;
    private final Map<String, Instant> checkedUntil = new ConcurrentHashMap<>();

    public ChangeSetStatusTracker(SalesforceRecords salesforce, ChangeSets changeSets, ChangeSetOutcome outcome,
                                  Clock clock) {
        this.salesforce = salesforce;
        this.changeSets = changeSets;
        this.outcome = outcome;
        this.clock = clock;
    }

    /** One cycle; returns how many offers it updated. */
    public int track() {
        Instant cycle = clock.instant();
        List<ObjectNode> open = salesforce.query("SELECT Id, LastModifiedDate, " + OfferFields.CHANGE_SET_ID + ", "
                + OfferFields.PRODUCT.relationship() + "." + OfferFields.PRODUCT_ID + ", "
                + OfferRecords.CHANNEL_PARTNER_PRODUCT + ", "
                + OfferFields.SELLER.relationship() + ".Account_Id__c FROM " + OfferFields.OFFER + " WHERE "
                + OfferFields.STATUS + " IN ('PREPARING','APPLYING') AND " + OfferFields.CHANGE_SET_ID + " != null");
        Map<String, List<ObjectNode>> byAccount = open.stream().collect(Collectors.groupingBy(
                r -> r.path(OfferFields.SELLER.relationship()).path("Account_Id__c").asText("")));
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

    private int track(String accountId, List<ObjectNode> openOffers, Instant cycle) {
        Instant oldestOpen = openOffers.stream().map(r -> FieldValues.instant(r, OfferFields.LAST_MODIFIED))
                .filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(cycle);
        Instant since = checkedUntil.getOrDefault(accountId, oldestOpen).minus(OVERLAP);
        Set<String> ended = changeSets.endedSince(accountId, since).stream()
                .map(ChangeSetSummaryListItem::changeSetId).collect(Collectors.toSet());
        int updated = 0;
        for (ObjectNode offer : openOffers) {
            String changeSetId = FieldValues.text(offer, OfferFields.CHANGE_SET_ID);
            if (ended.contains(changeSetId)) {
                String said = outcome.apply(offer.path("Id").asText(), OfferRecords.productId(offer),
                        changeSets.describe(accountId, changeSetId));
                log.info("Offer {}: {}", offer.path("Id").asText(), said);
                updated++;
            }
        }
        checkedUntil.put(accountId, cycle);
        return updated;
    }
}
