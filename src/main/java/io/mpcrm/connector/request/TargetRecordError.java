package io.mpcrm.connector.request;

import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.salesforce.SObjectCatalog;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Shows a request's failure on the record the seller works on, not only on the request: a target with a
 * {@code Last_Error__c} field (offers, resale authorizations) gets the explanation, and loses it when a later request
 * on it succeeds, provided it is of a kind the request's action works on ({@link RequestAction#targetObjects()}): a
 * request aimed at the wrong kind of record leaves that record alone. A target whose field the request's action read
 * empty is not written on success: that write would change nothing and cost a Salesforce call per request. Nor is one
 * whose field the action itself filled with what it found (Refresh Status reading a change set AWS failed): that is
 * the record's news, not an earlier request's failure.
 */
@Component
public class TargetRecordError {

    public static final String FIELD = RequestFields.TARGET_LAST_ERROR;
    private static final Logger log = LoggerFactory.getLogger(TargetRecordError.class);

    private final SObjectCatalog catalog;
    private final SalesforceRecords salesforce;
    /** Looked up when a request ends: the actions themselves read records through this class. */
    private final ObjectProvider<RequestAction> actions;
    /**
     * Targets of running requests whose {@code Last_Error__c} a success must not write: empty when their action read
     * them, or written by the action itself.
     */
    private final Set<String> leaveOnSuccess = ConcurrentHashMap.newKeySet();

    public TargetRecordError(SObjectCatalog catalog, SalesforceRecords salesforce,
                             ObjectProvider<RequestAction> actions) {
        this.catalog = catalog;
        this.salesforce = salesforce;
        this.actions = actions;
    }

    /**
     * What an action read in the target's {@code Last_Error__c}. Requests on one record run one at a time, so the
     * value holds until the request ends, unless the action writes it itself (then it stays as the action left it);
     * it is forgotten when the request ends or waits for another attempt.
     */
    public void read(String recordId, String lastError) {
        if (lastError == null || lastError.isEmpty()) {
            leaveOnSuccess.add(recordId);
        } else {
            leaveOnSuccess.remove(recordId);
        }
    }

    /** The request's action wrote its target's {@code Last_Error__c} itself: its success leaves it as it is. */
    public void writtenByAction(MarketplaceRequest request) {
        if (request.targetRecordId() != null) {
            leaveOnSuccess.add(request.targetRecordId());
        }
    }

    public void show(MarketplaceRequest request, String error) {
        forget(request);
        write(request, request.name() + " (" + request.action() + ") failed: " + error);
    }

    public void clear(MarketplaceRequest request) {
        if (!forget(request)) {
            write(request, null);
        }
    }

    /**
     * Forgets what was read of the request's target (its request ended or waits); true if a success must leave it: it
     * was read empty, or the action wrote it.
     */
    public boolean forget(MarketplaceRequest request) {
        return request.targetRecordId() != null && leaveOnSuccess.remove(request.targetRecordId());
    }

    private Set<String> targetObjects(String action) {
        return actions.stream().filter(a -> a.action().equals(action)).findFirst()
                .map(RequestAction::targetObjects).orElse(Set.of());
    }

    private void write(MarketplaceRequest request, String value) {
        try {
            Set<String> kinds = targetObjects(request.action());
            catalog.objectOf(request.targetRecordId())
                    .filter(sobject -> kinds.contains(sobject) && catalog.hasField(sobject, FIELD))
                    .ifPresent(sobject -> {
                        Map<String, Object> fields = new HashMap<>();
                        fields.put(FIELD, ErrorText.fit(value));
                        salesforce.update(sobject, request.targetRecordId(), fields);
                    });
        } catch (RuntimeException e) {
            // The request itself carries the outcome; the copy on the target is a convenience.
            log.warn("Could not update {} on {} for request {}: {}", FIELD, request.targetRecordId(), request.name(),
                    e.toString());
        }
    }
}
