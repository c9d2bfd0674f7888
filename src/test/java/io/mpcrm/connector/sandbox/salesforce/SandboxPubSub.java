package io.mpcrm.connector.sandbox.salesforce;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.ErrorCode;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.PublishRequest;
import com.salesforce.eventbus.protobuf.PublishResponse;
import com.salesforce.eventbus.protobuf.PublishResult;
import com.salesforce.eventbus.protobuf.SchemaInfo;
import com.salesforce.eventbus.protobuf.SchemaRequest;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.netty.handler.ssl.SslContextBuilder;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

import io.mpcrm.connector.sandbox.salesforce.SalesforceMetadata.FieldDescription;
import io.mpcrm.connector.sandbox.salesforce.SalesforceMetadata.SObjectDescription;

/**
 * A wire-level stand-in for the Salesforce Pub/Sub API (gRPC over TLS) of one {@link SandboxOrg}: GetTopic, GetSchema,
 * Subscribe (with flow control, replay presets, keep-alives) and Publish for the org's platform events
 * ({@code /event/<Name>__e}). Authentication uses the org's live sessions ({@code accesstoken}, {@code instanceurl},
 * {@code tenantid} headers). The TLS certificate comes from {@link SandboxTls}, which also makes the JVM trust it, so
 * camel-salesforce's unmodified client connects to {@link #host()}:{@link #port()} as to Salesforce.
 * <p>
 * Like the record-triggered Flow in the real org, inserting a {@code Marketplace_Request__c} publishes
 * {@code Marketplace_Request_Event__e{Request_Id__c}}; inserting a platform event through REST publishes it too.
 * <p>
 * Replay ids are opaque 8-byte values: a per-server tag (2 bytes) and a sequence number (6 bytes). Events are retained
 * for {@link #RETENTION} on a sandbox clock that tests can {@link #advanceClock(Duration) advance}. Fault controls
 * (drops, duplicate deliveries, auth-error stream ends, corrupted replay id) are thread-safe. One lock guards all state;
 * responses are sent while holding it, so each stream's messages are serialised.
 */
public final class SandboxPubSub implements AutoCloseable {

    /** Trailer {@code error-code} that makes camel-salesforce log in again and resubscribe. */
    public static final String ERROR_AUTH = "sfdc.platform.eventbus.grpc.service.auth.error";
    /** Trailer {@code error-code} for an unknown, garbled or expired replay id. */
    public static final String ERROR_REPLAY_ID_CORRUPTED =
            "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted";
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(270);
    public static final Duration RETENTION = Duration.ofHours(72);
    /** Most events the server puts in one FetchResponse, whatever the credit. */
    public static final int MAX_EVENTS_PER_RESPONSE = 100;
    public static final String EVENT_NAMESPACE = "com.sforce.eventbus";

    /** Trailer {@code error-code} for a topic the org does not have (or the user may not see). */
    public static final String ERROR_TOPIC_NOT_FOUND = "sfdc.platform.eventbus.grpc.topic.not.found";
    /** Trailer {@code error-code} for a schema id the org does not know. */
    public static final String ERROR_SCHEMA_NOT_FOUND = "sfdc.platform.eventbus.grpc.schema.not.found";
    /** Trailer {@code error-code} for a FetchRequest the server refuses (negative count, another topic). */
    public static final String ERROR_FETCH_INVALID = "sfdc.platform.eventbus.grpc.subscription.fetch.invalid";

