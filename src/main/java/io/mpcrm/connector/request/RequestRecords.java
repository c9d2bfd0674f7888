package io.mpcrm.connector.request;

import static io.mpcrm.connector.fields.RequestFields.ACTION;
import static io.mpcrm.connector.fields.RequestFields.ATTEMPTS;
import static io.mpcrm.connector.fields.RequestFields.CLAIMED_BY;
import static io.mpcrm.connector.fields.RequestFields.CREATED_BY;
import static io.mpcrm.connector.fields.RequestFields.ERROR;
import static io.mpcrm.connector.fields.RequestFields.FINISHED_AT;
import static io.mpcrm.connector.fields.RequestFields.ID_FIELD;
import static io.mpcrm.connector.fields.RequestFields.INPUT;
import static io.mpcrm.connector.fields.RequestFields.NAME;
import static io.mpcrm.connector.fields.RequestFields.NEXT_ATTEMPT_AT;
import static io.mpcrm.connector.fields.RequestFields.REQUEST;
import static io.mpcrm.connector.fields.RequestFields.RESULT;
import static io.mpcrm.connector.fields.RequestFields.SELLER;
import static io.mpcrm.connector.fields.RequestFields.SELLER_ACCOUNT_ID;
import static io.mpcrm.connector.fields.RequestFields.STARTED_AT;
import static io.mpcrm.connector.fields.RequestFields.STATUS;
import static io.mpcrm.connector.fields.RequestFields.TARGET_RECORD_ID;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@code Marketplace_Request__c} records: finding the due ones and writing each step of their lifecycle. */
@Component
public class RequestRecords {

    private static final String FIELDS = String.join(", ", ID_FIELD.name(), NAME.name(), CREATED_BY.name(),
            ACTION.name(), STATUS.name(), SELLER.name(), SELLER.relationship() + "." + SELLER_ACCOUNT_ID.name(),
            TARGET_RECORD_ID.name(), INPUT.name(), ATTEMPTS.name(), NEXT_ATTEMPT_AT.name(), STARTED_AT.name());

    private final SalesforceRecords salesforce;

    public RequestRecords(SalesforceRecords salesforce) {
        this.salesforce = salesforce;
    }

    /**
     * Ids of requests to work on: Queued ones, Waiting ones whose next attempt is due, and Processing ones whose
     * worker stopped before finishing (started before {@code abandonedBefore}). Oldest first.
     */
    public List<String> dueIds(Instant now, Instant abandonedBefore, int limit) {
        String soql = "SELECT Id FROM " + REQUEST
                + " WHERE " + STATUS + " = " + Soql.quote(RequestStatus.Queued.name())
                + " OR (" + STATUS + " = " + Soql.quote(RequestStatus.Waiting.name())
                + " AND " + NEXT_ATTEMPT_AT + " <= " + Soql.dateTime(now) + ")"
                + " OR (" + STATUS + " = " + Soql.quote(RequestStatus.Processing.name())
                + " AND " + STARTED_AT + " < " + Soql.dateTime(abandonedBefore) + ")"
                + " ORDER BY CreatedDate ASC LIMIT " + limit;
        return salesforce.query(soql).stream().map(r -> FieldValues.text(r, ID_FIELD)).toList();
    }

    /** The request as it is in Salesforce now, or empty if it was deleted. */
    public Optional<MarketplaceRequest> find(String id) {
        return salesforce.query("SELECT " + FIELDS + " FROM " + REQUEST + " WHERE Id = " + Soql.quote(id))
                .stream().findFirst().map(RequestRecords::toRequest);
    }

    /**
     * Requests that have not ended (Queued, Processing or Waiting) with one of the actions, on any of the records
     * (named by their 15- or 18-character id, as a Flow or the API may write either), oldest first.
     */
    public List<UnfinishedRequest> unfinishedOn(Collection<String> recordIds, Collection<String> actions) {
        Collection<String> ids = new LinkedHashSet<>();
        for (String id : recordIds) {
            ids.add(id);
            if (id.length() == 18) {
                ids.add(id.substring(0, 15));
            }
        }
        if (ids.isEmpty() || actions.isEmpty()) {
            return List.of();
        }
        String soql = "SELECT " + ID_FIELD + ", " + NAME + ", " + ACTION + ", " + STATUS + ", " + TARGET_RECORD_ID
                + " FROM " + REQUEST + " WHERE " + TARGET_RECORD_ID + " IN " + Soql.quoteAll(ids)
                + " AND " + ACTION + " IN " + Soql.quoteAll(actions)
                + " AND " + STATUS + " IN " + Soql.quoteAll(List.of(RequestStatus.Queued.name(),
                RequestStatus.Processing.name(), RequestStatus.Waiting.name()))
                + " ORDER BY CreatedDate ASC";
        return salesforce.query(soql).stream().map(r -> new UnfinishedRequest(FieldValues.text(r, ID_FIELD),
                FieldValues.text(r, NAME), FieldValues.text(r, ACTION),
                RequestStatus.valueOf(FieldValues.text(r, STATUS)), FieldValues.text(r, TARGET_RECORD_ID))).toList();
    }

    public void markProcessing(MarketplaceRequest request, Instant now, String worker) {
        write(request, Map.of(STATUS.name(), RequestStatus.Processing.name(),
                STARTED_AT.name(), FieldValues.dateTime(now),
                ATTEMPTS.name(), request.attempts(),
                CLAIMED_BY.name(), worker));
    }

    public void markSucceeded(MarketplaceRequest request, String result, Instant now) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(STATUS.name(), RequestStatus.Succeeded.name());
        fields.put(RESULT.name(), result);
        fields.put(ERROR.name(), null);
        fields.put(NEXT_ATTEMPT_AT.name(), null);
        fields.put(FINISHED_AT.name(), FieldValues.dateTime(now));
        write(request, fields);
    }

    public void markFailed(MarketplaceRequest request, String error, Instant now) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(STATUS.name(), RequestStatus.Failed.name());
        fields.put(ERROR.name(), ErrorText.fit(error));
        fields.put(NEXT_ATTEMPT_AT.name(), null);
        fields.put(FINISHED_AT.name(), FieldValues.dateTime(now));
        write(request, fields);
    }

    /** Waiting for another attempt; {@code attempts} is what the next claim counts from. */
    public void markWaiting(MarketplaceRequest request, String reason, Instant nextAttemptAt, int attempts) {
        write(request, Map.of(STATUS.name(), RequestStatus.Waiting.name(),
                ERROR.name(), ErrorText.fit(reason),
                NEXT_ATTEMPT_AT.name(), FieldValues.dateTime(nextAttemptAt),
                ATTEMPTS.name(), attempts));
    }

    private void write(MarketplaceRequest request, Map<String, ?> fields) {
        salesforce.update(REQUEST, request.id(), fields);
    }

    static MarketplaceRequest toRequest(JsonNode record) {
        String status = FieldValues.text(record, STATUS);
        return new MarketplaceRequest(
                FieldValues.text(record, ID_FIELD),
                FieldValues.text(record, NAME),
                FieldValues.text(record, ACTION),
                status == null ? RequestStatus.Queued : RequestStatus.valueOf(status),
                FieldValues.text(record, CREATED_BY),
                FieldValues.text(record, SELLER),
                FieldValues.parentText(record, SELLER, SELLER_ACCOUNT_ID),
                FieldValues.text(record, TARGET_RECORD_ID),
                FieldValues.text(record, INPUT),
                FieldValues.integer(record, ATTEMPTS),
                FieldValues.instant(record, NEXT_ATTEMPT_AT),
                FieldValues.instant(record, STARTED_AT));
    }
}
