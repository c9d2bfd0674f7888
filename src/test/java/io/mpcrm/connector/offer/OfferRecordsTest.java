package io.mpcrm.connector.offer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** How an offer record, read with its (here: no) rates and installments, becomes the offer that is validated and sent. */
class OfferRecordsTest {

    private final OfferRecords records = new OfferRecords(null, null);

    @Test
    void buyersSeeTheOfferNameWhenOneIsGiven() {
        ObjectNode record = record("REQ-OFFER-7").put("Offer_Name__c", "Acme Analytics for Example Corp");

        assertThat(records.offer(record, null).name()).isEqualTo("Acme Analytics for Example Corp");
    }

    @Test
    void anEmptyOfferNameAndOneOfSpacesFollowOneRuleBuyersSeeTheRecordsName() {
        ObjectNode empty = record("Acme deal");
        ObjectNode spaces = record("Acme deal").put("Offer_Name__c", "   ");

        assertThat(records.offer(empty, null).name()).isEqualTo("Acme deal");
        assertThat(records.offer(spaces, null).name()).isEqualTo("Acme deal");
    }

    /** An offer record as the query returns it, with no rates and no installments. */
    private static ObjectNode record(String name) {
        ObjectNode record = JsonNodeFactory.instance.objectNode().put("Id", "a0B000000000001AAA").put("Name", name);
        record.putNull("Offer_Name__c");
        record.putNull(OfferRecords.RATES);
        record.putNull(OfferRecords.INSTALLMENTS);
        return record;
    }
}
