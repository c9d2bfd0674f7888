package io.mpcrm.connector.sandbox.salesforce;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.InvalidReplayIdException;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.dto.pubsub.PublishResult;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The product's client, camel-salesforce 4.17.0's {@code pubSubSubscribe} consumer and {@code pubSubPublish} producer,
 * unmodified, against the sandbox Pub/Sub API over TLS (no plain-text switch).
 */
class SandboxPubSubCamelIT {

    static final Path OBJECTS = Path.of("salesforce/force-app/main/default/objects");
    static final String EVENT = "Marketplace_Request_Event__e";
    static final String SUBSCRIBE = "salesforce:pubSubSubscribe:/event/" + EVENT;
    static final ObjectMapper JSON = new ObjectMapper();

    record Received(Object body, String eventId, String replayId) {
        String requestId() {
            if (body instanceof GenericRecord r) {
                return String.valueOf(r.get("Request_Id__c"));
            }
            try {
                JsonNode n = JSON.readTree(body.toString());
                JsonNode v = n.path("Request_Id__c");
                return v.isObject() ? v.path("string").asText() : v.asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Collects InvalidReplayIdExceptions (and anything else) the consumer's exception handler sees. */
    static final class Errors implements ExceptionHandler {
        final List<Throwable> seen = new CopyOnWriteArrayList<>();

        @Override
        public void handleException(Throwable exception) {
            seen.add(exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            seen.add(exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            seen.add(exception);
        }

        long invalidReplayIds() {
            return seen.stream().filter(InvalidReplayIdException.class::isInstance).count();
        }
    }

    SandboxOrg org;
    SandboxPubSub pubsub;
    final List<CamelContext> contexts = new ArrayList<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final Errors errors = new Errors();

    @BeforeEach
    void start() {
        SandboxTls.install(); // before any gRPC client exists
        // The client publishes as well as subscribes, as the request flow and the connector do between them: an
        // administrator. What the connector's own user may do with the event is SandboxOrgPermissionsIT's.
        org = SandboxOrg.start(OBJECTS,
                SandboxOrg.Options.defaults().withIntegrationUser(SandboxOrg.Profile.SYSTEM_ADMINISTRATOR));
        pubsub = SandboxPubSub.start(org, SandboxPubSub.Options.defaults()
                .withKeepAliveInterval(Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() throws Exception {
        for (CamelContext c : contexts) {
            c.close();
        }
        pubsub.close();
        org.close();
    }

    CamelContext camel(String fromUri) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        contexts.add(camel);
        SalesforceComponent sf = new SalesforceComponent();
        sf.setLoginUrl(org.loginUrl());
        sf.setClientId(org.clientId());
        sf.setClientSecret(org.clientSecret());
        sf.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
        sf.setPubSubHost(pubsub.host());
        sf.setPubSubPort(pubsub.port());
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion("62.0");
        config.setBackoffIncrement(200);
        config.setMaxBackoff(1000);
        sf.setConfig(config);
        camel.addComponent("salesforce", sf);
        camel.getRegistry().bind("errors", errors);
        if (fromUri != null) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(fromUri).routeId("events").process(x -> received.add(new Received(x.getIn().getBody(),
                            x.getIn().getHeader("CamelSalesforcePubSubEventId", String.class),
                            x.getIn().getHeader("CamelSalesforcePubSubReplayId", String.class))));
                }
            });
        }
        camel.start();
        return camel;
    }

    CamelContext subscribed(String options) throws Exception {
        int before = pubsub.subscribeCalls();
        CamelContext c = camel(SUBSCRIBE + "?" + options);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> pubsub.subscribeCalls() > before && pubsub.openSubscriptions() >= 1);
        return c;
    }

    String newRequest() {
        return org.insert("Marketplace_Request__c", Map.of("Action__c", "REFRESH_PRODUCTS"));
    }

    List<String> requestIds() {
        return received.stream().map(Received::requestId).toList();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void insertedRequestIsDeliveredWithinASecondAsJson() throws Exception {
        subscribed("pubSubDeserializeType=JSON");
        String id = newRequest();
        await().atMost(Duration.ofSeconds(1)).until(() -> received.size() == 1);
        Received r = received.get(0);
        assertInstanceOf(String.class, r.body());
        assertEquals(id, r.requestId());
        assertEquals(18, id.length());
        assertTrue(r.eventId().matches("[0-9a-f-]{36}"), r.eventId());
        assertFalse(r.replayId().isEmpty());

        String id2 = newRequest();
        await().atMost(Duration.ofSeconds(1)).until(() -> received.size() == 2);
        assertEquals(id2, received.get(1).requestId());
        assertFalse(received.get(0).eventId().equals(received.get(1).eventId()), "unique EventUuid");
        assertFalse(received.get(0).replayId().equals(received.get(1).replayId()));
        JsonNode body = JSON.readTree(received.get(0).body().toString());
        assertEquals(org.integrationUserId(), body.path("CreatedById").asText());
    }

    @Test
    void platformEventInsertedThroughRestIsDeliveredAsGenericRecord() throws Exception {
        subscribed("pubSubDeserializeType=GENERIC_RECORD");
        SandboxOrgRestClient rest = SandboxOrgRestClient.forSandbox(org);
        rest.create(EVENT, Map.of("Request_Id__c", "a01000000000042AAA"));
        await().atMost(Duration.ofSeconds(1)).until(() -> received.size() == 1);
        GenericRecord rec = (GenericRecord) received.get(0).body();
        assertEquals("com.sforce.eventbus." + EVENT, rec.getSchema().getFullName());
        assertEquals("a01000000000042AAA", rec.get("Request_Id__c").toString());
        assertTrue((Long) rec.get("CreatedDate") > 0);
    }

    @Test
    void twoHundredFiftyEventsInBatchesOfAHundred() throws Exception {
        subscribed("pubSubDeserializeType=JSON&pubSubBatchSize=100");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 250; i++) {
            String id = String.format("a01%015d", i);
            expected.add(id);
            pubsub.publish(EVENT, Map.of("Request_Id__c", id));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 250);
        assertEquals(expected, Set.copyOf(requestIds()));
        assertTrue(pubsub.maxEventsInOneResponse() <= 100, "batch size honoured");
        assertEquals(250, pubsub.deliveredCount());
    }

    @Test
    void keepAlivesKeepTheSubscriptionAndItsReplayPosition() throws Exception {
        subscribed("pubSubDeserializeType=JSON");
        long before = pubsub.keepAlivesSent();
        await().atMost(Duration.ofSeconds(5)).until(() -> pubsub.keepAlivesSent() >= before + 2);
        assertEquals(1, pubsub.openSubscriptions());
        assertEquals(1, pubsub.subscribeCalls(), "no resubscribe caused by keep-alives");
        String id = newRequest();
        await().atMost(Duration.ofSeconds(1)).until(() -> requestIds().equals(List.of(id)));
    }

    @Test
    void customReplayFromASavedIdDeliversOnlyLaterEvents() throws Exception {
        CamelContext first = subscribed("pubSubDeserializeType=JSON");
        String a = newRequest();
        String b = newRequest();
        await().atMost(Duration.ofSeconds(2)).until(() -> received.size() == 2);
        String savedAfterA = received.get(0).replayId();
        first.getRouteController().stopRoute("events");
        await().atMost(Duration.ofSeconds(5)).until(() -> pubsub.openSubscriptions() == 0);
        String c = newRequest();
        String d = newRequest();
        received.clear();
        subscribed("pubSubDeserializeType=JSON&replayPreset=CUSTOM&pubSubReplayId=RAW(" + savedAfterA + ")");
        await().atMost(Duration.ofSeconds(2)).until(() -> received.size() == 3);
        assertEquals(List.of(b, c, d), requestIds());
        assertFalse(requestIds().contains(a));
    }

    @Test
    void earliestDeliversRetainedEventsUntilTheyExpire() throws Exception {
        String a = newRequest();
        String b = newRequest();
        CamelContext first = subscribed("pubSubDeserializeType=JSON&replayPreset=EARLIEST");
        await().atMost(Duration.ofSeconds(2)).until(() -> received.size() == 2);
        assertEquals(List.of(a, b), requestIds());
        first.close();

        pubsub.advanceClock(Duration.ofHours(73));
        received.clear();
        subscribed("pubSubDeserializeType=JSON&replayPreset=EARLIEST");
        String c = newRequest();
        await().atMost(Duration.ofSeconds(2)).until(() -> received.size() == 1);
        assertEquals(List.of(c), requestIds(), "events older than 72 h are gone");
    }

    @Test
    void duplicateDeliveriesCarryTheSameEventUuid() throws Exception {
        subscribed("pubSubDeserializeType=JSON");
        pubsub.setDeliveryCopies(3);
        String a = newRequest();
        String b = newRequest();
        await().atMost(Duration.ofSeconds(3)).until(() -> received.size() == 6);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> received.size() == 6);
        Map<String, List<Received>> byUuid = received.stream().collect(Collectors.groupingBy(Received::eventId));
        assertEquals(2, byUuid.size());
        for (List<Received> copies : byUuid.values()) {
            assertEquals(3, copies.size());
            assertEquals(1, copies.stream().map(Received::replayId).distinct().count());
            assertEquals(1, copies.stream().map(Received::requestId).distinct().count());
        }
        assertEquals(Set.of(a, b), Set.copyOf(requestIds()));
        assertEquals(2, pubsub.publishedCount());
        assertEquals(6, pubsub.deliveredCount());
    }

