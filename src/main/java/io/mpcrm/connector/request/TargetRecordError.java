package io.mpcrm.connector.request;

import io.mpcrm.connector.salesforce.SObjectCatalog;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Shows a request's failure on the record the seller works on, not only on the request: any target object with a
 * {@code Last_Error__c} field (offers, resale authorizations) gets the explanation, and loses it when a later request
 * on it succeeds.
 */
@Component
public class TargetRecordError {

    public static final String FIELD = "Last_Error__c";
    private static final Logger log = LoggerFactory.getLogger(TargetRecordError.class);

    private final SObjectCatalog catalog;
    private final SalesforceRecords salesforce;

    public TargetRecordError(SObjectCatalog catalog, SalesforceRecords salesforce) {
        this.catalog = catalog;
        this.salesforce = salesforce;
    }

    public void show(MarketplaceRequest request, String error) {
        write(request, request.name() + " (" + request.action() + ") failed: " + error);
    }

    public void clear(MarketplaceRequest request) {
        write(request, null);
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
