package io.mpcrm.connector.sharedresale;

import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.BUYER_ACCOUNTS;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.CURRENCY_CODE;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.EXPIRATION;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.ID_FIELD;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.LEGAL_TERMS;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.MAXIMUM_START;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.NAME;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.OFFERS_CREATED;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.OFFER_STATUS;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.PRICING_MODEL;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.PRODUCT;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.PRODUCT_ID;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.SELLER;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.SHARED;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.STATUS;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.USAGE;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.WHOLESALE_RATES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorizationRefresh;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SObjectField;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** Reads the shared resale authorizations channel partner offers are made on. */
@Component
public class SharedResaleAuthorizations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIELDS = Stream.concat(Stream.of("Id", ID_FIELD.name(), SELLER.name(), PRODUCT.name()),
            SharedResaleAuthorizationRefresh.FIELDS.stream()).distinct().collect(Collectors.joining(", "));

    private final SalesforceRecords salesforce;
    private final SharedResaleAuthorizationRefresh refresh;

    public SharedResaleAuthorizations(SalesforceRecords salesforce, SharedResaleAuthorizationRefresh refresh) {
        this.salesforce = salesforce;
        this.refresh = refresh;
    }

    /** The authorization as the last sync stored it, or null when no such record exists. */
    public SharedResaleAuthorization find(String recordId) {
        ObjectNode record = record(recordId);
        return record == null ? null : read(record);
    }

    /**
     * The authorization a channel partner offer record names, as AWS Marketplace holds it now: read again from AWS
     * (one DescribeEntity) and written onto the shared record when it changed, so that an authorization the ISV
     * restricted or ended since the last sync is refused before anything is sent. A missing one is refused on the
     * lookup field.
     */
    public SharedResaleAuthorization current(ObjectNode offerRecord, SObjectField lookup, String accountId) {
        ObjectNode record = record(FieldValues.text(offerRecord, lookup));
        if (record == null) {
            throw new RequestRejected(List.of(new FieldProblem(lookup.name(),
                    "A channel partner offer is made on a shared resale authorization: choose one (refresh shared"
                            + " resale authorizations if it is missing).")));
        }
        return read(refresh.refresh(accountId, record, lookup));
    }

    private ObjectNode record(String recordId) {
        if (recordId == null) {
            return null;
        }
        List<ObjectNode> found = salesforce.query("SELECT " + FIELDS + " FROM " + SHARED + " WHERE Id = "
                + Soql.quote(recordId));
        return found.isEmpty() ? null : found.get(0);
    }

    static SharedResaleAuthorization read(JsonNode r) {
        String buyers = FieldValues.text(r, BUYER_ACCOUNTS);
        return new SharedResaleAuthorization(r.path("Id").asText(), FieldValues.text(r, ID_FIELD),
                FieldValues.text(r, NAME), FieldValues.text(r, SELLER), FieldValues.text(r, PRODUCT_ID),
                FieldValues.text(r, PRODUCT), FieldValues.text(r, PRICING_MODEL),
                FieldValues.text(r, CURRENCY_CODE), json(FieldValues.text(r, WHOLESALE_RATES)),
                json(FieldValues.text(r, LEGAL_TERMS)), "One-time".equals(FieldValues.text(r, USAGE)),
                date(FieldValues.text(r, EXPIRATION)), FieldValues.text(r, STATUS),
                buyers == null ? List.of() : Arrays.stream(buyers.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList(),
                r.path(OFFERS_CREATED.name()).isNumber() ? r.path(OFFERS_CREATED.name()).asInt() : null,
                FieldValues.text(r, OFFER_STATUS), date(FieldValues.text(r, MAXIMUM_START)));
    }

    private static JsonNode json(String text) {
        try {
            return text == null || text.isBlank() ? JSON.createArrayNode() : JSON.readTree(text);
        } catch (Exception unreadable) {
            // A hand-edited field is read as "no terms": the validator then says what is missing.
            return JSON.createArrayNode();
        }
    }

    private static LocalDate date(String text) {
        return text == null || text.length() < 10 ? null : LocalDate.parse(text.substring(0, 10));
    }
}
