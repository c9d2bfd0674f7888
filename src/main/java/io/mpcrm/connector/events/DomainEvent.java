package io.mpcrm.connector.events;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * Something a seller's business would want to act on, as admins' own routes receive it (JSON, always these keys;
 * a key that does not apply is null).
 *
 * @param type what happened
 * @param occurredAt when the connector saw it
 * @param sellerAccount the 12-digit AWS account id of the seller account
 * @param sobject the API name of the Salesforce record it is about
 * @param recordId that record's id
 * @param status the record's status after it (Released, FAILED, Restricted, an agreement's status, Failed ...)
 * @param message what happened, in the words the record shows a seller
 * @param marketplaceIds the AWS Marketplace ids involved
 * @param action for a request: its Action__c
 * @param targetRecordId for a request: the record it was pressed on
 */
@JsonPropertyOrder({"type", "occurredAt", "sellerAccount", "sobject", "recordId", "status", "message",
        "marketplaceIds", "action", "targetRecordId"})
public record DomainEvent(Type type, Instant occurredAt, String sellerAccount, String sobject, String recordId,
                          String status, String message, MarketplaceIds marketplaceIds, String action,
                          String targetRecordId) {

    public enum Type {
        OFFER_RELEASED, OFFER_FAILED, OFFER_EXPIRING, AGREEMENT_NEW, AGREEMENT_CHANGED,
        RESALE_AUTHORIZATION_RESTRICTED, REQUEST_FAILED
    }

    /** The AWS Marketplace ids an event names; those that do not apply are null. */
    @JsonPropertyOrder({"offerId", "changeSetId", "agreementId", "resaleAuthorizationId"})
    public record MarketplaceIds(String offerId, String changeSetId, String agreementId, String resaleAuthorizationId) {

        public static MarketplaceIds offer(String offerId, String changeSetId) {
            return new MarketplaceIds(offerId, changeSetId, null, null);
        }

        public static MarketplaceIds agreement(String agreementId, String offerId) {
            return new MarketplaceIds(offerId, null, agreementId, null);
        }

        public static MarketplaceIds resaleAuthorization(String authorizationId, String changeSetId) {
            return new MarketplaceIds(null, changeSetId, null, authorizationId);
        }

        public static MarketplaceIds none() {
            return new MarketplaceIds(null, null, null, null);
        }
    }
}
