package io.mpcrm.connector.salesforce;

/** Salesforce could not take the call now (5xx, limits, network); the same call may succeed later. */
public class SalesforceUnavailable extends RuntimeException {

    public SalesforceUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
