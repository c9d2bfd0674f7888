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
    void oneTransactionCreatesAParentWithItsChildrenAndDeletesOldRowsInOneCompositeCall() {
        String seller = org.insert("AWS_Seller_Account__c", Map.of("Name", "Composite seller", "Account_Id__c",
                "4" + UUID.randomUUID().toString().replaceAll("\\D", "").substring(0, 11)));
        String old = org.insert("MP_Private_Offer__c", Map.of("Name", "Old", "Seller_Account__c", seller));
        long compositeBefore = count("composite");

        AllOrNone writes = salesforce.allOrNone().deleteAll(List.of(old));
        String offer = writes.create("MP_Private_Offer__c", Map.of("Name", "New", "Seller_Account__c", seller));
        writes.createAll("MP_Offer_Dimension__c", List.of(
                Map.of("Private_Offer__c", offer, "Name", "users", "Dimension_Key__c", "users", "Rate__c", 10),
                Map.of("Private_Offer__c", offer, "Name", "admins", "Dimension_Key__c", "admins", "Rate__c", 20)));
        Map<String, String> created = salesforce.write(writes);

        String id = created.get(offer);
        assertThat(id).isNotNull();
        assertThat(org.get("MP_Private_Offer__c", id)).containsEntry("Name", "New");
        assertThat(org.query("SELECT Dimension_Key__c FROM MP_Offer_Dimension__c WHERE Private_Offer__c = '" + id
                + "'")).extracting(r -> r.get("Dimension_Key__c")).containsExactlyInAnyOrder("users", "admins");
        assertThat(org.get("MP_Private_Offer__c", old)).isNull();
        assertThat(count("composite") - compositeBefore).isEqualTo(1);
    }

    @Test
    void aRefusedWriteOfOneTransactionLeavesEveryRecordAsItWasAndNamesTheField() {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        String keep = keptDimension("Kept", batch);

        AllOrNone writes = salesforce.allOrNone().deleteAll(List.of(keep)).createAll("MP_Product__c", List.of(
                Map.of("Name", "Fine", "Product_Id__c", "prod-" + batch + "a"),
                Map.of("Name", "Too long", "Product_Id__c", "prod-" + "x".repeat(100))));

        assertThatThrownBy(() -> salesforce.write(writes))
                .isInstanceOf(SalesforceRejected.class)
                .hasMessageContaining("none was made").hasMessageContaining("record 2")
                .satisfies(e -> assertThat(((SalesforceRejected) e).errors()).allSatisfy(err -> {
                    assertThat(err.fields()).contains("Product_Id__c");
                    assertThat(err.errorCode()).isNotIn("PROCESSING_HALTED", "ALL_OR_NONE_OPERATION_ROLLED_BACK");
                }));
        assertThat(org.get("MP_Product_Dimension__c", keep)).as("the delete is rolled back").isNotNull();
        assertThat(salesforce.query("SELECT Id FROM MP_Product__c WHERE Product_Id__c = "
                + Soql.quote("prod-" + batch + "a"))).as("all or none").isEmpty();
    }

    @Test
    void aTransactionSalesforceCannotCompleteNowIsReportedAsPassingAndWritesNothing() {
        String keep = keptDimension("Kept too", UUID.randomUUID().toString().substring(0, 8));
        org.failNext("collections.create", 1, 503, "SERVER_UNAVAILABLE");

        assertThatThrownBy(() -> salesforce.write(salesforce.allOrNone().deleteAll(List.of(keep))
                .createAll("MP_Product__c", List.of(Map.of("Name", "Later")))))
                .isInstanceOf(SalesforceUnavailable.class).hasMessageContaining("SERVER_UNAVAILABLE");
        assertThat(org.get("MP_Product_Dimension__c", keep)).isNotNull();
    }

    @Test
    void aValueWithQuotesCannotChangeTheQuery() {
        String name = "O'Brien\\' OR Name != '";
        String id = org.insert("MP_Product__c", Map.of("Name", name));

        List<?> found = salesforce.query("SELECT Id FROM MP_Product__c WHERE Name = " + Soql.quote(name));

        assertThat(found).hasSize(1).first().extracting(r -> ((com.fasterxml.jackson.databind.JsonNode) r)
                .path("Id").asText()).isEqualTo(id);
    }

    /**
     * A row the connector may delete: a product's dimension (it replaces them on a sync; products themselves it never
     * deletes, and Marketplace_Connector does not let it).
     */
    private String keptDimension(String name, String batch) {
        String product = org.insert("MP_Product__c", Map.of("Name", name, "Product_Id__c", "prod-" + batch + "k"));
        return org.insert("MP_Product_Dimension__c", Map.of("Product__c", product, "Name", name,
                "Dimension_Key__c", "kept", "Product_Dimension_Key__c", "prod-" + batch + "k/kept"));
    }

    private long count(String kind) {
        return org.callCounts().getOrDefault(kind, 0L);
    }
}
