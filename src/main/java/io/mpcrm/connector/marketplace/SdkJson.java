package io.mpcrm.connector.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;

/**
 * SDK model objects and documents as JSON, member names as on the wire. Agreement terms are stored on the Salesforce
 * record as the API sent them, without a hand-written mapping that would drop the members it does not know.
 */
public final class SdkJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SdkJson() {
    }

    /** A JSON document (a change's DetailsDocument) as the SDK's {@link Document}. */
    public static Document toDocument(JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return Document.fromNull();
        }
        if (json.isObject()) {
            Map<String, Document> members = new java.util.LinkedHashMap<>();
            json.fields().forEachRemaining(e -> members.put(e.getKey(), toDocument(e.getValue())));
            return Document.fromMap(members);
        }
        if (json.isArray()) {
            java.util.List<Document> items = new java.util.ArrayList<>();
            json.forEach(item -> items.add(toDocument(item)));
            return Document.fromList(items);
        }
        if (json.isBoolean()) {
            return Document.fromBoolean(json.booleanValue());
        }
        if (json.isNumber()) {
            return Document.fromNumber(json.decimalValue());
        }
        return Document.fromString(json.asText());
    }

    public static JsonNode of(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Document document) {
            return of(document);
        }
        if (value instanceof SdkPojo pojo) {
            ObjectNode object = NODES.objectNode();
            for (SdkField<?> field : pojo.sdkFields()) {
                Object member = field.getValueOrDefault(pojo);
                if (member != null) {
                    object.set(field.locationName(), of(member));
                }
            }
            return object;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), of(v)));
            return object;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(v -> array.add(of(v)));
            return array;
        }
        if (value instanceof SdkNumber number) {
            return number(new BigDecimal(number.stringValue()));
        }
        if (value instanceof Number number) {
            return NODES.numberNode(new BigDecimal(number.toString()));
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof SdkBytes bytes) {
            return NODES.textNode(bytes.asUtf8String());
        }
        return NODES.textNode(value.toString());
    }

    /**
     * A document member by member. Not {@link Document#unwrap()}: it gives a number as its text, so OfferCreatedCount
     * or a grant's MaxQuantity would read as a string.
     */
    private static JsonNode of(Document document) {
        if (document == null || document.isNull()) {
            return NODES.nullNode();
        }
        if (document.isNumber()) {
            return number(document.asNumber().bigDecimalValue());
        }
        if (document.isBoolean()) {
            return NODES.booleanNode(document.asBoolean());
        }
        if (document.isString()) {
            return NODES.textNode(document.asString());
        }
        if (document.isList()) {
            ArrayNode array = NODES.arrayNode();
            document.asList().forEach(item -> array.add(of(item)));
            return array;
        }
        ObjectNode object = NODES.objectNode();
        document.asMap().forEach((name, member) -> object.set(name, of(member)));
        return object;
    }

    /** A whole number as an integer (10, as AWS sent it, not 10.0), any other as a decimal. */
    private static JsonNode number(BigDecimal value) {
        if (value.scale() <= 0) {
            try {
                long whole = value.longValueExact();
                return whole == (int) whole ? NODES.numberNode((int) whole) : NODES.numberNode(whole);
            } catch (ArithmeticException tooLarge) {
                return NODES.numberNode(value.toBigIntegerExact());
            }
        }
        return NODES.numberNode(value);
    }
}
