package io.mpcrm.connector.request;

import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Records the request a schedule asks for, unless the same sync is still queued or running for that account. */
@Component
public class ScheduledRequests {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRequests.class);
    private final SalesforceRecords salesforce;

    public ScheduledRequests(SalesforceRecords salesforce) {
        this.salesforce = salesforce;
    }

    public void create(String action, String accountId) {
        var sellers = salesforce.query("SELECT Id FROM " + RequestFields.SELLER_ACCOUNT + " WHERE "
                + RequestFields.SELLER_ACCOUNT_ID + " = " + Soql.quote(accountId));
        if (sellers.isEmpty()) {
            log.warn("Scheduled {} skipped: no {} record has {} {}", action, RequestFields.SELLER_ACCOUNT,
                    RequestFields.SELLER_ACCOUNT_ID, accountId);
            return;
        }
        String seller = FieldValues.text(sellers.get(0), RequestFields.ID_FIELD);
        var open = salesforce.query("SELECT Id FROM " + RequestFields.REQUEST + " WHERE " + RequestFields.ACTION
                + " = " + Soql.quote(action) + " AND " + RequestFields.SELLER + " = " + Soql.quote(seller) + " AND "
                + RequestFields.STATUS + " IN " + Soql.quoteAll(java.util.List.of(RequestStatus.Queued.name(),
                RequestStatus.Processing.name(), RequestStatus.Waiting.name())) + " LIMIT 1");
        if (!open.isEmpty()) {
            log.info("Scheduled {} for {} skipped: the previous one has not finished", action, accountId);
            return;
        }
        String id = salesforce.create(RequestFields.REQUEST, Map.of(RequestFields.ACTION.name(), action,
                RequestFields.SELLER.name(), seller, RequestFields.TARGET_RECORD_ID.name(), seller));
        log.info("Scheduled {} for {} recorded as request {}", action, accountId, id);
    }
}
