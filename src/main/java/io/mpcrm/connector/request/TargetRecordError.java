package io.mpcrm.connector.request;

import io.mpcrm.connector.salesforce.SObjectCatalog;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Shows a request's failure on the record the seller works on, not only on the request: any target object with a
 * {@code Last_Error__c} field (offers, resale authorizations) gets the explanation, and loses it when a later request
 * on it succeeds. A target whose field the request's action read empty is not written on success: that write would
 * change nothing and cost a Salesforce call per request.
 */
@Component
public class TargetRecordError {

    public static final String FIELD = "Last_Error__c";
    private static final Logger log = LoggerFactory.getLogger(TargetRecordError.class);

    private final SObjectCatalog catalog;
    private final SalesforceRecords salesforce;
    /** Targets of running requests whose {@code Last_Error__c} was empty when their action read them. */
    private final Set<String> readEmpty = ConcurrentHashMap.newKeySet();

    public TargetRecordError(SObjectCatalog catalog, SalesforceRecords salesforce) {
        this.catalog = catalog;
        this.salesforce = salesforce;
    }

    /**
     * What an action read in the target's {@code Last_Error__c}. Requests on one record run one at a time, so the
     * value holds until the request ends, unless the action writes it itself (then it stays as the action left it);
     * it is forgotten when the request ends or waits for another attempt.
     */
    public void read(String recordId, String lastError) {
        if (lastError == null || lastError.isEmpty()) {
            readEmpty.add(recordId);
        } else {
            readEmpty.remove(recordId);
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

    /** Forgets what was read of the request's target (its request ended or waits); true if it was read empty. */
    public boolean forget(MarketplaceRequest request) {
        return request.targetRecordId() != null && readEmpty.remove(request.targetRecordId());
    }

    private void write(MarketplaceRequest request, String value) {
        try {
            catalog.objectOf(request.targetRecordId())
                    .filter(sobject -> catalog.hasField(sobject, FIELD))
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