    static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);
    /** Trailer naming the RPC that failed; the description ends with "rpcId: " and the same id. */
    static final Metadata.Key<String> RPC_ID = Metadata.Key.of("rpc-id", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> ACCESS_TOKEN = Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> INSTANCE_URL = Metadata.Key.of("instanceurl", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> TENANT_ID = Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> USER_ID = Context.key("sandbox-pubsub-user");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST_OBJECT = "Marketplace_Request__c";
    private static final String REQUEST_EVENT = "Marketplace_Request_Event__e";

    /** Start-up options; {@link #defaults()} then the {@code with*} methods. */
    public record Options(int port, Duration keepAliveInterval, long faultSeed, boolean requestFlow) {
        public static Options defaults() {
            return new Options(0, DEFAULT_KEEP_ALIVE, 42L, true);
        }

        public Options withPort(int p) {
            return new Options(p, keepAliveInterval, faultSeed, requestFlow);
        }

        public Options withKeepAliveInterval(Duration d) {
            return new Options(port, d, faultSeed, requestFlow);
        }

        public Options withFaultSeed(long seed) {
            return new Options(port, keepAliveInterval, seed, requestFlow);
        }

        /** Whether inserting a Marketplace_Request__c publishes Marketplace_Request_Event__e (the Flow); default on. */
        public Options withRequestFlow(boolean on) {
            return new Options(port, keepAliveInterval, faultSeed, on);
        }
    }

    /** One accepted event: its EventUuid and replay id (base64, as camel's header shows it). */
    public record Published(String eventUuid, String replayId, boolean dropped) {
    }

    private record EventType(String apiName, String topic, Schema schema, String schemaJson, String schemaId) {
    }

    private record StoredEvent(long seq, EventType type, String eventUuid, byte[] payload, Instant publishedAt,
                               boolean dropped) {
    }

    private static final class Repeat {
        final StoredEvent event;
        int remaining;

        Repeat(StoredEvent event, int remaining) {
            this.event = event;
            this.remaining = remaining;
        }
    }

    private final class Subscription {
        final String rpcId = UUID.randomUUID().toString();
        final ServerCallStreamObserver<FetchResponse> out;
        /** The session's user: subscribing needs Read on the event. */
        final String userId = USER_ID.get();
        EventType type;
        long cursor;
        long credit;
        final ArrayDeque<Repeat> repeats = new ArrayDeque<>();
        long lastSentNanos = System.nanoTime();
        boolean started;
        boolean closed;

        Subscription(ServerCallStreamObserver<FetchResponse> out) {
            this.out = out;
        }
    }

    private final SandboxOrg org;
    private final Server server;
    private final ScheduledExecutorService scheduler;
    private final short tag;
    private final Map<String, EventType> typesByTopic = new LinkedHashMap<>();
    private final Map<String, EventType> typesBySchemaId = new LinkedHashMap<>();
    private final Object lock = new Object();
    private final TreeMap<Long, StoredEvent> log = new TreeMap<>();
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong keepAlives = new AtomicLong();
    private final AtomicInteger subscribeCalls = new AtomicInteger();
    private final AtomicInteger authFailures = new AtomicInteger();
    private final AtomicInteger maxEventsInResponse = new AtomicInteger();
    private final Clock baseClock = Clock.systemUTC();
    private final Random faultRandom;
    private long tip;
    private long floor;
    private Duration clockOffset = Duration.ZERO;
    private Duration keepAliveInterval;
    private int dropNext;
    private double dropRate;
    private int copies = 1;
    private boolean corruptNextSubscribe;
    private volatile boolean closed;

    private SandboxPubSub(SandboxOrg org, Options options) throws IOException {
        this.org = org;
        this.keepAliveInterval = options.keepAliveInterval();
        this.faultRandom = new Random(options.faultSeed());
        Random r = new Random();
        this.tag = (short) (1 + r.nextInt(Short.MAX_VALUE - 1));
        for (SObjectDescription d : org.metadata().objects()) {
            if (d.platformEvent()) {
                EventType t = eventType(d);
                typesByTopic.put(t.topic(), t);
                typesBySchemaId.put(t.schemaId(), t);
            }
        }
        SandboxTls tls = SandboxTls.install();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(run -> {
            Thread t = new Thread(run, "sandbox-pubsub");
            t.setDaemon(true);
            return t;
        });
        this.server = NettyServerBuilder
                .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()))
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(tls.keyManagerFactory())).build())
                .addService(ServerInterceptors.intercept(new Service(), new Auth()))
                .build()
                .start();
        scheduler.scheduleWithFixedDelay(this::tick, 50, 50, TimeUnit.MILLISECONDS);
        if (options.requestFlow() && typesByTopic.containsKey(topicOf(REQUEST_EVENT))
                && org.metadata().object(REQUEST_OBJECT).isPresent()) {
            org.onInsert(REQUEST_OBJECT, rec -> quietly(() ->
                    publish(REQUEST_EVENT, Map.of("Request_Id__c", rec.get("Id")), userOf(rec), null)));
        }
        for (EventType t : typesByTopic.values()) {
            org.onInsert(t.apiName(), rec -> quietly(() -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (Schema.Field f : t.schema().getFields()) {
                    if (f.name().endsWith("__c") && rec.containsKey(f.name())) {
                        fields.put(f.name(), rec.get(f.name()));
                    }
                }
                Object uuid = rec.get("EventUuid");
                publish(t.apiName(), fields, userOf(rec), uuid == null ? null : uuid.toString());
            }));
        }
    }

    // ================================================================== public API

    public static SandboxPubSub start(SandboxOrg org) {
        return start(org, Options.defaults());
    }

    /** Starts the server for {@code org} (creating the TLS identity if needed) and wires the org's insert hooks. */
    public static SandboxPubSub start(SandboxOrg org, Options options) {
        try {
            return new SandboxPubSub(org, options);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the sandbox Pub/Sub API: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
    }

    /** The name in the certificate; use it as camel's {@code pubSubHost}. */
    public String host() {
        return "localhost";
    }

    public int port() {
        return server.getPort();
    }

    public SandboxOrg org() {
        return org;
    }

    /** {@code /event/<eventApiName>}. */
    public static String topicOf(String eventApiName) {
        return "/event/" + eventApiName;
    }

    /** The schema id (fingerprint) of a platform event. */
    public String schemaId(String eventApiName) {
        return type(topicOf(eventApiName)).schemaId();
    }

    /** The Avro schema of a platform event, as GetSchema serves it. */
    public Schema schema(String eventApiName) {
        return type(topicOf(eventApiName)).schema();
    }

    /** Publishes as the integration user; {@code fields} are the event's custom fields. */
    public Published publish(String eventApiName, Map<String, Object> fields) {
        return publish(eventApiName, fields, org.integrationUserId(), null);
    }

    /** The replay id (base64) a subscriber with LATEST would start after. */
    public String latestReplayId() {
        synchronized (lock) {
            return base64(replayId(tip));
        }
    }

    /** Events still retained (published, not expired), dropped ones included. */
    public int retainedCount() {
        synchronized (lock) {
            expire();
            return log.size();
        }
    }

    /** Moves the sandbox clock (retention, CreatedDate) forward. */
    public void advanceClock(Duration d) {
        synchronized (lock) {
            clockOffset = clockOffset.plus(d);
            expire();
        }
    }

    /** Simulates a downtime longer than the retention: every retained event expires now. */
    public void expireRetainedEvents() {
        synchronized (lock) {
            if (!log.isEmpty()) {
                floor = Math.max(floor, log.lastKey());
                log.clear();
            }
        }
    }

    /** The next {@code n} published events are accepted (replay id, counted) but never delivered. */
    public void dropNextEvents(int n) {
        synchronized (lock) {
            dropNext = n;
        }
    }

    /** Each published event is, with this probability, accepted but never delivered (seeded random). */
    public void setDropRate(double rate) {
        synchronized (lock) {
            dropRate = rate;
        }
    }

    /** Each event is delivered {@code n} times (1..3) to each subscription: the copies follow in later responses. */
    public void setDeliveryCopies(int n) {
        if (n < 1 || n > 3) {
            throw new IllegalArgumentException("copies must be 1..3: " + n);
        }
        synchronized (lock) {
            copies = n;
        }
    }

    /** Every open Subscribe stream ends now with UNAUTHENTICATED and {@code error-code: }{@link #ERROR_AUTH}. */
    public void endStreamsWithAuthError() {
        synchronized (lock) {
            for (Subscription s : List.copyOf(subscriptions)) {
                fail(s, Status.UNAUTHENTICATED.withDescription("session expired or invalid"), ERROR_AUTH);
            }
        }
    }

    /** The next Subscribe stream fails on its first FetchRequest with {@link #ERROR_REPLAY_ID_CORRUPTED}. */
    public void failNextSubscribeWithCorruptedReplayId() {
        synchronized (lock) {
            corruptNextSubscribe = true;
        }
    }

    public void setKeepAliveInterval(Duration interval) {
        synchronized (lock) {
            keepAliveInterval = interval;
        }
    }

    /** Events accepted (Java, REST, Flow or the Publish RPC), dropped ones included. */
    public long publishedCount() {
        return published.get();
    }

    /** ConsumerEvents sent, duplicate copies included. */
    public long deliveredCount() {
        return delivered.get();
    }

    /** Subscribe streams that have received their first FetchRequest and are still open. */
    public int openSubscriptions() {
        synchronized (lock) {
            return (int) subscriptions.stream().filter(s -> s.started && !s.closed).count();
        }
    }

    /** Subscribe calls that passed authentication. */
    public int subscribeCalls() {
        return subscribeCalls.get();
    }

    /** Calls refused with UNAUTHENTICATED by the header check. */
    public int authFailures() {
        return authFailures.get();
    }

    public long keepAlivesSent() {
        return keepAlives.get();
    }

    /** The largest number of events the server has put in one FetchResponse. */
    public int maxEventsInOneResponse() {
        return maxEventsInResponse.get();
    }

    // ================================================================== publishing

    private Published publish(String eventApiName, Map<String, Object> fields, String userId, String eventUuid) {
        EventType t = type(topicOf(eventApiName));
        GenericRecord rec = new GenericData.Record(t.schema());
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            Schema.Field f = t.schema().getField(e.getKey());
            if (f == null || !e.getKey().endsWith("__c")) {
                throw new IllegalArgumentException("No custom field " + e.getKey() + " on " + eventApiName);
            }
            rec.put(f.name(), avroValue(f, e.getValue()));
        }
        synchronized (lock) {
            rec.put("CreatedDate", now().toEpochMilli());
            rec.put("CreatedById", userId);
            return append(t, encode(rec), eventUuid);
        }
    }

    /** Adds an event to the log (caller holds the lock) and wakes the subscriptions. */
    private Published append(EventType t, byte[] payload, String eventUuid) {
        expire();
        boolean drop = false;
        if (dropNext > 0) {
            dropNext--;
            drop = true;
        } else if (dropRate > 0 && faultRandom.nextDouble() < dropRate) {
            drop = true;
        }
        long seq = ++tip;
        String uuid = eventUuid == null || eventUuid.isBlank() ? UUID.randomUUID().toString() : eventUuid;
        log.put(seq, new StoredEvent(seq, t, uuid, payload, now(), drop));
        published.incrementAndGet();
        if (!closed) {
            try {
                scheduler.execute(this::pumpAll);
            } catch (RejectedExecutionException e) {
                // closing
            }
        }
        return new Published(uuid, base64(replayId(seq)), drop);
    }

    private Object avroValue(Schema.Field f, Object v) {
        if (v == null) {
            return null;
        }
        Schema s = f.schema();
        Schema.Type type = s.getType() == Schema.Type.UNION ? s.getTypes().get(1).getType() : s.getType();
        return switch (type) {
            case STRING -> v.toString();
            case DOUBLE -> v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString());
            case BOOLEAN -> v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString());
            case LONG -> {
                if (v instanceof Number n) {
                    yield n.longValue();
                } else if (v instanceof Instant i) {
                    yield i.toEpochMilli();
                } else if (v instanceof OffsetDateTime o) {
                    yield o.toInstant().toEpochMilli();
                } else if (v instanceof ZonedDateTime z) {
                    yield z.toInstant().toEpochMilli();
                } else if (v instanceof Date d) {
                    yield d.getTime();
                }
                String text = v.toString().replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2");
                yield OffsetDateTime.parse(text).toInstant().toEpochMilli();
            }
            default -> throw new IllegalArgumentException("unsupported field type " + s);
        };
    }

    /** Runs an org insert hook: a no-op once closed, and never lets a failure break the org's insert. */
    private void quietly(Runnable publishing) {
        if (closed) {
            return;
        }
        try {
            publishing.run();
        } catch (RuntimeException e) {
            System.err.println("sandbox Pub/Sub: could not publish after an insert: " + e);
        }
    }

    private static String userOf(Map<String, Object> rec) {
        Object u = rec.get("CreatedById");
        return u == null ? "" : u.toString();
    }

    // ================================================================== delivery

    private void pumpAll() {
        synchronized (lock) {
            for (Subscription s : subscriptions) {
                pump(s);
            }
        }
    }

    private void tick() {
        try {
            synchronized (lock) {
                expire();
                long interval = keepAliveInterval.toNanos();
                for (Subscription s : subscriptions) {
                    pump(s);
                    if (s.started && !s.closed && System.nanoTime() - s.lastSentNanos >= interval) {
                        send(s, List.of());
                        keepAlives.incrementAndGet();
                    }
                }
            }
        } catch (RuntimeException e) {
            // keep ticking
        }
    }

    /** Sends as many responses as credit, repeats and new events allow (caller holds the lock). */
    private void pump(Subscription s) {
        while (s.started && !s.closed && s.credit > 0) {
            List<ConsumerEvent> batch = new ArrayList<>();
            List<Repeat> again = new ArrayList<>();
            while (!s.repeats.isEmpty() && s.credit > 0 && batch.size() < MAX_EVENTS_PER_RESPONSE) {
                Repeat r = s.repeats.poll();
                batch.add(consumerEvent(r.event));
                s.credit--;
                if (--r.remaining > 0) {
                    again.add(r);
                }
            }
            boolean exhausted = true;
            for (StoredEvent e : log.tailMap(s.cursor, false).values()) {
                if (s.credit == 0 || batch.size() >= MAX_EVENTS_PER_RESPONSE) {
                    exhausted = false;
                    break;
                }
                s.cursor = e.seq();
                if (e.type() != s.type || e.dropped()) {
                    continue;
                }
                batch.add(consumerEvent(e));
                s.credit--;
                if (copies > 1) {
                    again.add(new Repeat(e, copies - 1));
                }
            }
            if (exhausted) {
                s.cursor = Math.max(s.cursor, tip);
            }
            s.repeats.addAll(again);
            if (batch.isEmpty()) {
                return;
            }
            send(s, batch);
        }
    }

    private ConsumerEvent consumerEvent(StoredEvent e) {
        ProducerEvent pe = ProducerEvent.newBuilder().setId(e.eventUuid()).setSchemaId(e.type().schemaId())
                .setPayload(ByteString.copyFrom(e.payload())).build();
        return ConsumerEvent.newBuilder().setEvent(pe).setReplayId(ByteString.copyFrom(replayId(e.seq()))).build();
    }

    private void send(Subscription s, List<ConsumerEvent> events) {
        FetchResponse r = FetchResponse.newBuilder().addAllEvents(events)
                .setLatestReplayId(ByteString.copyFrom(replayId(s.cursor))).setRpcId(s.rpcId)
                .setPendingNumRequested((int) Math.min(Integer.MAX_VALUE, s.credit)).build();
        try {
            if (s.out.isCancelled()) {
                drop(s);
                return;
            }
            s.out.onNext(r);
            s.lastSentNanos = System.nanoTime();
            delivered.addAndGet(events.size());
            maxEventsInResponse.accumulateAndGet(events.size(), Math::max);
        } catch (RuntimeException e) {
            drop(s);
        }
    }

    private void drop(Subscription s) {
        s.closed = true;
        subscriptions.remove(s);
    }

    private void fail(Subscription s, Status status, String errorCode) {
        if (s.closed) {
            return;
        }
        drop(s);
        try {
            s.out.onError(error(status, errorCode, s.rpcId));
        } catch (RuntimeException ignored) {
            // already closed by the client
        }
    }

    /** Handles one FetchRequest of a stream (the first one sets topic and start point). */
    private void fetch(Subscription s, FetchRequest req) {
        synchronized (lock) {
            if (s.closed) {
                return;
            }
            if (!s.started) {
                EventType t = typesByTopic.get(req.getTopicName());
                if (t == null) {
                    fail(s, topicNotFound(req.getTopicName()), ERROR_TOPIC_NOT_FOUND);
                    return;
                }
                if (!org.eventPermission(s.userId, t.apiName(), false)) {
                    fail(s, Status.PERMISSION_DENIED.withDescription("the user has no Read permission on "
                            + t.apiName() + ", so cannot subscribe to " + t.topic()), null);
                    return;
                }
                expire();
                if (corruptNextSubscribe) {
                    corruptNextSubscribe = false;
                    fail(s, Status.INVALID_ARGUMENT.withDescription("replay id corrupted (injected)"),
                            ERROR_REPLAY_ID_CORRUPTED);
                    return;
                }
                switch (req.getReplayPreset()) {
                    case EARLIEST -> s.cursor = floor;
                    case CUSTOM -> {
                        long seq = sequenceOf(req.getReplayId().toByteArray());
                        if (seq < floor || seq > tip) {
                            fail(s, Status.INVALID_ARGUMENT.withDescription("The Replay ID validation failed."),
                                    ERROR_REPLAY_ID_CORRUPTED);
                            return;
                        }
                        s.cursor = seq;
                    }
                    default -> s.cursor = tip;
                }
                s.type = t;
                s.started = true;
                s.lastSentNanos = System.nanoTime();
            } else if (!req.getTopicName().isEmpty() && !req.getTopicName().equals(s.type.topic())) {
                fail(s, Status.INVALID_ARGUMENT.withDescription("the topic of a subscription cannot change"),
                        ERROR_FETCH_INVALID);
                return;
            }
            if (req.getNumRequested() < 0) {
                fail(s, Status.INVALID_ARGUMENT.withDescription("num_requested must not be negative"),
                        ERROR_FETCH_INVALID);
                return;
            }
            s.credit += req.getNumRequested();
            pump(s);
        }
    }

    // ================================================================== replay ids, clock, retention

    private byte[] replayId(long seq) {
        return ByteBuffer.allocate(8).putShort(tag).putShort((short) (seq >>> 32)).putInt((int) seq).array();
    }

    /** The sequence of a replay id of this server, or -1 if it is not one. */
    private long sequenceOf(byte[] id) {
        if (id.length != 8) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(id);
        if (b.getShort() != tag) {
            return -1;
        }
        return ((b.getShort() & 0xffffL) << 32) | (b.getInt() & 0xffffffffL);
    }

    private static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private Instant now() {
        return baseClock.instant().plus(clockOffset);
    }

    /** Drops events older than the retention (caller holds the lock). */
    private void expire() {
        Instant cutoff = now().minus(RETENTION);
        while (!log.isEmpty() && !log.firstEntry().getValue().publishedAt().isAfter(cutoff)) {
            floor = Math.max(floor, log.pollFirstEntry().getKey());
        }
    }

    // ================================================================== schemas

    private EventType type(String topic) {
        EventType t = typesByTopic.get(topic);
        if (t == null) {
            throw new IllegalArgumentException("No platform event topic " + topic);
        }
        return t;
    }

    private static EventType eventType(SObjectDescription d) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "record");
        root.put("name", d.name());
        root.put("namespace", EVENT_NAMESPACE);
        ArrayNode fields = root.putArray("fields");
        fields.addObject().put("name", "CreatedDate").put("type", "long").put("doc", "CreatedDate:DateTime");
        fields.addObject().put("name", "CreatedById").put("type", "string").put("doc", "CreatedBy:EntityId");
        for (FieldDescription f : d.customFields().values()) {
            ObjectNode n = fields.addObject();
            n.put("name", f.name());
            n.putArray("type").add("null").add(avroType(f.type()));
            n.put("doc", "Data:" + f.type());
            n.putNull("default");
        }
        String json = root.toString();
        Schema schema = new Schema.Parser().parse(json);
        long fp = SchemaNormalization.parsingFingerprint64(schema);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(8).putLong(fp).array());
        return new EventType(d.name(), topicOf(d.name()), schema, json, id);
    }

    /** Metadata type to Avro: Number/Currency/Percent double, Checkbox boolean, DateTime long, anything else string. */
    private static String avroType(String metadataType) {
        return switch (metadataType.toLowerCase(Locale.ROOT)) {
            case "number", "currency", "percent" -> "double";
            case "checkbox" -> "boolean";
            case "datetime" -> "long";
            default -> "string";
        };
    }

    private static byte[] encode(GenericRecord rec) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(rec.getSchema()).write(rec, enc);
            enc.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ================================================================== errors

    /**
     * An error as "Handle Errors" describes every Pub/Sub API error
     * (https://developer.salesforce.com/docs/platform/pub-sub-api/guide/handling-errors.html): a gRPC status, a custom
     * {@code error-code} trailer, and the RPC id both in the trailers ({@code rpc-id}, the name "Provide the RPC ID"
     * gives it: https://developer.salesforce.com/docs/platform/pub-sub-api/guide/rpc-id-field.html) and appended to
     * the description after "rpcId: ". Of the codes, auth.error and fetch.replayid.corrupted are the page's own (and
     * the ones camel-salesforce acts on); the names used for an unknown topic, schema or fetch are this sandbox's.
     */
    static StatusRuntimeException error(Status status, String errorCode, String rpcId) {
        Metadata trailers = new Metadata();
        trailers.put(ERROR_CODE, errorCode);
        trailers.put(RPC_ID, rpcId);
        String description = status.getDescription() == null ? "" : status.getDescription() + " ";
        return status.withDescription(description + "rpcId: " + rpcId).asRuntimeException(trailers);
    }

    /** Worded as Salesforce words it (quoted in pozil/pub-sub-api-java-client issue 2). */
    private Status topicNotFound(String topic) {
        return Status.NOT_FOUND.withDescription("The topic information for org core/sandbox/" + org.orgId()
                + " and topic " + topic + " not found. Ensure the topic name is correct and that the topic exists.");
    }

    // ================================================================== gRPC

    private final class Auth implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                          ServerCallHandler<Q, R> next) {
            String token = headers.get(ACCESS_TOKEN);
            String tenant = headers.get(TENANT_ID);
            String instance = headers.get(INSTANCE_URL);
            Optional<String> user = org.userIdForToken(token);
            if (user.isEmpty() || !tenantOfThisOrg(tenant) || !sameUrl(instance, org.instanceUrl())) {
                authFailures.incrementAndGet();
                StatusRuntimeException refused = error(Status.UNAUTHENTICATED.withDescription(
                        "Invalid or expired session, or wrong org"), ERROR_AUTH, UUID.randomUUID().toString());
                call.close(refused.getStatus(), refused.getTrailers());
                return new ServerCall.Listener<>() {
                };
            }
            return Contexts.interceptCall(Context.current().withValue(USER_ID, user.get()), call, headers, next);
        }

        /**
         * The tenantid header as "Include Authorization Headers in RPC Method Calls" documents it
         * (https://developer.salesforce.com/docs/platform/pub-sub-api/guide/rpc-method-headers.html): the org id, whose
         * example there has 15 characters (camel-salesforce sends the 18 of the login's id URL), or
         * {@code core/<My Domain or instance name>/<org id>}. The page does not say what the subdomain is checked
         * against, so any is taken.
         */
        private boolean tenantOfThisOrg(String tenant) {
            if (tenant == null) {
                return false;
            }
            String id = tenant.trim();
            if (id.regionMatches(true, 0, "core/", 0, 5)) {
                int slash = id.indexOf('/', 5);
                if (slash < 6) {
                    return false;
                }
                id = id.substring(slash + 1);
            }
            String orgId = org.orgId();
            return id.length() == 15 ? id.equals(orgId.substring(0, 15))
                    : id.length() == 18 && id.equalsIgnoreCase(orgId);
        }

        private boolean sameUrl(String a, String b) {
            if (a == null || b == null) {
                return false;
            }
            try {
                URI x = URI.create(a.trim());
                URI y = URI.create(b.trim());
                return x.getHost() != null && x.getHost().equalsIgnoreCase(y.getHost()) && x.getPort() == y.getPort();
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    private final class Service extends PubSubGrpc.PubSubImplBase {

        /** The event type published on {@code topic}, or null once {@code out} has been told it was not found. */
        private EventType topic(String topic, StreamObserver<?> out) {
            EventType t = typesByTopic.get(topic);
            if (t == null) {
                out.onError(error(topicNotFound(topic), ERROR_TOPIC_NOT_FOUND, UUID.randomUUID().toString()));
            }
            return t;
        }

        @Override
        public void getTopic(TopicRequest request, StreamObserver<TopicInfo> out) {
            EventType t = topic(request.getTopicName(), out);
            if (t == null) {
                return;
            }
            String userId = USER_ID.get();
            out.onNext(TopicInfo.newBuilder().setTopicName(t.topic()).setTenantGuid(org.orgId())
                    .setCanPublish(org.eventPermission(userId, t.apiName(), true))
                    .setCanSubscribe(org.eventPermission(userId, t.apiName(), false)).setSchemaId(t.schemaId())
                    .setRpcId(UUID.randomUUID().toString()).build());
            out.onCompleted();
        }

        @Override
        public void getSchema(SchemaRequest request, StreamObserver<SchemaInfo> out) {
            EventType t = typesBySchemaId.get(request.getSchemaId());
            if (t == null) {
                out.onError(error(Status.NOT_FOUND.withDescription("schema not found: " + request.getSchemaId()),
                        ERROR_SCHEMA_NOT_FOUND, UUID.randomUUID().toString()));
                return;
            }
            out.onNext(SchemaInfo.newBuilder().setSchemaId(t.schemaId()).setSchemaJson(t.schemaJson())
                    .setRpcId(UUID.randomUUID().toString()).build());
            out.onCompleted();
        }

        @Override
        public void publish(PublishRequest request, StreamObserver<PublishResponse> out) {
            EventType t = topic(request.getTopicName(), out);
            if (t == null) {
                return;
            }
            String userId = USER_ID.get();
            if (!org.eventPermission(userId, t.apiName(), true)) {
                out.onError(Status.PERMISSION_DENIED.withDescription("the user has no Create permission on "
                        + t.apiName() + ", so cannot publish to " + t.topic()).asRuntimeException());
                return;
            }
            PublishResponse.Builder response = PublishResponse.newBuilder().setSchemaId(t.schemaId())
                    .setRpcId(UUID.randomUUID().toString());
            for (ProducerEvent pe : request.getEventsList()) {
                String key = pe.getId().isBlank() ? UUID.randomUUID().toString() : pe.getId();
                PublishResult.Builder result = PublishResult.newBuilder().setCorrelationKey(key);
                if (!t.schemaId().equals(pe.getSchemaId())) {
                    result.setError(com.salesforce.eventbus.protobuf.Error.newBuilder().setCode(ErrorCode.PUBLISH)
                            .setMsg("schema id " + pe.getSchemaId() + " does not match the topic's " + t.schemaId()));
                    response.addResults(result);
                    continue;
                }
                GenericRecord rec;
                try {
                    rec = new GenericDatumReader<GenericRecord>(t.schema()).read(null,
                            DecoderFactory.get().binaryDecoder(pe.getPayload().toByteArray(), null));
                } catch (IOException | RuntimeException e) {
                    result.setError(com.salesforce.eventbus.protobuf.Error.newBuilder().setCode(ErrorCode.PUBLISH)
                            .setMsg("payload does not match the schema: " + e.getMessage()));
                    response.addResults(result);
                    continue;
                }
                Published p;
                synchronized (lock) {
                    rec.put("CreatedDate", now().toEpochMilli());
                    rec.put("CreatedById", userId);
                    p = append(t, encode(rec), key);
                }
                result.setReplayId(ByteString.copyFrom(Base64.getDecoder().decode(p.replayId())));
                response.addResults(result);
            }
            out.onNext(response.build());
            out.onCompleted();
        }

        @Override
        public StreamObserver<FetchRequest> subscribe(StreamObserver<FetchResponse> responses) {
            subscribeCalls.incrementAndGet();
            ServerCallStreamObserver<FetchResponse> out = (ServerCallStreamObserver<FetchResponse>) responses;
            Subscription s = new Subscription(out);
            subscriptions.add(s);
            out.setOnCancelHandler(() -> {
                synchronized (lock) {
                    drop(s);
                }
            });
            return new StreamObserver<>() {
                @Override
                public void onNext(FetchRequest req) {
                    fetch(s, req);
                }

                @Override
                public void onError(Throwable t) {
                    synchronized (lock) {
                        drop(s);
                    }
                }

                @Override
                public void onCompleted() {
                    synchronized (lock) {
                        if (!s.closed) {
                            drop(s);
                            try {
                                out.onCompleted();
                            } catch (RuntimeException ignored) {
                                // cancelled meanwhile
                            }
                        }
                    }
                }
            };
        }
    }
}
