package io.mpcrm.connector.request;

/** The values of {@code Marketplace_Request__c.Status__c}. */
public enum RequestStatus {
    Queued, Processing, Waiting, Succeeded, Failed
}
