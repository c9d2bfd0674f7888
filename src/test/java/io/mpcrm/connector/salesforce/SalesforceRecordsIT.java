package io.mpcrm.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** How the connector spends Salesforce calls: pages followed, writes batched in collections of 200. */
class SalesforceRecordsIT extends ConnectorOnSandbox {

    @Autowired
    SalesforceRecords salesforce;

    @Test
    void writing450RecordsTakesThreeCollectionCallsAndReadingThemBackFollowsEveryPage() {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> products = IntStream.range(0, 450)
                .mapToObj(i -> Map.<String, Object>of("Name", "Product " + i, "Product_Id__c", "prod-" + batch + i))
                .toList();
        long collectionsBefore = count("collections.create");

        List<String> ids = salesforce.createAll("MP_Product__c", products);

        assertThat(ids).hasSize(450).doesNotHaveDuplicates();
        assertThat(count("collections.create") - collectionsBefore).isEqualTo(3);

        org.setQueryPageSize(200);
        try {
            long pagesBefore = count("queryMore");
            List<?> found = salesforce.query("SELECT Id, Product_Id__c FROM MP_Product__c WHERE Product_Id__c LIKE "
                    + Soql.quote("prod-" + batch + "%"));
            assertThat(found).hasSize(450);
            assertThat(count("queryMore") - pagesBefore).isEqualTo(2);
        } finally {
            org.setQueryPageSize(2000);
        }
    }

    @Test
    void aRecordSalesforceRefusesFailsTheWholeCollectionWithTheFieldNamed() {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> rows = List.of(
                Map.of("Name", "Fine", "Product_Id__c", "prod-" + batch + "a"),
                Map.of("Name", "Too long", "Product_Id__c", "prod-" + "x".repeat(100)));

        assertThatThrownBy(() -> salesforce.createAll("MP_Product__c", rows))
                .isInstanceOf(SalesforceRejected.class)
                .hasMessageContaining("record 2")
                .satisfies(e -> assertThat(((SalesforceRejected) e).errors())
                        .anySatisfy(err -> assertThat(err.fields()).contains("Product_Id__c")));
        assertThat(salesforce.query("SELECT Id FROM MP_Product__c WHERE Product_Id__c = "
                + Soql.quote("prod-" + batch + "a"))).as("all or none").isEmpty();
    }

    @Test
    void aValueWithQuotesCannotChangeTheQuery() {
        String name = "O'Brien\\' OR Name != '";
        String id = org.insert("MP_Product__c", Map.of("Name", name));

        List<?> found = salesforce.query("SELECT Id FROM MP_Product__c WHERE Name = " + Soql.quote(name));

        assertThat(found).hasSize(1).first().extracting(r -> ((com.fasterxml.jackson.databind.JsonNode) r)
                .path("Id").asText()).isEqualTo(id);
    }

    private long count(String kind) {
        return org.callCounts().getOrDefault(kind, 0L);
    }
}
