package io.mpcrm.connector.sandbox.salesforce;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.PublishRequest;
import com.salesforce.eventbus.protobuf.PublishResponse;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.SchemaInfo;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Pub/Sub stand-in at the gRPC level, with the stock grpc-java client over TLS (the same
 * {@code ManagedChannelBuilder.forAddress(host, port)} camel-salesforce uses, default JDK trust).
 */
class SandboxPubSubWireIT {

    static final Path OBJECTS = Path.of("salesforce/force-app/main/default/objects");
    static final String EVENT = "Marketplace_Request_Event__e";
    static final String TOPIC = "/event/" + EVENT;
    static final ObjectMapper JSON = new ObjectMapper();

    SandboxOrg org;
    SandboxPubSub pubsub;
    ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        // Resolve the JVM's default trust first, as other code in a JVM may do before the sandbox exists.
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).init((KeyStore) null);
        SSLContext.getDefault();
        // The client publishes as well as subscribes, as the request flow and the connector do between them: an
        // administrator. What the connector's own user may do with the event is SandboxOrgPermissionsIT's.
        org = SandboxOrg.start(OBJECTS,
                SandboxOrg.Options.defaults().withIntegrationUser(SandboxOrg.Profile.SYSTEM_ADMINISTRATOR));
        pubsub = SandboxPubSub.start(org, SandboxPubSub.Options.defaults()
                .withKeepAliveInterval(Duration.ofMillis(300)));
        channel = ManagedChannelBuilder.forAddress(pubsub.host(), pubsub.port()).build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow();
        pubsub.close();
        org.close();
    }

    // ------------------------------------------------------------------ helpers

    record Login(String token, String instanceUrl, String orgId) {
    }

    static Login login(SandboxOrg org) throws Exception {
        String form = "grant_type=client_credentials&format=json&client_id="
                + URLEncoder.encode(org.clientId(), StandardCharsets.UTF_8) + "&client_secret="
                + URLEncoder.encode(org.clientSecret(), StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(org.loginUrl() + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode n = JSON.readTree(r.body());
        String id = n.path("id").asText();
        String orgId = id.substring(id.indexOf("/id/") + 4, id.indexOf("/id/") + 22);
        return new Login(n.path("access_token").asText(), n.path("instance_url").asText(), orgId);
    }

    static CallCredentials credentials(String token, String instanceUrl, String tenantId) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata h = new Metadata();
                h.put(Metadata.Key.of("accessToken", Metadata.ASCII_STRING_MARSHALLER), token);
                h.put(Metadata.Key.of("instanceUrl", Metadata.ASCII_STRING_MARSHALLER), instanceUrl);
                h.put(Metadata.Key.of("tenantId", Metadata.ASCII_STRING_MARSHALLER), tenantId);
                applier.apply(h);
            }
        };
    }

    PubSubGrpc.PubSubBlockingStub blocking(Login l) {
        return PubSubGrpc.newBlockingStub(channel).withCallCredentials(credentials(l.token(), l.instanceUrl(),
                l.orgId()));
    }

    /** A Subscribe stream whose responses and end are collected. */
    final class Stream {
        final List<FetchResponse> responses = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final StreamObserver<FetchRequest> requests;

        Stream(Login l) {
            requests = PubSubGrpc.newStub(channel).withCallCredentials(credentials(l.token(), l.instanceUrl(),
                    l.orgId())).subscribe(new StreamObserver<>() {
                        @Override
                        public void onNext(FetchResponse value) {
                            responses.add(value);
                        }

                        @Override
                        public void onError(Throwable t) {
                            error.set(t);
                        }

                        @Override
                        public void onCompleted() {
                        }
                    });
        }

        int events() {
            return responses.stream().mapToInt(FetchResponse::getEventsCount).sum();
        }

        List<String> requestIds() {
            Schema schema = pubsub.schema(EVENT);
            return responses.stream().flatMap(r -> r.getEventsList().stream()).map(ce -> {
                try {
                    GenericRecord rec = new GenericDatumReader<GenericRecord>(schema).read(null,
                            DecoderFactory.get().binaryDecoder(ce.getEvent().getPayload().toByteArray(), null));
                    return String.valueOf(rec.get("Request_Id__c"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    static FetchRequest first(ReplayPreset preset, ByteString replayId, int n) {
        FetchRequest.Builder b = FetchRequest.newBuilder().setTopicName(TOPIC).setReplayPreset(preset)
                .setNumRequested(n);
        if (replayId != null) {
            b.setReplayId(replayId);
        }
        return b.build();
    }

    static String errorCode(Throwable t) {
        Metadata trailers = Status.trailersFromThrowable(t);
        return trailers == null ? null : trailers.get(SandboxPubSub.ERROR_CODE);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void tlsCertificateIsTrustedAlongsideTheDefaultCas() throws Exception {
        SandboxTls tls = SandboxTls.install();
        assertTrue(tls == SandboxTls.install(), "once per JVM");
        assertEquals(tls.jvmTrustStoreFile().toString(), System.getProperty("javax.net.ssl.trustStore"));
        KeyStore jdk = KeyStore.getInstance(KeyStore.getDefaultType());
        try (var in = java.nio.file.Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security",
                "cacerts"))) {
            jdk.load(in, null);
        }
        assertTrue(tls.jvmTrustStoreSize() >= jdk.size() + 1 || jdk.size() == 0, "default CAs kept");
        assertTrue(tls.certificate().getSubjectAlternativeNames().stream()
                .anyMatch(san -> san.get(1).equals("localhost")));
        assertTrue(tls.certificate().getSubjectAlternativeNames().stream()
                .anyMatch(san -> san.get(1).equals("127.0.0.1")));
        // The JDK's default SSLContext (used by HttpsURLConnection, java.net.http, ...) trusts it too.
        KeyStore only = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(tls.trustStoreFile())) {
            only.load(in, tls.password());
        }
        assertEquals(1, only.size());
        TopicInfo topic = blocking(login(org)).getTopic(TopicRequest.newBuilder().setTopicName(TOPIC).build());
        assertEquals(TOPIC, topic.getTopicName());
    }

    @Test
    void everyCallNeedsALiveTokenOfThisOrg() throws Exception {
        Login l = login(org);
        TopicRequest req = TopicRequest.newBuilder().setTopicName(TOPIC).build();
        for (CallCredentials bad : List.of(credentials("00Dbogus!token", l.instanceUrl(), l.orgId()),
                credentials(l.token(), l.instanceUrl(), "00D000000000001AAA"),
                credentials(l.token(), "https://elsewhere.example", l.orgId()))) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> PubSubGrpc.newBlockingStub(channel).withCallCredentials(bad).getTopic(req));
            assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
            assertEquals(SandboxPubSub.ERROR_AUTH, errorCode(e));
        }
        org.expireAllSessions();
        StatusRuntimeException expired = assertThrows(StatusRuntimeException.class, () -> blocking(l).getTopic(req));
        assertEquals(SandboxPubSub.ERROR_AUTH, errorCode(expired));
        assertEquals(TOPIC, blocking(login(org)).getTopic(req).getTopicName());
    }

    @Test
    void topicAndSchemaFollowTheEventMetadata() throws Exception {
        PubSubGrpc.PubSubBlockingStub stub = blocking(login(org));
        TopicInfo topic = stub.getTopic(TopicRequest.newBuilder().setTopicName(TOPIC).build());
        assertEquals(org.orgId(), topic.getTenantGuid());
        assertTrue(topic.getCanPublish() && topic.getCanSubscribe());
        assertFalse(topic.getRpcId().isEmpty());
        SchemaInfo info = stub.getSchema(SchemaRequest.newBuilder().setSchemaId(topic.getSchemaId()).build());
        assertEquals(topic.getSchemaId(), info.getSchemaId());
        Schema schema = new Schema.Parser().parse(info.getSchemaJson());
        assertEquals("com.sforce.eventbus." + EVENT, schema.getFullName());
        assertEquals(List.of("CreatedDate", "CreatedById", "Request_Id__c"),
                schema.getFields().stream().map(Schema.Field::name).toList());
        assertEquals(Schema.Type.LONG, schema.getField("CreatedDate").schema().getType());
        assertEquals(Schema.Type.STRING, schema.getField("CreatedById").schema().getType());
        Schema requestId = schema.getField("Request_Id__c").schema();
        assertEquals(List.of(Schema.Type.NULL, Schema.Type.STRING),
                requestId.getTypes().stream().map(Schema::getType).toList());
        assertTrue(schema.getField("Request_Id__c").hasDefaultValue());
        byte[] fp = java.nio.ByteBuffer.allocate(8).putLong(SchemaNormalization.parsingFingerprint64(schema)).array();
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(fp), topic.getSchemaId(), "fingerprint");

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> stub.getTopic(TopicRequest.newBuilder().setTopicName("/event/Nope__e").build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class,
                () -> stub.getSchema(SchemaRequest.newBuilder().setSchemaId("nope").build())).getStatus().getCode());
    }

    @Test
    void flowControlNeverSendsMoreThanRequested() throws Exception {
        Stream s = new Stream(login(org));
        s.requests.onNext(first(ReplayPreset.LATEST, null, 100));
        await().atMost(Duration.ofSeconds(5)).until(() -> pubsub.openSubscriptions() == 1);
        for (int i = 0; i < 250; i++) {
            pubsub.publish(EVENT, Map.of("Request_Id__c", String.format("a01%015d", i)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> s.events() == 100);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> s.events() == 100);
        s.requests.onNext(FetchRequest.newBuilder().setNumRequested(30).build());
        await().atMost(Duration.ofSeconds(5)).until(() -> s.events() == 130);
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> s.events() == 130);
        s.requests.onNext(FetchRequest.newBuilder().setNumRequested(200).build());
        await().atMost(Duration.ofSeconds(5)).until(() -> s.events() == 250);

        // Replay the conversation: no response exceeds the credit outstanding before it, pending is the remainder.
        long requested = 100;
        long received = 0;
        int idx = 0;
        long[] grants = {30, 200};
        for (FetchResponse r : s.responses) {
            if (r.getEventsCount() == 0) {
                continue;
            }
            if (received == requested) {
                requested += grants[idx++];
            }
            assertTrue(r.getEventsCount() <= requested - received, "response exceeds credit");
            assertTrue(r.getEventsCount() <= SandboxPubSub.MAX_EVENTS_PER_RESPONSE);
            received += r.getEventsCount();
            assertEquals(requested - received, r.getPendingNumRequested());
        }
        List<String> ids = s.requestIds();
        assertEquals(250, ids.size());
        for (int i = 0; i < 250; i++) {
            assertEquals(String.format("a01%015d", i), ids.get(i), "in publish order");
        }
        assertTrue(s.error.get() == null);
    }

    @Test
    void keepAliveCarriesTheLatestReplayIdWhenThereIsNothingToSend() throws Exception {
        SandboxPubSub.Published p = pubsub.publish(EVENT, Map.of("Request_Id__c", "a01000000000000AAA"));
        Stream s = new Stream(login(org));
        s.requests.onNext(first(ReplayPreset.LATEST, null, 10));
        await().atMost(Duration.ofSeconds(3)).until(() -> s.responses.size() >= 2);
        for (FetchResponse r : s.responses) {
            assertEquals(0, r.getEventsCount());
            assertEquals(10, r.getPendingNumRequested());
            assertEquals(p.replayId(), Base64.getEncoder().encodeToString(r.getLatestReplayId().toByteArray()));
            assertFalse(r.getRpcId().isEmpty());
        }
        assertTrue(pubsub.keepAlivesSent() >= 2);
    }

    @Test
    void customReplayStartsAfterTheGivenIdAndRejectsGarbledOrExpiredIds() throws Exception {
        List<SandboxPubSub.Published> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(pubsub.publish(EVENT, Map.of("Request_Id__c", "a0100000000000" + i + "AAA")));
        }
        Login l = login(org);
        Stream custom = new Stream(l);
        custom.requests.onNext(first(ReplayPreset.CUSTOM,
                ByteString.copyFrom(Base64.getDecoder().decode(sent.get(1).replayId())), 100));
        await().atMost(Duration.ofSeconds(3)).until(() -> custom.events() == 3);
        assertEquals(List.of("a01000000000002AAA", "a01000000000003AAA", "a01000000000004AAA"), custom.requestIds());

        Stream earliest = new Stream(l);
        earliest.requests.onNext(first(ReplayPreset.EARLIEST, null, 100));
        await().atMost(Duration.ofSeconds(3)).until(() -> earliest.events() == 5);

        Stream garbled = new Stream(l);
        garbled.requests.onNext(first(ReplayPreset.CUSTOM, ByteString.copyFromUtf8("garbage"), 100));
        await().atMost(Duration.ofSeconds(3)).until(() -> garbled.error.get() != null);
        assertEquals(SandboxPubSub.ERROR_REPLAY_ID_CORRUPTED, errorCode(garbled.error.get()));

        pubsub.publish(EVENT, Map.of("Request_Id__c", "a01000000000005AAA"));
        pubsub.advanceClock(Duration.ofHours(73));
        assertEquals(0, pubsub.retainedCount());
        Stream expired = new Stream(l);
        expired.requests.onNext(first(ReplayPreset.CUSTOM,
                ByteString.copyFrom(Base64.getDecoder().decode(sent.get(4).replayId())), 100));
        await().atMost(Duration.ofSeconds(3)).until(() -> expired.error.get() != null);
        assertEquals(SandboxPubSub.ERROR_REPLAY_ID_CORRUPTED, errorCode(expired.error.get()));

        Stream afterDowntime = new Stream(l);
        afterDowntime.requests.onNext(first(ReplayPreset.EARLIEST, null, 100));
        await().atMost(Duration.ofSeconds(3)).until(() -> afterDowntime.responses.size() >= 1);
        assertEquals(0, afterDowntime.events(), "nothing retained after 73 h");
        assertNotEquals(sent.get(4).replayId(), pubsub.latestReplayId());
    }

    @Test
    void publishRpcAcceptsAvroPayloadsAndReportsSchemaMismatches() throws Exception {
        Login l = login(org);
        Stream s = new Stream(l);
        s.requests.onNext(first(ReplayPreset.LATEST, null, 100));
        await().atMost(Duration.ofSeconds(3)).until(() -> pubsub.openSubscriptions() == 1);
        Schema schema = pubsub.schema(EVENT);
        GenericRecord rec = new GenericData.Record(schema);
        rec.put("CreatedDate", 0L);
        rec.put("CreatedById", "whoever");
        rec.put("Request_Id__c", "a01000000000009AAA");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(rec, enc);
        String schemaId = pubsub.schemaId(EVENT);
        PublishResponse r = blocking(l).publish(PublishRequest.newBuilder().setTopicName(TOPIC)
                .addEvents(ProducerEvent.newBuilder().setId("my-key").setSchemaId(schemaId)
                        .setPayload(ByteString.copyFrom(out.toByteArray())))
                .addEvents(ProducerEvent.newBuilder().setSchemaId("other").setPayload(ByteString.EMPTY))
                .build());
        assertEquals(2, r.getResultsCount());
        assertEquals(schemaId, r.getSchemaId());
        assertEquals("my-key", r.getResults(0).getCorrelationKey());
        assertFalse(r.getResults(0).hasError());
        assertEquals(8, r.getResults(0).getReplayId().size());
        assertTrue(r.getResults(1).hasError());
        await().atMost(Duration.ofSeconds(3)).until(() -> s.events() == 1);
        var ce = s.responses.stream().flatMap(x -> x.getEventsList().stream()).findFirst().orElseThrow();
        assertEquals("my-key", ce.getEvent().getId());
        assertEquals(r.getResults(0).getReplayId(), ce.getReplayId());
        GenericRecord got = new GenericDatumReader<GenericRecord>(schema).read(null,
                DecoderFactory.get().binaryDecoder(ce.getEvent().getPayload().toByteArray(), null));
        assertEquals(org.integrationUserId(), got.get("CreatedById").toString(), "server stamps the publisher");
        assertTrue((Long) got.get("CreatedDate") > 0);
        assertEquals(1, pubsub.publishedCount());
    }
}
