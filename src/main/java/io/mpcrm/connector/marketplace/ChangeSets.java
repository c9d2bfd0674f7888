package io.mpcrm.connector.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSetSummaryListItem;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.Entity;
import software.amazon.awssdk.services.marketplacecatalog.model.Filter;

/**
 * Change sets of the Catalog API: starting one (idempotent by its client request token, so a retried or resumed
 * request reaches the same change set), reading one, and listing those that ended since a moment.
 */
@Component
public class ChangeSets {

    private final SellerAccountClients clients;

    public ChangeSets(SellerAccountClients clients) {
        this.clients = clients;
    }

    /** Starts the change set and returns its id; the same {@code clientRequestToken} always gives the same one. */
    public String start(String accountId, JsonNode changes, String name, String clientRequestToken) {
        List<Change> changeSet = new ArrayList<>();
        for (JsonNode change : changes) {
            JsonNode entity = change.path("Entity");
            changeSet.add(Change.builder()
                    .changeType(change.path("ChangeType").asText())
                    .changeName(change.path("ChangeName").asText(null))
                    .entity(Entity.builder().type(entity.path("Type").asText())
                            .identifier(entity.path("Identifier").asText(null)).build())
                    .detailsDocument(SdkJson.toDocument(change.path("DetailsDocument")))
                    .build());
        }
        return AwsFailures.call("starting a change set", accountId, () -> clients.catalog(accountId)
                .startChangeSet(r -> r.catalog(MarketplaceCatalog.CATALOG).changeSet(changeSet)
                        .changeSetName(name).clientRequestToken(clientRequestToken))
                .changeSetId());
    }

    /**
     * The ids of the account's change sets with this name (ListChangeSets, filter ChangeSetName, which takes
     * "a list of non-unique ChangeSetNames": https://docs.aws.amazon.com/marketplace/latest/APIReference/API_Filter.html).
     */
    public List<String> named(String accountId, String name) {
        return AwsFailures.call("listing change sets", accountId, () -> {
            List<String> ids = new ArrayList<>();
            clients.catalog(accountId).listChangeSetsPaginator(r -> r.catalog(MarketplaceCatalog.CATALOG)
                            .filterList(Filter.builder().name("ChangeSetName").valueList(name).build()).maxResults(20))
                    .forEach(page -> page.changeSetSummaryList().forEach(set -> ids.add(set.changeSetId())));
            return ids;
        });
    }

    public DescribeChangeSetResponse describe(String accountId, String changeSetId) {
        return AwsFailures.call("reading change set " + changeSetId, accountId, () -> clients.catalog(accountId)
                .describeChangeSet(r -> r.catalog(MarketplaceCatalog.CATALOG).changeSetId(changeSetId)));
    }

    /** Change sets in the status (e.g. APPLYING), across pages. */
    public List<ChangeSetSummaryListItem> inStatus(String accountId, ChangeStatus status) {
        return AwsFailures.call("listing change sets", accountId, () -> {
            List<ChangeSetSummaryListItem> all = new ArrayList<>();
            clients.catalog(accountId).listChangeSetsPaginator(r -> r.catalog(MarketplaceCatalog.CATALOG)
                            .filterList(Filter.builder().name("Status").valueList(status.toString()).build())
                            .maxResults(20))
                    .forEach(page -> all.addAll(page.changeSetSummaryList()));
            return all;
        });
    }

    /** Change sets that ended (succeeded, failed or were cancelled) after the moment, across pages. */
    public List<ChangeSetSummaryListItem> endedSince(String accountId, Instant since) {
        String after = since.truncatedTo(ChronoUnit.SECONDS).toString();
        return AwsFailures.call("listing change sets", accountId, () -> {
            List<ChangeSetSummaryListItem> all = new ArrayList<>();
            clients.catalog(accountId).listChangeSetsPaginator(r -> r.catalog(MarketplaceCatalog.CATALOG)
                            .filterList(Filter.builder().name("AfterEndTime").valueList(after).build()).maxResults(20))
                    .forEach(page -> all.addAll(page.changeSetSummaryList()));
            return all;
        });
    }
}
