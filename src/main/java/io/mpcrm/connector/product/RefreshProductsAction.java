package io.mpcrm.connector.product;

import static io.mpcrm.connector.fields.ProductFields.DIMENSION;
import static io.mpcrm.connector.fields.ProductFields.DIMENSION_DESCRIPTION;
import static io.mpcrm.connector.fields.ProductFields.DIMENSION_KEY;
import static io.mpcrm.connector.fields.ProductFields.DIMENSION_NAME;
import static io.mpcrm.connector.fields.ProductFields.DIMENSION_PRODUCT;
import static io.mpcrm.connector.fields.ProductFields.LAST_SYNCED_AT;
import static io.mpcrm.connector.fields.ProductFields.NAME;
import static io.mpcrm.connector.fields.ProductFields.PRODUCT;
import static io.mpcrm.connector.fields.ProductFields.PRODUCT_DIMENSION_KEY;
import static io.mpcrm.connector.fields.ProductFields.PRODUCT_ID;
import static io.mpcrm.connector.fields.ProductFields.PRODUCT_TYPE;
import static io.mpcrm.connector.fields.ProductFields.SELLER;
import static io.mpcrm.connector.fields.ProductFields.TYPES;
import static io.mpcrm.connector.product.ProductVisibility.UNAVAILABLE;
import static io.mpcrm.connector.fields.ProductFields.UNIT;
import static io.mpcrm.connector.fields.ProductFields.VISIBILITY;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpcrm.connector.marketplace.MarketplaceCatalog;
import io.mpcrm.connector.marketplace.SdkJson;
import io.mpcrm.connector.request.SyncMetrics;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.SalesforceRecords.WriteResult;
import io.mpcrm.connector.salesforce.Soql;
import io.mpcrm.connector.request.SyncReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplacecatalog.model.EntityDetail;
import software.amazon.awssdk.services.marketplacecatalog.model.EntitySummary;
import software.amazon.awssdk.services.marketplacecatalog.model.OwnershipType;

/**
 * REFRESH_PRODUCTS: every product the seller account owns, of every type, with its dimensions, upserted by product
 * id. A product the account no longer sees stays in Salesforce, marked Unavailable.
 */
@Component
public class RefreshProductsAction implements RequestAction {

    /** Catalog entity type → the seller's word for it ({@code Product_Type__c}). */
    private static final Map<String, String> PRODUCT_TYPES = Map.of(
            "SaaSProduct", "SaaS", "AmiProduct", "AMI", "ContainerProduct", "Container", "DataProduct", "Data");

    private final MarketplaceCatalog catalog;
    private final SalesforceRecords salesforce;
    private final Clock clock;
    private final SyncMetrics syncMetrics;

    public RefreshProductsAction(MarketplaceCatalog catalog, SalesforceRecords salesforce, Clock clock,
                                 SyncMetrics syncMetrics) {
        this.catalog = catalog;
        this.salesforce = salesforce;
        this.clock = clock;
        this.syncMetrics = syncMetrics;
    }

