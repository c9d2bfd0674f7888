package io.mpcrm.connector.sandbox.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The product's client, camel-salesforce 4.17.0, against the sandbox over HTTP. */
class SandboxOrgCamelSalesforceIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void camelSalesforceLogsInCreatesQueriesAndReloginsAfterSessionExpiry() throws Exception {
        try (SandboxOrg org = SandboxOrg.start(SalesforceMetadataAndIdsTest.FIXTURE,
                SalesforceMetadataAndIdsTest.FIXTURE_ORG);
             CamelContext camel = new DefaultCamelContext()) {
            SalesforceComponent sf = new SalesforceComponent();
            sf.setLoginUrl(org.loginUrl());
            sf.setClientId(org.clientId());
            sf.setClientSecret(org.clientSecret());
            sf.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
            SalesforceEndpointConfig config = new SalesforceEndpointConfig();
            config.setApiVersion("62.0");
            sf.setConfig(config);
            camel.addComponent("salesforce", sf);
            camel.start();
            ProducerTemplate producer = camel.createProducerTemplate();

            Object created = producer.requestBody(
                    "salesforce:createSObject?sObjectName=AWS_Seller_Account__c&rawPayload=true",
                    "{\"Name\":\"Camel Co\",\"Account_Id__c\":\"123456789012\"}");
            JsonNode result = JSON.readTree(text(created));
            assertTrue(result.path("success").asBoolean());
            String id = result.path("id").asText();
            assertEquals("Camel Co", org.get("AWS_Seller_Account__c", id).get("Name"));

            org.expireAllSessions();
            Object page = producer.requestBody("salesforce:query?rawPayload=true",
                    "SELECT Id, Name, Account_Id__c FROM AWS_Seller_Account__c WHERE Account_Id__c = '123456789012'");
            JsonNode rows = JSON.readTree(text(page));
            assertEquals(1, rows.path("totalSize").asInt());
            assertEquals(id, rows.path("records").get(0).path("Id").asText());

            Object upserted = producer.requestBody("salesforce:upsertSObject?sObjectName=AWS_Seller_Account__c"
                    + "&sObjectIdName=Account_Id__c&sObjectIdValue=123456789012&rawPayload=true", "{\"Region__c\":\"us-east-1\"}");
            assertEquals("us-east-1", org.get("AWS_Seller_Account__c", id).get("Region__c"));
            assertTrue(text(upserted).contains("\"created\":false"));

            Map<String, Long> counts = org.callCounts();
            assertEquals(2L, counts.get("login"), counts.toString());
            assertEquals(2L, counts.get("query"), "first attempt got 401, retried after re-login: " + counts);
        }
    }

    private static String text(Object body) throws Exception {
        if (body instanceof InputStream in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return String.valueOf(body);
    }
}