    @Test
    void droppedEventsArePublishedButNeverDelivered() throws Exception {
        subscribed("pubSubDeserializeType=JSON");
        pubsub.dropNextEvents(2);
        String a = newRequest();
        String b = newRequest();
        String c = newRequest();
        await().atMost(Duration.ofSeconds(2)).until(() -> received.size() == 1);
        pubsub.setDropRate(1.0);
        newRequest();
        pubsub.setDropRate(0.0);
        String e = newRequest();
        await().atMost(Duration.ofSeconds(2)).until(() -> received.size() == 2);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> received.size() == 2);
        assertEquals(List.of(c, e), requestIds());
        assertFalse(requestIds().contains(a) || requestIds().contains(b));
        assertEquals(5, pubsub.publishedCount());
        assertEquals(2, pubsub.deliveredCount());
    }

    @Test
    void authErrorEndsTheStreamCamelLogsInAgainAndResubscribes() throws Exception {
        subscribed("pubSubDeserializeType=JSON");
        String a = newRequest();
        await().atMost(Duration.ofSeconds(1)).until(() -> received.size() == 1);
        long logins = org.callCounts().getOrDefault("login", 0L);
        int calls = pubsub.subscribeCalls();
        org.expireAllSessions();
        pubsub.endStreamsWithAuthError();
        await().atMost(Duration.ofSeconds(10)).until(() -> org.callCounts().getOrDefault("login", 0L) > logins
                && pubsub.subscribeCalls() > calls && pubsub.openSubscriptions() == 1);
        String b = newRequest();
        await().atMost(Duration.ofSeconds(2)).until(() -> received.size() == 2);
        assertEquals(List.of(a, b), requestIds(), "resumed from the last replay id, nothing lost or repeated");
    }

