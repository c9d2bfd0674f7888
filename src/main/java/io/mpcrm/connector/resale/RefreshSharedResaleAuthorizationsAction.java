package io.mpcrm.connector.resale;

import io.mpcrm.connector.sharedresale.SharedResaleAuthorizationRows;
import io.mpcrm.connector.sharedresale.SyncedSharedResaleAuthorizations;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.BUYER_ACCOUNTS;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.CURRENCY_CODE;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.EXPIRATION;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.ID_FIELD;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.ISV_ACCOUNT;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.ISV_NAME;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.LAST_SYNCED_AT;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.LEGAL_TERMS;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.MAXIMUM_START;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.NAME;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.OFFERS_CREATED;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.OFFER_STATUS;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.PRICING_MODEL;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.PRODUCT_ID;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.PRODUCT_NAME;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.SELLER;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.SHARED;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.STATUS;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.USAGE;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.WHOLESALE_RATES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.marketplace.MarketplaceCatalog;
import io.mpcrm.connector.marketplace.SdkJson;
import io.mpcrm.connector.request.SyncMetrics;
import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.request.SyncReport;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplacecatalog.model.EntitySummary;
import software.amazon.awssdk.services.marketplacecatalog.model.OwnershipType;

/**
 * REFRESH_SHARED_RESALE_AUTHORIZATIONS: every resale authorization an ISV shared with this channel partner's
 * account, with its wholesale terms, legal documents, one-time or multi-use, expiry and status. Only records whose
 * fields changed are written, so a sync that finds nothing new writes nothing. Channel partner offers imported
 * before their authorization was synced are linked to it.
 */
@Component
public class RefreshSharedResaleAuthorizationsAction implements RequestAction {


    private final MarketplaceCatalog catalog;
    private final SalesforceRecords salesforce;
    private final Clock clock;
    private final SyncMetrics syncMetrics;

    public RefreshSharedResaleAuthorizationsAction(MarketplaceCatalog catalog, SalesforceRecords salesforce,
                                                   Clock clock, SyncMetrics syncMetrics) {
        this.catalog = catalog;
        this.salesforce = salesforce;
        this.clock = clock;
        this.syncMetrics = syncMetrics;
    }

    @Override
    public String action() {
        return "REFRESH_SHARED_RESALE_AUTHORIZATIONS";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(RequestFields.SELLER_ACCOUNT);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        String account = request.sellerAccountId();
        List<String> ids = catalog.listEntities(account, "ResaleAuthorization", OwnershipType.SHARED).stream()
                .map(EntitySummary::entityId).toList();
        MarketplaceCatalog.Descriptions described = catalog.describeEntities(account, ids);
        SyncReport report = new SyncReport("shared resale authorization");
        described.errors().forEach((id, error) -> report.failed(id, "AWS could not describe it: " + error));
        Instant now = clock.instant();
        SyncedSharedResaleAuthorizations synced = SyncedSharedResaleAuthorizations.of(salesforce,
                request.sellerAccountRecordId());
        List<Map<String, Object>> rows = new ArrayList<>();
        described.details().forEach((id, detail) -> {
            Map<String, Object> row = SharedResaleAuthorizationRows.row(id, SdkJson.of(detail.detailsDocument()), request.sellerAccountRecordId(), now);
            if (synced.unchanged(row)) {
                report.unchanged(1);
            } else {
                rows.add(row);
            }
        });
        Map<String, String> records = new HashMap<>(synced.recordIds());
        if (!rows.isEmpty()) {
            List<SalesforceRecords.WriteResult> written = salesforce.upsertAll(SHARED, ID_FIELD.name(), rows);
            report.add(written);
            written.stream().filter(SalesforceRecords.WriteResult::success)
                    .forEach(result -> records.put(result.key(), result.id()));
        }
        int linked = linkOffers(request.sellerAccountRecordId(), records, report);
        return syncMetrics.conclude(SyncMetrics.SHARED_RESALE_AUTHORIZATIONS, account, report, linked == 0 ? null
                : linked + (linked == 1 ? " channel partner offer" : " channel partner offers")
                + " linked to " + (linked == 1 ? "its" : "their") + " authorization");
    }

    /**
     * Fills Shared_Resale_Authorization__c on the account's offers that name an authorization by its AWS id (Import
     * Offer of a channel partner offer) but do not link to it yet. One query, and a write only when there is a link
     * to fill.
     */
    private int linkOffers(String sellerAccountRecordId, Map<String, String> records, SyncReport report) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ObjectNode offer : salesforce.query("SELECT Id, " + OfferFields.OFFER_RESALE_AUTHORIZATION_ID + " FROM "
                + OfferFields.OFFER + " WHERE " + OfferFields.SELLER + " = " + Soql.quote(sellerAccountRecordId)
                + " AND " + OfferFields.OFFER_RESALE_AUTHORIZATION_ID + " != null AND "
                + OfferFields.SHARED_RESALE_AUTHORIZATION + " = null")) {
            String shared = records.get(FieldValues.text(offer, OfferFields.OFFER_RESALE_AUTHORIZATION_ID));
            if (shared != null) {
                rows.add(Map.of("Id", offer.path("Id").asText(), OfferFields.SHARED_RESALE_AUTHORIZATION.name(),
                        shared));
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        int linked = 0;
        for (SalesforceRecords.WriteResult result : salesforce.updateAll(OfferFields.OFFER, rows)) {
            if (result.success()) {
                linked++;
            } else {
                report.failed("channel partner offer " + result.key(), "could not be linked to its authorization: "
                        + String.join("; ", result.errors()));
            }
        }
        return linked;
    }
}
