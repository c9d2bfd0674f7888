package io.mpcrm.connector.request;

import java.time.Instant;

/**
 * One {@code Marketplace_Request__c}: what a user asked for, on which record, for which seller account.
 *
 * @param sellerAccountRecordId the {@code AWS_Seller_Account__c} record id, or null when the request names none
 * @param sellerAccountId the 12-digit AWS account id of that seller account, or null
 */
public record MarketplaceRequest(String id, String name, String action, RequestStatus status, String requestedBy,
                                 String sellerAccountRecordId, String sellerAccountId, String targetRecordId,
                                 String input, int attempts, Instant nextAttemptAt, Instant startedAt) {
}