    @Test
    void eventsPublishedWhileReconnectingAreReplayedFromTheLatestReplayId() throws Exception {
        subscribed("pubSubDeserializeType=JSON");
        newRequest();
        await().atMost(Duration.ofSeconds(1)).until(() -> received.size() == 1);
        int calls = pubsub.subscribeCalls();
        pubsub.endStreamsWithAuthError();
        String during = newRequest(); // published while camel is logging in again / backing off
        await().atMost(Duration.ofSeconds(10)).until(() -> pubsub.subscribeCalls() > calls);
        await().atMost(Duration.ofSeconds(2)).until(() -> received.size() == 2);
        assertEquals(during, received.get(1).requestId());
    }

    @Test
    void corruptedReplayIdReachesTheExceptionHandlerAndCamelKeepsRetrying() throws Exception {
        camel(SUBSCRIBE + "?pubSubDeserializeType=JSON&replayPreset=CUSTOM&pubSubReplayId=RAW(AAAAAAAAAAA=)"
                + "&exceptionHandler=#errors");
        await().atMost(Duration.ofSeconds(10)).until(() -> errors.invalidReplayIds() >= 2);
        assertTrue(pubsub.subscribeCalls() >= 2);
        assertEquals(0, pubsub.openSubscriptions());
        InvalidReplayIdException e = (InvalidReplayIdException) errors.seen.stream()
                .filter(InvalidReplayIdException.class::isInstance).findFirst().orElseThrow();
        assertEquals("AAAAAAAAAAA=", e.getReplayId());
    }