    @Override
    public String action() {
        return "REFRESH_PRODUCTS";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(RequestFields.SELLER_ACCOUNT);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        String account = request.sellerAccountId();
        Map<String, String> typeOf = new LinkedHashMap<>();
        for (var type : PRODUCT_TYPES.entrySet()) {
            for (EntitySummary summary : catalog.listEntities(account, type.getKey(), OwnershipType.SELF)) {
                typeOf.put(summary.entityId(), type.getValue());
            }
        }
        MarketplaceCatalog.Descriptions described = catalog.describeEntities(account, List.copyOf(typeOf.keySet()));
        SyncReport report = new SyncReport("product");
        described.errors().forEach((id, error) -> report.failed(id, "AWS could not describe it: " + error));

        String now = FieldValues.dateTime(clock.instant());
        List<Map<String, Object>> products = new ArrayList<>();
        Map<String, JsonNode> details = new LinkedHashMap<>();
        for (var entry : described.details().entrySet()) {
            JsonNode document = SdkJson.of(entry.getValue().detailsDocument());
            details.put(entry.getKey(), document);
            products.add(product(entry.getKey(), typeOf.get(entry.getKey()), entry.getValue(), document,
                    request.sellerAccountRecordId(), now));
        }
        List<WriteResult> written = salesforce.upsertAll(PRODUCT, PRODUCT_ID.name(), products);
        report.add(written);

        List<Map<String, Object>> dimensions = new ArrayList<>();
        for (WriteResult product : written) {
            if (product.success()) {
                for (JsonNode dimension : details.get(product.key()).path("Dimensions")) {
                    dimensions.add(dimension(product.key(), product.id(), dimension));
                }
            }
        }
        SyncReport dimensionReport = new SyncReport("dimension");
        dimensionReport.add(salesforce.upsertAll(DIMENSION, PRODUCT_DIMENSION_KEY.name(), dimensions));

        int unavailable = markUnavailable(request.sellerAccountRecordId(), typeOf.keySet(), report);
        return syncMetrics.conclude(SyncMetrics.PRODUCTS, account, report, dimensionReport.summary() + (unavailable == 0 ? "" : "; " + unavailable
                + (unavailable == 1 ? " product" : " products") + " the account no longer sees marked " + UNAVAILABLE));
    }

    private static Map<String, Object> product(String productId, String type, EntityDetail detail, JsonNode document,
                                               String sellerAccount, String now) {
        JsonNode description = document.path("Description");
        String title = description.path("ProductTitle").asText(productId);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(PRODUCT_ID.name(), productId);
        row.put(NAME.name(), title.length() > 80 ? title.substring(0, 80) : title);
        row.put(PRODUCT_TYPE.name(), type);
        row.put(VISIBILITY.name(), description.path("Visibility").asText(null));
        row.put(SELLER.name(), sellerAccount);
        row.put(LAST_SYNCED_AT.name(), now);
        return row;
    }

    private static Map<String, Object> dimension(String productId, String productRecord, JsonNode dimension) {
        String key = dimension.path("Key").asText();
        String name = dimension.path("Name").asText(key);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(PRODUCT_DIMENSION_KEY.name(), productId + "/" + key);
        row.put(DIMENSION_PRODUCT.name(), productRecord);
        row.put(DIMENSION_KEY.name(), key);
        row.put(DIMENSION_NAME.name(), name.length() > 80 ? name.substring(0, 80) : name);
        row.put(UNIT.name(), dimension.path("Unit").asText(null));
        String description = dimension.path("Description").asText(null);
        // The field's length; a longer text would make Salesforce refuse the whole row.
        row.put(DIMENSION_DESCRIPTION.name(), description == null || description.length() <= 1000 ? description
                : description.substring(0, 1000));
        row.put(TYPES.name(), StreamSupport.stream(dimension.path("Types").spliterator(), false)
                .map(JsonNode::asText).collect(Collectors.joining(";")));
        return row;
    }

    private int markUnavailable(String sellerAccount, Set<String> seen, SyncReport report) {
        List<Map<String, Object>> gone = salesforce.query("SELECT Id, " + PRODUCT_ID + " FROM " + PRODUCT
                        + " WHERE " + SELLER + " = " + Soql.quote(sellerAccount) + " AND (" + VISIBILITY + " != "
                        + Soql.quote(UNAVAILABLE) + " OR " + VISIBILITY + " = null)").stream()
                .filter(r -> !seen.contains(r.path(PRODUCT_ID.name()).asText()))
                .map(r -> Map.<String, Object>of("Id", r.path("Id").asText(), VISIBILITY.name(), UNAVAILABLE))
                .toList();
        if (!gone.isEmpty()) {
            salesforce.updateAll(PRODUCT, gone).stream().filter(r -> !r.success())
                    .forEach(r -> report.failed(r.key(), String.join("; ", r.errors())));
        }
        return gone.size();
    }
}
