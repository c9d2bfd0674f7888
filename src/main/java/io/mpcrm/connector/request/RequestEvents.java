package io.mpcrm.connector.request;

import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.salesforce.RecordIds;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a {@code Marketplace_Request_Event__e}. The event only says "look at request X"; everything else is read
 * from the request record, so a duplicated, late or replayed event can do no harm.
 */
@Component
public class RequestEvents {

    static final String REQUEST_ID = RequestFields.EVENT_REQUEST_ID.name();
    private static final Logger log = LoggerFactory.getLogger(RequestEvents.class);

    /** The announced request's id, or null for an event that names no well-formed id. */
    public String requestId(GenericRecord event) {
        Object value = event.hasField(REQUEST_ID) ? event.get(REQUEST_ID) : null;
        String id = value == null ? null : value.toString();
        if (!RecordIds.isRecordId(id)) {
            log.warn("Ignoring a request event without a well-formed {}: {}", REQUEST_ID, value);
            return null;
        }
        return id;
    }
}