    @Test
    void injectedCorruptedReplayIdIsReportedOnceThenTheSubscriptionRecovers() throws Exception {
        pubsub.failNextSubscribeWithCorruptedReplayId();
        camel(SUBSCRIBE + "?pubSubDeserializeType=JSON&exceptionHandler=#errors");
        await().atMost(Duration.ofSeconds(10)).until(() -> errors.invalidReplayIds() == 1
                && pubsub.openSubscriptions() == 1);
        String id = newRequest();
        await().atMost(Duration.ofSeconds(1)).until(() -> received.size() == 1);
        assertEquals(id, received.get(0).requestId());
        assertEquals(2, pubsub.subscribeCalls());
    }

    @Test
    @SuppressWarnings("unchecked")
    void pubSubPublishProducerWithJsonStringsAndGenericRecords() throws Exception {
        CamelContext camel = subscribed("pubSubDeserializeType=JSON");
        String publishUri = "salesforce:pubSubPublish:/event/" + EVENT;
        List<String> json = List.of(
                "{\"CreatedDate\":0,\"CreatedById\":\"x\",\"Request_Id__c\":\"a01000000000101AAA\"}",
                "{\"CreatedDate\":0,\"CreatedById\":\"x\",\"Request_Id__c\":\"a01000000000102AAA\"}");
        List<PublishResult> results = camel.createProducerTemplate().requestBody(publishUri, json, List.class);
        assertEquals(2, results.size());
        results.forEach(r -> assertFalse(r.hasError(), r.toString()));
        GenericRecord rec = new GenericData.Record(pubsub.schema(EVENT));
        rec.put("CreatedDate", 0L);
        rec.put("CreatedById", "x");
        rec.put("Request_Id__c", "a01000000000103AAA");
        List<PublishResult> more = camel.createProducerTemplate().requestBody(publishUri, List.of(rec), List.class);
        assertEquals(1, more.size());
        assertFalse(more.get(0).hasError());
        await().atMost(Duration.ofSeconds(2)).until(() -> received.size() == 3);
        assertEquals(List.of("a01000000000101AAA", "a01000000000102AAA", "a01000000000103AAA"), requestIds());
        Map<String, String> replayByKey = new java.util.HashMap<>();
        results.forEach(r -> replayByKey.put(r.getCorrelationKey(), r.getReplayId()));
        replayByKey.put(more.get(0).getCorrelationKey(), more.get(0).getReplayId());
        Map<String, String> seen = received.stream().collect(Collectors.toMap(Received::eventId,
                Received::replayId, (x, y) -> x));
        assertEquals(replayByKey, seen, "correlation key = EventUuid, same replay id");
        assertTrue(JSON.readTree(received.get(0).body().toString()).path("CreatedById").asText()
                .equals(org.integrationUserId()));
    }
}
