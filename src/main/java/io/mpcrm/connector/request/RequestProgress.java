package io.mpcrm.connector.request;

import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Shows how far a long request has got on its {@code Progress__c}, so a seller can watch a big sync move. */
@Component
public class RequestProgress {

    private static final Logger log = LoggerFactory.getLogger(RequestProgress.class);
    private final SalesforceRecords salesforce;

    public RequestProgress(SalesforceRecords salesforce) {
        this.salesforce = salesforce;
    }

    public void report(MarketplaceRequest request, String progress) {
        try {
            salesforce.update(RequestFields.REQUEST, request.id(), Map.of(RequestFields.PROGRESS.name(), progress));
        } catch (RuntimeException e) {
            // Progress is a courtesy; the request's outcome is written when it ends.
            log.warn("Could not show progress on {}: {}", request.name(), e.toString());
        }
    }
}
