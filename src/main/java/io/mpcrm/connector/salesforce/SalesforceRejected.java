package io.mpcrm.connector.salesforce;

import java.util.List;

/** Salesforce refused the call (4xx): retrying the same call will not help. */
public class SalesforceRejected extends RuntimeException {

    private final int status;
    private final List<SalesforceError> errors;

    public SalesforceRejected(int status, List<SalesforceError> errors, String message) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public List<SalesforceError> errors() {
        return errors;
    }

    /** One entry of Salesforce's error array. */
    public record SalesforceError(String errorCode, String message, List<String> fields) {
    }
}
