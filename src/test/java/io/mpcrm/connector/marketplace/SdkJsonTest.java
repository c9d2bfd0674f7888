package io.mpcrm.connector.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;

/** DetailsDocuments (DescribeEntity, BatchDescribeEntities) read as the JSON AWS sent, numbers as numbers. */
class SdkJsonTest {

    @Test
    void aNumberInADetailsDocumentStaysANumber() {
        // As the SDK unmarshals a resale authorization's OfferDetails: a JSON number becomes a number document.
        Document offerDetails = Document.fromMap(Map.of("OfferDetails", Document.fromMap(Map.of(
                "OfferExtendedStatus", Document.fromString("Completed-Used"),
                "OfferCreatedCount", Document.fromNumber(1)))));

        JsonNode json = SdkJson.of(offerDetails);

        assertThat(json.path("OfferDetails").path("OfferCreatedCount").isNumber()).as(json.toString()).isTrue();
        assertThat(json.path("OfferDetails").path("OfferCreatedCount").intValue()).isEqualTo(1);
        assertThat(json.path("OfferDetails").path("OfferExtendedStatus").asText()).isEqualTo("Completed-Used");
    }

    @Test
    void aDocumentRoundTripsWithItsTypes() throws Exception {
        JsonNode sent = new ObjectMapper().readTree(("{'Grants':[{'DimensionKey':'users','MaxQuantity':10}],"
                + "'Price':'0.0','Rate':0.125,'Enabled':true,'Missing':null,'Nested':[[1,'a']]}").replace('\'', '"'));

        JsonNode back = SdkJson.of(SdkJson.toDocument(sent));

        assertThat(back.toString()).isEqualTo(sent.toString());
        assertThat(back.path("Grants").path(0).path("MaxQuantity").isNumber()).isTrue();
        assertThat(back.path("Enabled").isBoolean()).isTrue();
        assertThat(back.path("Missing").isNull()).isTrue();
        assertThat(List.of(back.path("Price").isTextual(), back.path("Rate").isNumber())).containsOnly(true);
    }
}
