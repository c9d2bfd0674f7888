package io.mpcrm.connector.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/** Reads the parameters a button stored as JSON on the request's {@code Input__c}. */
@Component
public class RequestInput {

    private final ObjectMapper json;

    public RequestInput(ObjectMapper json) {
        this.json = json;
    }

    /** The trimmed text of one parameter, or null when it is missing or the input is not JSON at all. */
    public String text(MarketplaceRequest request, String parameter) {
        String input = request.input();
        if (input == null || input.isBlank()) {
            return null;
        }
        try {
            JsonNode value = json.readTree(input).path(parameter);
            return value.isValueNode() && !value.isNull() ? value.asText().trim() : null;
        } catch (Exception notJson) {
            return null;
        }
    }
}
