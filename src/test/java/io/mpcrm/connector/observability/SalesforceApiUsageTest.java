package io.mpcrm.connector.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The Salesforce calls an administrator sees on the dashboard: named by kind, never by record. */
class SalesforceApiUsageTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SalesforceApiUsage usage = new SalesforceApiUsage(registry);

    @Test
    void callsAreNamedByTheirKindWithoutTheRecordTheyTouch() {
        assertThat(SalesforceApiUsage.operation("GET", "/services/data/v62.0/query/")).isEqualTo("query");
        assertThat(SalesforceApiUsage.operation("GET", "/services/data/v62.0/query/01gxx0000004C92AAE-2000"))
                .isEqualTo("query");
        assertThat(SalesforceApiUsage.operation("PATCH", "/services/data/v62.0/sobjects/MP_Private_Offer__c/a01000000000001AAA"))
                .isEqualTo("update");
        assertThat(SalesforceApiUsage.operation("POST", "/services/data/v62.0/sobjects/Task")).isEqualTo("create");
        assertThat(SalesforceApiUsage.operation("PATCH", "/services/data/v62.0/composite/sobjects/MP_Product__c/Product_Id__c"))
                .isEqualTo("collection_upsert");
        assertThat(SalesforceApiUsage.operation("PATCH", "/services/data/v62.0/composite/sobjects"))
                .isEqualTo("collection_update");
        assertThat(SalesforceApiUsage.operation("DELETE", "/services/data/v62.0/composite/sobjects"))
                .isEqualTo("collection_delete");
        assertThat(SalesforceApiUsage.operation("GET", "/services/data/v62.0/sobjects/MP_Product__c/describe"))
                .isEqualTo("describe");
        assertThat(SalesforceApiUsage.operation("GET",
                "/services/data/v62.0/sobjects/ContentVersion/068000000000001AAA/VersionData")).isEqualTo("download");
    }

    @Test
    void theAllowanceLeftIsReadFromTheLastResponse() {
        assertThat(registry.get("mpcrm.salesforce.api.remaining").gauge().value()).isNaN();

        usage.called("GET", "/services/data/v62.0/query/", response("api-usage=1200/15000"));
        usage.called("GET", "/services/data/v62.0/query/", response("api-usage=1201/15000"));

        assertThat(registry.get("mpcrm.salesforce.api.remaining").gauge().value()).isEqualTo(13799);
        assertThat(registry.get("mpcrm.salesforce.api.limit").gauge().value()).isEqualTo(15000);
        assertThat(registry.get("mpcrm.salesforce.calls").tag("operation", "query").counter().count()).isEqualTo(2);
    }

    private static DefaultExchange response(String limitInfo) {
        DefaultExchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(SalesforceApiUsage.LIMIT_INFO, limitInfo);
        return exchange;
    }
}
