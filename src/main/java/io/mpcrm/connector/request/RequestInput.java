package io.mpcrm.connector.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mpcrm.connector.fields.RequestFields;
import java.util.List;
import org.springframework.stereotype.Component;

/** Reads the parameters a button stored as JSON on the request's {@code Input__c}. */
@Component
public class RequestInput {

    private final ObjectMapper json;

    public RequestInput(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The trimmed text of one parameter, or null when it is missing or not a text or number. Input that is not JSON
     * at all is refused on {@code Input__c}: whatever stored it is broken, and the seller should hear that.
     */
    public String text(MarketplaceRequest request, String parameter) {
        String input = request.input();
        if (input == null || input.isBlank()) {
            return null;
        }
        JsonNode value;
        try {
            value = json.readTree(input).path(parameter);
        } catch (JsonProcessingException notJson) {
            throw new RequestRejected(List.of(new FieldProblem(RequestFields.INPUT.name(), "The request's input is"
                    + " not valid JSON (" + notJson.getOriginalMessage() + " at character "
                    + notJson.getLocation().getCharOffset() + "). Press the button again; if it happens again, the"
                    + " button or flow that made the request is broken: tell your administrator.")));
        }
        return value.isValueNode() && !value.isNull() ? value.asText().trim() : null;
    }
}
