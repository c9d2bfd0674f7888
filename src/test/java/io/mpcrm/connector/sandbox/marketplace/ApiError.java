package io.mpcrm.connector.sandbox.marketplace;

import java.util.LinkedHashMap;
import java.util.Map;

/** An error the sandbox answers with; rendered in the shape of the API the request was for. */
final class ApiError extends RuntimeException {

    final int status;
    final String type;
    final Map<String, Object> extra = new LinkedHashMap<>();

    ApiError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    ApiError with(String field, Object value) {
        extra.put(field, value);
        return this;
    }

    static ApiError validation(String message) {
        return new ApiError(422, "ValidationException", message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "ResourceNotFoundException", message);
    }
}
