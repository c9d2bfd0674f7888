package io.mpcrm.connector.sandbox.salesforce;

import java.util.List;

/** A Salesforce REST error: HTTP status plus one {@code {"message","errorCode","fields"}} entry. */
public class SalesforceApiException extends RuntimeException {

    private final int status;
    private final String errorCode;
    private final List<String> fields;

    public SalesforceApiException(int status, String errorCode, String message, List<String> fields) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public SalesforceApiException(int status, String errorCode, String message) {
        this(status, errorCode, message, List.of());
    }

    public static SalesforceApiException badRequest(String errorCode, String message, String... fields) {
        return new SalesforceApiException(400, errorCode, message, List.of(fields));
    }

    public static SalesforceApiException notFound() {
        return new SalesforceApiException(404, "NOT_FOUND", "The requested resource does not exist");
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public List<String> fields() {
        return fields;
    }
}
