package io.mpcrm.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** What the clone actions copy: chosen fields of a record, and a parent's child records under a new parent. */
@Component
public class RecordCopies {

    private final SalesforceRecords salesforce;

    public RecordCopies(SalesforceRecords salesforce) {
        this.salesforce = salesforce;
    }

    /** The children of {@code from}, with the chosen fields, ready to be created under {@code to}. */
    public List<Map<String, Object>> children(String sobject, List<String> fields, String parentField, String from,
                                              String to) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ObjectNode child : salesforce.query("SELECT " + String.join(", ", fields) + " FROM " + sobject + " WHERE "
                + parentField + " = " + Soql.quote(from))) {
            Map<String, Object> row = fields(child, fields);
            row.put(parentField, to);
            rows.add(row);
        }
        return rows;
    }

    /** The chosen fields that have a value, as numbers, booleans or text. */
    public static Map<String, Object> fields(ObjectNode record, List<String> fields) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (String field : fields) {
            JsonNode value = record.get(field);
            if (value != null && !value.isNull()) {
                copy.put(field, value.isNumber() ? value.decimalValue() : value.isBoolean() ? value.booleanValue()
                        : value.asText());
            }
        }
        return copy;
    }
}
