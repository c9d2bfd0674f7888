package io.mpcrm.connector.marketplace;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplacecatalog.model.EntityDetail;
import software.amazon.awssdk.services.marketplacecatalog.model.EntityRequest;
import software.amazon.awssdk.services.marketplacecatalog.model.EntitySummary;
import software.amazon.awssdk.services.marketplacecatalog.model.OwnershipType;

/** The Catalog API as the features use it: whole listings across pages, descriptions in batches of 20. */
@Component
public class MarketplaceCatalog {

    public static final String CATALOG = "AWSMarketplace";
    private static final int PAGE_SIZE = 50;
    private static final int BATCH_SIZE = 20;

    private final SellerAccountClients clients;

    public MarketplaceCatalog(SellerAccountClients clients) {
        this.clients = clients;
    }

    /** Every entity of the type the account owns (SELF) or has been shared (SHARED), following NextToken. */
    public List<EntitySummary> listEntities(String accountId, String entityType, OwnershipType ownership) {
        return AwsFailures.call("listing " + entityType + " entities", accountId, () -> {
            List<EntitySummary> all = new ArrayList<>();
            clients.catalog(accountId).listEntitiesPaginator(r -> r.catalog(CATALOG).entityType(entityType)
                    .ownershipType(ownership).maxResults(PAGE_SIZE)).forEach(page -> all.addAll(page.entitySummaryList()));
            return all;
        });
    }

    /** One entity's details document, as DescribeEntity returns it. */
    public com.fasterxml.jackson.databind.JsonNode describeEntity(String accountId, String entityId) {
        return describe(accountId, entityId).details();
    }

    /** One entity as DescribeEntity returns it: its details document and when it last changed. */
    public DescribedEntity describe(String accountId, String entityId) {
        var response = AwsFailures.call("describing " + entityId, accountId, () -> clients.catalog(accountId)
                .describeEntity(r -> r.catalog(CATALOG).entityId(entityId)));
        return new DescribedEntity(SdkJson.of(response.detailsDocument()), instant(response.lastModifiedDate()));
    }

    /** @param lastModified the entity's LastModifiedDate, null when AWS gave none */
    public record DescribedEntity(com.fasterxml.jackson.databind.JsonNode details, Instant lastModified) {
    }

    private static Instant instant(String text) {
        try {
            return text == null || text.isBlank() ? null : Instant.parse(text);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    /**
     * The details of the entities, described 20 at a time. An entity AWS could not describe is missing from the
     * result and named in {@link Descriptions#errors()}.
     */
    public Descriptions describeEntities(String accountId, List<String> entityIds) {
        Map<String, EntityDetail> details = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (int from = 0; from < entityIds.size(); from += BATCH_SIZE) {
            List<EntityRequest> batch = entityIds.subList(from, Math.min(entityIds.size(), from + BATCH_SIZE)).stream()
                    .map(id -> EntityRequest.builder().catalog(CATALOG).entityId(id).build()).toList();
            var response = AwsFailures.call("describing entities", accountId,
                    () -> clients.catalog(accountId).batchDescribeEntities(r -> r.entityRequestList(batch)));
            details.putAll(response.entityDetails());
            response.errors().forEach((id, error) -> errors.put(id, error.errorCode() + ": " + error.errorMessage()));
        }
        return new Descriptions(details, errors);
    }

    public record Descriptions(Map<String, EntityDetail> details, Map<String, String> errors) {
    }
}
