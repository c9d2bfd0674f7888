package io.mpcrm.connector.sandbox.salesforce;

import io.mpcrm.connector.sandbox.LoopbackHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.mpcrm.connector.sandbox.salesforce.SObjectSchema.Field;
import io.mpcrm.connector.sandbox.salesforce.SandboxStore.Tx;

/**
 * A wire-level stand-in for a Salesforce org: OAuth token endpoint, the identity endpoints (UserInfo and the identity
 * URL), REST sObjects, SOQL subset, sObject Collections, composite, ContentVersion downloads and limits, served over
 * HTTPS on 127.0.0.1 with the JDK's HttpsServer and the certificate of {@link SandboxTls} (whose CA this JVM trusts, and
 * which the sandbox run writes as PEM for other clients). Object and field definitions and the permission sets come
 * from SFDX metadata ({@link SalesforceMetadata}). Every REST call is answered for the session's user as Salesforce
 * would answer it: their profile and permission sets ({@link UserPermissions}), and sharing ({@link RecordAccess}); the
 * refusals are {@link ApiAccess}'s. The direct methods ({@link #insert}, {@link #insertAs}, {@link #update},
 * {@link #get}, {@link #query}) are the test's own hands, as an administrator's data load would be: they check no
 * permission. Thread-safe.
 */
public final class SandboxOrg implements AutoCloseable {

    public static final String DEFAULT_API_VERSION = "62.0";
    static final int COLLECTION_LIMIT = 200;

    /**
     * The profiles a sandbox user can have. A profile here grants no access to the project's objects except the
     * administrator's "Modify All Data"; the permission sets a user holds grant the rest ({@link UserPermissions}).
     */
    public enum Profile {
        /** "View All Data" and "Modify All Data": every object, field and record. */
        SYSTEM_ADMINISTRATOR("System Administrator"),
        /**
         * The integration user's profile, as Salesforce recommends: the Salesforce Integration user license's
         * "Minimum Access - API Only Integrations", API access only, data access from permission sets
         * (https://help.salesforce.com/s/articleView?id=platform.integration_user.htm&type=5).
         */
        MINIMUM_ACCESS_API_ONLY_INTEGRATIONS("Minimum Access - API Only Integrations"),
        /** A person's profile that grants nothing of the project's objects: their permission set does. */
        MINIMUM_ACCESS_SALESFORCE("Minimum Access - Salesforce");

        public final String label;

        Profile(String label) {
            this.label = label;
        }
    }

    /**
     * Start-up options; {@link #defaults()} then the {@code with*} methods. The integration user (the one client
     * credentials log in as) has {@code integrationProfile} and the permission sets {@code integrationPermissionSets}
     * of the metadata: by default the connector's own, {@code Marketplace_Connector}, on the API-only profile.
     */
    public record Options(int port, int queryPageSize, long dailyApiLimit, long faultSeed, String integrationUsername,
                          Profile integrationProfile, List<String> integrationPermissionSets) {
        public static final String CONNECTOR_PERMISSION_SET = "Marketplace_Connector";

        public static Options defaults() {
            return new Options(0, 2000, 100_000, 42L, "integration@sandbox.mpcrm.test",
                    Profile.MINIMUM_ACCESS_API_ONLY_INTEGRATIONS, List.of(CONNECTOR_PERMISSION_SET));
        }

        public Options withPort(int p) {
            return new Options(p, queryPageSize, dailyApiLimit, faultSeed, integrationUsername, integrationProfile,
                    integrationPermissionSets);
        }

        public Options withQueryPageSize(int n) {
            return new Options(port, n, dailyApiLimit, faultSeed, integrationUsername, integrationProfile,
                    integrationPermissionSets);
        }

        public Options withDailyApiLimit(long n) {
            return new Options(port, queryPageSize, n, faultSeed, integrationUsername, integrationProfile,
                    integrationPermissionSets);
        }

        public Options withFaultSeed(long seed) {
            return new Options(port, queryPageSize, dailyApiLimit, seed, integrationUsername, integrationProfile,
                    integrationPermissionSets);
        }

        public Options withIntegrationUsername(String u) {
            return new Options(port, queryPageSize, dailyApiLimit, faultSeed, u, integrationProfile,
                    integrationPermissionSets);
        }

        /** The integration user's profile and permission sets (none, for an administrator). */
        public Options withIntegrationUser(Profile profile, String... permissionSets) {
            return new Options(port, queryPageSize, dailyApiLimit, faultSeed, integrationUsername, profile,
                    List.of(permissionSets));
        }
    }

    private record Session(String userId, String clientId) {
    }

    private record JwtClient(PublicKey key, String username) {
    }

    private record Cursor(List<ObjectNode> records, int pageSize) {
    }

    private record Reply(int status, byte[] body, String contentType) {
    }

    private record Ctx(String method, String version, List<String> segs, Map<String, String> params, byte[] body,
                       HttpExchange exchange, String userId) {
    }

    @FunctionalInterface
    private interface Action {
        Reply run(Ctx ctx) throws IOException;
    }

    private record Route(String kind, Action action) {
    }

    private static final ObjectMapper JSON = SandboxStore.JSON;
    private static final Pattern DATA_PATH = Pattern.compile("^/services/data/v(\\d+\\.\\d+)(/.*)?$");
    private static final Pattern LOCATOR = Pattern.compile("^(01g[0-9A-Za-z]{15})-(\\d+)$");

    private final HttpServer server;
    private final ExecutorService executor;
    private final SandboxStore store;
    private final ApiAccess access;
    private final Profile integrationProfile;
    private final List<String> integrationPermissionSets;
    private final SalesforceMetadata metadata;
    private final SecureRandom random = new SecureRandom();
    private final String orgId;
    private final String integrationUserId;
    private final String integrationUsername;
    private final String clientId;
    private final String clientSecret;
    private final byte[] signingKey = new byte[32];
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, JwtClient> jwtClients = new ConcurrentHashMap<>();
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    /** The transaction of the composite subrequest this thread runs, if any. */
    private final ThreadLocal<Tx> compositeTx = new ThreadLocal<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> countsByUser = new ConcurrentHashMap<>();
    private final AtomicLong cursorSequence = new AtomicLong(1);
    private final AtomicLong apiUsed = new AtomicLong();
    private final AtomicInteger userSequence = new AtomicInteger();
    private volatile long dailyApiLimit;
    private volatile int queryPageSize;
    private final Object faultLock = new Object();
    private volatile int sessionExpiryPeriod;
    private final java.util.concurrent.atomic.AtomicLong dataCalls = new java.util.concurrent.atomic.AtomicLong();
    private int failNextCount;
    private String failNextKind;
    private int failNextStatus;
    private String failNextCode;
    private double faultRate;
    private int faultStatus;
    private String faultCode;
    private final Random faultRandom;
    private final String baseUrl;

    private SandboxOrg(Path objectsDir, Options options) throws IOException {
        this.metadata = SalesforceMetadata.load(objectsDir);
        this.store = new SandboxStore(metadata, Clock.systemUTC());
        this.access = new ApiAccess(store);
        this.dailyApiLimit = options.dailyApiLimit();
        this.queryPageSize = options.queryPageSize();
        this.faultRandom = new Random(options.faultSeed());
        random.nextBytes(signingKey);
        this.orgId = SalesforceIds.newId("00D", 1 + random.nextInt(100_000));
        this.integrationUsername = options.integrationUsername();
        this.integrationProfile = options.integrationProfile();
        this.integrationPermissionSets = List.copyOf(options.integrationPermissionSets());
        this.integrationUserId = newUser("Integration User", integrationUsername, null);
        setUp(integrationUserId, integrationProfile, integrationPermissionSets);
        this.clientId = "3MVG9sandbox" + randomToken(24);
        this.clientSecret = randomToken(32);
        this.server = httpsServer(options.port());
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "sandbox-org-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.baseUrl = "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * HTTPS on loopback, as every Salesforce URL is https (and clients such as Salesforce's Pub/Sub client for Node
     * refuse an instance URL that is not), with the sandbox certificate; the JVM trusts its CA from here on.
     */
    private static HttpServer httpsServer(int port) throws IOException {
        return LoopbackHttpServer.createHttps(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64,
                SandboxTls.install().serverContext());
    }

    // ================================================================== public API

    public static SandboxOrg start(Path objectsDir) {
        return start(objectsDir, Options.defaults());
    }

    public static SandboxOrg start(Path objectsDir, Options options) {
        try {
            return new SandboxOrg(objectsDir, options);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start sandbox org: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The login URL (token endpoint host, https); the same server also serves the instance. */
    public String loginUrl() {
        return baseUrl;
    }

    public String instanceUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String orgId() {
        return orgId;
    }

    public String clientId() {
        return clientId;
    }

    /** The object metadata this org was started with (objects, platform events, custom fields). */
    public SalesforceMetadata metadata() {
        return metadata;
    }

    /** The user a live access token belongs to; empty for unknown, revoked or expired tokens. */
    public Optional<String> userIdForToken(String token) {
        Session s = token == null ? null : sessions.get(token);
        return s == null ? Optional.empty() : Optional.of(s.userId());
    }

    public String clientSecret() {
        return clientSecret;
    }

    public String integrationUserId() {
        return integrationUserId;
    }

    public String integrationUsername() {
        return integrationUsername;
    }

    /**
     * Registers a connected app for the JWT bearer flow; creates the user {@code username} if it does not exist, set
     * up as the integration user is (its profile and permission sets).
     */
    public void registerJwtClient(String jwtClientId, PublicKey key, String username) {
        if (userIdByUsername(username) == null) {
            setUp(newUser(username, username, integrationUserId), integrationProfile, integrationPermissionSets);
        }
        jwtClients.put(jwtClientId, new JwtClient(key, username));
    }

    /**
     * Creates an active user (username derived from the name) holding the permission sets named, on a profile that
     * grants none of the project's objects by itself, as a seller is set up: {@code Marketplace_User} for ISV sales
     * ops, {@code Marketplace_Channel_Partner} for a partner's. Returns the user's id.
     */
    public String createUser(String name, String... permissionSets) {
        return createUser(name, Profile.MINIMUM_ACCESS_SALESFORCE, permissionSets);
    }

    private String createUser(String name, Profile profile, String... permissionSets) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".").replaceAll("^\\.|\\.$", "");
        String username = base + "." + userSequence.incrementAndGet() + "@sandbox.mpcrm.test";
        String id = newUser(name, username, integrationUserId);
        setUp(id, profile, List.of(permissionSets));
        return id;
    }

    /** Assigns one more permission set of the metadata to a user ({@code sf org assign permset}). */
    public void assignPermissionSet(String userId, String permissionSet) {
        synchronized (store) {
            store.permissions().assign(user18(userId), permissionSet);
        }
    }

    /** A user's profile. */
    public Profile profile(String userId) {
        synchronized (store) {
            return store.permissions().profile(user18(userId));
        }
    }

    /** The permission sets a user holds. */
    public Set<String> permissionSets(String userId) {
        synchronized (store) {
            return Set.copyOf(store.permissions().permissionSets(user18(userId)));
        }
    }

    /** Gives a user "View All Data": read access to every record of every object, and no more. */
    public void setViewAll(String userId, boolean viewAll) {
        synchronized (store) {
            store.permissions().setViewAllData(user18(userId), viewAll);
        }
    }

    /** Gives a user "Modify All Data": full access to every object, field and record. */
    public void setModifyAll(String userId, boolean modifyAll) {
        synchronized (store) {
            store.permissions().setModifyAllData(user18(userId), modifyAll);
        }
    }

    /**
     * A session for a user, as logging in gives them: its access token, for a REST client that reads and writes as
     * that person sees the org ({@link SandboxOrgRestClient#forUser}).
     */
    public String loginAs(String userId) {
        String id = user18(userId);
        synchronized (store) {
            if (store.record("User", id) == null) {
                throw new IllegalArgumentException("No user " + userId);
            }
        }
        String token = orgId.substring(0, 15) + "!" + randomToken(48);
        sessions.put(token, new Session(id, clientId));
        return token;
    }

    private void setUp(String userId, Profile profile, List<String> permissionSets) {
        synchronized (store) {
            store.permissions().setProfile(userId, profile);
            for (String set : permissionSets) {
                store.permissions().assign(userId, set);
            }
        }
    }

    private static String user18(String userId) {
        return SalesforceIds.to18(userId).orElseThrow(() -> new IllegalArgumentException("Not a user id: " + userId));
    }

    /**
     * Shares one record with a user for Edit (as a sharing rule would); what they may do with it stays within their
     * object permissions.
     */
    public void grantAccess(String userId, String recordId) {
        share(recordId, userId, "Edit");
    }

    /**
     * Shares one record with a user at {@code accessLevel} "Read" or "Edit", as a manual share or sharing rule does
     * ({@code <Object>__Share}'s AccessLevel); it only adds to what the object's sharing model and ownership give.
     */
    public void share(String recordId, String userId, String accessLevel) {
        RecordAccess.Level level = switch (accessLevel) {
            case "Read" -> RecordAccess.Level.READ;
            case "Edit" -> RecordAccess.Level.EDIT;
            default -> throw new IllegalArgumentException("AccessLevel is Read or Edit, not " + accessLevel);
        };
        store.share(SalesforceIds.to18(userId).orElseThrow(() -> new IllegalArgumentException(userId)),
                SalesforceIds.to18(recordId).orElseThrow(() -> new IllegalArgumentException(recordId)), level);
    }

    /**
     * Whether the user may subscribe to ({@code publish} false: Read) or publish ({@code publish} true: Create) the
     * platform event {@code apiName}: a platform event takes only these two permissions, from a permission set
     * (the Pub/Sub API's TopicInfo says so in can_subscribe and can_publish).
     */
    public boolean eventPermission(String userId, String apiName, boolean publish) {
        synchronized (store) {
            SObjectSchema s = store.schema(apiName);
            SalesforceMetadata.ObjectPermissions p = access.object(user18(userId), s);
            return publish ? p.create() : p.read();
        }
    }

    /** Inserts a record as the integration user, with the same validation as REST; returns the 18-char id. */
    public String insert(String sobject, Map<String, Object> fields) {
        return insertAs(integrationUserId, sobject, fields);
    }

    /** Inserts a record as {@code userId} (CreatedById, OwnerId), with the same validation as REST. */
    public String insertAs(String userId, String sobject, Map<String, Object> fields) {
        ObjectNode body = toNode(fields);
        return inTx(tx -> store.create(sobject, body, userId, tx));
    }

    /** Updates a record as the integration user, with the same validation as REST. */
    public void update(String sobject, String id, Map<String, Object> fields) {
        ObjectNode body = toNode(fields);
        inTx(tx -> {
            store.update(sobject, id, body, integrationUserId, tx);
            return null;
        });
    }

    public void delete(String sobject, String id) {
        inTx(tx -> {
            store.delete(sobject, id, tx);
            return null;
        });
    }

    /** The record as REST would show it (no attributes), or null if it does not exist or is deleted. */
    public Map<String, Object> get(String sobject, String id) {
        SObjectSchema s = store.schema(sobject);
        String id18 = SalesforceIds.to18(id).orElse(null);
        synchronized (store) {
            Map<String, Object> r = id18 == null ? null : store.record(s.name, id18);
            return r == null ? null : store.publicView(s, r);
        }
    }

    /** Runs SOQL directly (all pages), returning records as REST would show them, top-level attributes removed. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> query(String soql) {
        SoqlEngine.Result result;
        synchronized (store) {
            result = SoqlEngine.execute(store, soql, this::rowsFor, DEFAULT_API_VERSION);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (ObjectNode n : result.records()) {
            n.remove("attributes");
            out.add(JSON.convertValue(n, LinkedHashMap.class));
        }
        return out;
    }

    /** Raw bytes of a ContentVersion's VersionData. */
    public byte[] versionData(String contentVersionId) {
        synchronized (store) {
            Map<String, Object> r = store.existing(store.schema("ContentVersion"),
                    SalesforceIds.to18(contentVersionId).orElseThrow());
            return ((byte[]) r.get("VersionData")).clone();
        }
    }

    /** Every token issued so far stops working (401 INVALID_SESSION_ID); logging in again works. */
    public void expireAllSessions() {
        sessions.clear();
    }

    /**
     * Every {@code calls}-th REST data call (0: never) ends every session first, as an org's session timeout or an
     * admin's "log out all users" would; the call itself then fails with 401 INVALID_SESSION_ID.
     */
    public void expireSessionsEvery(int calls) {
        sessionExpiryPeriod = calls;
    }

    /** The next {@code count} REST data calls (not OAuth) fail with this status and error code. */
    public void failNext(int count, int httpStatus, String errorCode) {
        failNext(null, count, httpStatus, errorCode);
    }

    /** The next {@code count} REST data calls of one kind (see {@link #callCounts()}) fail like this. */
    public void failNext(String kind, int count, int httpStatus, String errorCode) {
        synchronized (faultLock) {
            failNextKind = kind;
            failNextCount = count;
            failNextStatus = httpStatus;
            failNextCode = errorCode;
        }
    }

    /** Each REST data call fails with this probability (seeded random, see {@link Options#faultSeed()}). */
    public void setFaultRate(double rate, int httpStatus, String errorCode) {
        synchronized (faultLock) {
            faultRate = rate;
            faultStatus = httpStatus;
            faultCode = errorCode;
        }
    }

    public void setQueryPageSize(int pageSize) {
        this.queryPageSize = pageSize;
    }

    public void setDailyApiLimit(long max) {
        this.dailyApiLimit = max;
    }

    public long apiRequestsUsed() {
        return apiUsed.get();
    }

    public void resetApiUsage() {
        apiUsed.set(0);
    }

    /** Calls received, by kind: login, query, queryMore, create, update, upsert, delete, get, collections.*, ... */
    public Map<String, Long> callCounts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The calls of one user's sessions, by kind: what one connector spent when others share the org. */
    public Map<String, Long> callCounts(String userId) {
        Map<String, Long> out = new TreeMap<>();
        countsByUser.getOrDefault(SalesforceIds.to18(userId).orElse(userId), Map.of())
                .forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void resetCallCounts() {
        counts.clear();
        countsByUser.clear();
    }

    /** Observes committed inserts of {@code sobject} (REST, collections or direct); the map is REST-shaped. */
    public void onInsert(String sobject, Consumer<Map<String, Object>> hook) {
        store.onInsert(sobject, hook);
    }

    // ================================================================== users and helpers

    private String newUser(String name, String username, String createdBy) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Name", name);
        body.put("Username", username);
        body.put("Email", username);
        body.put("IsActive", true);
        return inTx(tx -> {
            String id = store.create("User", body, createdBy, tx);
            if (createdBy == null) {
                Map<String, Object> r = store.record("User", id);
                r.put("CreatedById", id);
                r.put("LastModifiedById", id);
            }
            return id;
        });
    }

    private String userIdByUsername(String username) {
        synchronized (store) {
            for (Map<String, Object> u : store.rows("User", false)) {
                if (username.equalsIgnoreCase((String) u.get("Username")) && Boolean.TRUE.equals(u.get("IsActive"))) {
                    return (String) u.get("Id");
                }
            }
        }
        return null;
    }

    private <T> T inTx(Function<Tx, T> work) {
        Tx tx = new Tx();
        T result;
        synchronized (store) {
            try {
                result = work.apply(tx);
            } catch (RuntimeException e) {
                tx.rollback();
                throw e;
            }
        }
        commit(tx);
        return result;
    }

    /**
     * Ends a write: its events fire, unless it is a subrequest of a composite request, which then owns the changes
     * and commits or rolls them back together with its other subrequests.
     */
    private void commit(Tx tx) {
        Tx composite = compositeTx.get();
        if (composite != null) {
            composite.absorb(tx);
        } else {
            store.fire(tx);
        }
    }

    private static ObjectNode toNode(Map<String, Object> fields) {
        ObjectNode node = JSON.createObjectNode();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            Object v = e.getValue();
            if (v instanceof LocalDate d) {
                node.put(e.getKey(), d.toString());
            } else if (v instanceof Instant i) {
                node.put(e.getKey(), SandboxStore.DATETIME_OUT.format(i));
            } else if (v instanceof OffsetDateTime o) {
                node.put(e.getKey(), SandboxStore.DATETIME_OUT.format(o.toInstant()));
            } else if (v instanceof ZonedDateTime z) {
                node.put(e.getKey(), SandboxStore.DATETIME_OUT.format(z.toInstant()));
            } else if (v instanceof byte[] b) {
                node.put(e.getKey(), Base64.getEncoder().encodeToString(b));
            } else {
                node.set(e.getKey(), JSON.valueToTree(v));
            }
        }
        return node;
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private void count(String kind) {
        counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private List<Map<String, Object>> rowsFor(SObjectSchema schema, SoqlEngine.Query q) {
        return rowsFor(schema, q, false, null);
    }

    /** The rows a query of {@code userId} (null: no one's, a direct query) reads from: those the user can see. */
    private List<Map<String, Object>> rowsFor(SObjectSchema schema, SoqlEngine.Query q, boolean includeDeleted,
                                              String userId) {
        if (!schema.name.equals("UserRecordAccess")) {
            List<Map<String, Object>> rows = store.rows(schema.name, includeDeleted);
            return userId == null ? rows : access.visibleRows(userId, schema, rows);
        }
        List<String> users = q.where() == null ? List.of() : SoqlEngine.equalityValues(q.where(), "UserId");
        List<String> records = q.where() == null ? List.of() : SoqlEngine.equalityValues(q.where(), "RecordId");
        if (users.size() != 1 || records.isEmpty()) {
            throw SalesforceApiException.badRequest("MALFORMED_QUERY",
                    "UserRecordAccess queries need a filter UserId = '<id>' AND RecordId = '<id>' (or RecordId IN (...))");
        }
        String user = SalesforceIds.to18(users.get(0)).orElse(users.get(0));
        List<Map<String, Object>> rows = new ArrayList<>();
        long n = 1;
        for (String raw : records) {
            String rec = SalesforceIds.to18(raw).orElse(raw);
            // "records that the running user doesn't have read access to are filtered out of the results"
            // (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/
            // sforce_api_objects_userrecordaccess.htm)
            if (userId != null && !store.access(userId, rec).atLeast(RecordAccess.Level.READ)) {
                continue;
            }
            RecordAccess.Level level = store.access(user, rec);
            Map<String, Object> record = store.anyRecord(rec);
            boolean delete = record != null && store.schemaForId(rec)
                    .map(s -> store.recordAccess().canDelete(user, s, record)).orElse(false);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("Id", SalesforceIds.newId("000", n++));
            row.put("UserId", user);
            row.put("RecordId", rec);
            row.put("HasReadAccess", level.atLeast(RecordAccess.Level.READ));
            row.put("HasEditAccess", level.atLeast(RecordAccess.Level.EDIT));
            row.put("HasDeleteAccess", delete);
            row.put("HasAllAccess", level == RecordAccess.Level.ALL);
            row.put("MaxAccessLevel", level.label);
            rows.add(row);
        }
        return rows;
    }

    /** The objects and fields a user's queries see. */
    private SoqlEngine.Visibility visibility(String userId) {
        return new SoqlEngine.Visibility() {
            @Override
            public boolean object(SObjectSchema schema) {
                return access.object(userId, schema).read();
            }

            @Override
            public boolean field(SObjectSchema schema, Field field) {
                return access.readable(userId, schema, field);
            }
        };
    }

    // ================================================================== HTTP plumbing

    private void handle(HttpExchange ex) {
        try (ex) {
            Reply reply;
            String path = ex.getRequestURI().getRawPath();
            try {
                if (path.equals("/services/oauth2/token")) {
                    reply = token(ex);
                } else if (path.equals("/services/oauth2/userinfo")) {
                    reply = userInfo(ex);
                } else if (path.startsWith("/id/")) {
                    reply = identity(ex, path);
                } else if (path.equals("/services/oauth2/revoke")) {
                    reply = revoke(ex);
                } else if (path.equals("/services/data") || path.equals("/services/data/")) {
                    ArrayNode versions = JSON.createArrayNode();
                    for (String v : List.of("58.0", "59.0", "60.0", "61.0", "62.0", "63.0", "64.0")) {
                        versions.addObject().put("label", "v" + v).put("url", "/services/data/v" + v).put("version", v);
                    }
                    reply = json(200, versions);
                } else {
                    Matcher m = DATA_PATH.matcher(path);
                    if (m.matches()) {
                        data(ex, m.group(1), m.group(2) == null ? "" : m.group(2));
                        return;
                    }
                    reply = error(SalesforceApiException.notFound());
                }
            } catch (RuntimeException e) {
                e.printStackTrace();
                reply = error(new SalesforceApiException(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred: " + e));
            }
            send(ex, reply, false);
        } catch (IOException e) {
            // client went away
        }
    }

    private void send(HttpExchange ex, Reply reply, boolean limitHeader) throws IOException {
        if (limitHeader) {
            ex.getResponseHeaders().set("Sforce-Limit-Info", "api-usage=" + apiUsed.get() + "/" + dailyApiLimit);
        }
        if (reply.contentType() != null) {
            ex.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        if (reply.body() == null || reply.body().length == 0 || reply.status() == 204) {
            ex.sendResponseHeaders(reply.status(), -1);
        } else {
            ex.sendResponseHeaders(reply.status(), reply.body().length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(reply.body());
            }
        }
    }

    private static Reply json(int status, JsonNode node) {
        try {
            return new Reply(status, JSON.writeValueAsBytes(node), "application/json;charset=UTF-8");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Reply error(SalesforceApiException e) {
        if (e.status() == 300) {
            ArrayNode urls = JSON.createArrayNode();
            e.fields().forEach(urls::add);
            return json(300, urls);
        }
        ArrayNode arr = JSON.createArrayNode();
        ObjectNode err = arr.addObject();
        err.put("message", e.getMessage());
        err.put("errorCode", e.errorCode());
        ArrayNode f = err.putArray("fields");
        e.fields().forEach(f::add);
        return json(e.status(), arr);
    }


    private static byte[] readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    // ================================================================== OAuth

    private static Reply oauthError(String error, String description) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", error);
        n.put("error_description", description);
        return json(400, n);
    }

    private Reply token(HttpExchange ex) throws IOException {
        count("login");
        if (!ex.getRequestMethod().equals("POST")) {
            return new Reply(405, new byte[0], null);
        }
        Map<String, String> form = LoopbackHttpServer.parseForm(ex.getRequestURI().getRawQuery());
        form.putAll(LoopbackHttpServer.parseForm(new String(readBody(ex), StandardCharsets.UTF_8)));
        String grant = form.getOrDefault("grant_type", "");
        String userId;
        String usedClient;
        switch (grant) {
            case "client_credentials" -> {
                if (!clientId.equals(form.get("client_id"))) {
                    return oauthError("invalid_client_id", "client identifier invalid");
                }
                if (!clientSecret.equals(form.get("client_secret"))) {
                    return oauthError("invalid_client", "invalid client credentials");
                }
                userId = integrationUserId;
                usedClient = clientId;
            }
            case "urn:ietf:params:oauth:grant-type:jwt-bearer" -> {
                String assertion = form.get("assertion");
                if (assertion == null) {
                    return oauthError("invalid_request", "assertion is required");
                }
                Object outcome = verifyJwt(assertion);
                if (outcome instanceof Reply r) {
                    return r;
                }
                String[] pair = (String[]) outcome;
                usedClient = pair[0];
                userId = pair[1];
            }
            default -> {
                return oauthError("unsupported_grant_type", "grant type not supported");
            }
        }
        String token = orgId.substring(0, 15) + "!" + randomToken(48);
        sessions.put(token, new Session(userId, usedClient));
        String issuedAt = String.valueOf(System.currentTimeMillis());
        String idUrl = baseUrl + "/id/" + orgId + "/" + userId;
        ObjectNode n = JSON.createObjectNode();
        n.put("access_token", token);
        n.put("signature", sign(idUrl + issuedAt));
        n.put("scope", "api");
        n.put("instance_url", baseUrl);
        n.put("id", idUrl);
        n.put("token_type", "Bearer");
        n.put("issued_at", issuedAt);
        return json(200, n);
    }

    /** Returns {clientId, userId} on success, or the error Reply. */
    private Object verifyJwt(String assertion) {
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return oauthError("invalid_grant", "invalid assertion");
        }
        JsonNode header;
        JsonNode claims;
        byte[] sig;
        try {
            Base64.Decoder dec = Base64.getUrlDecoder();
            header = JSON.readTree(dec.decode(parts[0]));
            claims = JSON.readTree(dec.decode(parts[1]));
            sig = dec.decode(parts[2]);
        } catch (IOException | IllegalArgumentException e) {
            return oauthError("invalid_grant", "invalid assertion");
        }
        if (!"RS256".equals(header.path("alg").asText())) {
            return oauthError("invalid_grant", "invalid assertion");
        }
        String iss = claims.path("iss").asText(null);
        JwtClient client = iss == null ? null : jwtClients.get(iss);
        if (client == null) {
            return oauthError("invalid_client_id", "client identifier invalid");
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(client.key());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(sig)) {
                return oauthError("invalid_grant", "invalid assertion");
            }
        } catch (Exception e) {
            return oauthError("invalid_grant", "invalid assertion");
        }
        Set<String> audiences = Set.of(baseUrl, "https://login.salesforce.com", "https://test.salesforce.com");
        List<String> aud = new ArrayList<>();
        if (claims.path("aud").isArray()) {
            claims.path("aud").forEach(a -> aud.add(a.asText()));
        } else {
            aud.add(claims.path("aud").asText(""));
        }
        if (aud.stream().map(a -> a.endsWith("/") ? a.substring(0, a.length() - 1) : a).noneMatch(audiences::contains)) {
            return oauthError("invalid_grant", "audience is invalid");
        }
        long exp;
        try {
            exp = Long.parseLong(claims.path("exp").asText(""));
        } catch (NumberFormatException e) {
            return oauthError("invalid_grant", "invalid assertion");
        }
        if (exp * 1000 <= System.currentTimeMillis()) {
            return oauthError("invalid_grant", "expired authorization code");
        }
        String sub = claims.path("sub").asText("");
        String userId = userIdByUsername(sub);
        if (userId == null) {
            return oauthError("invalid_grant", "user hasn't approved this consumer");
        }
        return new String[] {iss, userId};
    }

    private String sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply revoke(HttpExchange ex) throws IOException {
        count("revoke");
        Map<String, String> form = LoopbackHttpServer.parseForm(ex.getRequestURI().getRawQuery());
        form.putAll(LoopbackHttpServer.parseForm(new String(readBody(ex), StandardCharsets.UTF_8)));
        String token = form.get("token");
        if (token == null || sessions.remove(token) == null) {
            return oauthError("unsupported_token_type", "this token type is not supported");
        }
        return new Reply(200, new byte[0], null);
    }

    // ================================================================== identity (UserInfo, identity URL)

    /**
     * {@code GET /services/oauth2/userinfo}: the OpenID Connect UserInfo endpoint, for the token's own user, with the
     * fields Salesforce lists in "Query for User Information"
     * (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_using_userinfo_endpoint.htm&type=5):
     * sub (the identity URL), user_id, organization_id, preferred_username, name, email, urls ... Salesforce's Pub/Sub
     * client for Node reads organization_id and preferred_username from it after an OAuth login.
     */
    @SuppressWarnings("unchecked")
    private Reply userInfo(HttpExchange ex) {
        count("userinfo");
        Object caller = identityCaller(ex);
        if (caller instanceof Reply refused) {
            return refused;
        }
        Map<String, Object> user = (Map<String, Object>) caller;
        String userId = (String) user.get("Id");
        String name = String.valueOf(user.get("Name"));
        ObjectNode n = JSON.createObjectNode();
        n.put("sub", identityUrl(userId));
        n.put("user_id", userId);
        n.put("organization_id", orgId);
        n.put("preferred_username", (String) user.get("Username"));
        n.put("nickname", nickname(user));
        n.put("name", name);
        n.put("email", (String) user.get("Email"));
        n.put("email_verified", true);
        n.put("given_name", givenName(name));
        n.put("family_name", familyName(name));
        n.put("zoneinfo", "GMT");
        n.set("photos", photos(userId));
        n.put("profile", baseUrl + "/" + userId);
        n.put("picture", baseUrl + "/profilephoto/005/F");
        n.putObject("address");
        n.put("is_salesforce_integration_user", userId.equals(integrationUserId));
        n.set("urls", identityUrls(userId, queryParams(ex).get("version")));
        n.put("active", Boolean.TRUE.equals(user.get("IsActive")));
        n.put("user_type", "STANDARD");
        n.put("language", "en_US");
        n.put("locale", "en_US");
        n.put("utcOffset", 0);
        n.put("updated_at", String.valueOf(user.get("LastModifiedDate")));
        n.put("is_app_installed", true);
        return json(200, n);
    }

    /**
     * {@code GET /id/<org id>/<user id>}: the identity URL the token response names in {@code id}, with the fields of
     * "Identity URLs" (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_using_openid.htm&type=5): id,
     * asserted_user, user_id, organization_id, username, display_name, email, urls ... Any live token of this org may
     * read any active user's (an internal user with the api scope, as that page allows); another org's id is
     * 403 Wrong_Org, an unknown user 404 Bad_Id, as the page's error list names them.
     */
    @SuppressWarnings("unchecked")
    private Reply identity(HttpExchange ex, String path) {
        count("identity");
        Object caller = identityCaller(ex);
        if (caller instanceof Reply refused) {
            return refused;
        }
        String[] parts = path.substring("/id/".length()).split("/");
        if (parts.length != 2) {
            return identityError(404, "Bad_Id");
        }
        if (!SalesforceIds.to18(parts[0]).map(orgId::equals).orElse(false)) {
            return identityError(403, "Wrong_Org");
        }
        Map<String, Object> user = SalesforceIds.to18(parts[1]).map(this::activeUser).orElse(null);
        if (user == null) {
            return identityError(404, "Bad_Id");
        }
        String userId = (String) user.get("Id");
        ObjectNode n = JSON.createObjectNode();
        n.put("id", identityUrl(userId));
        n.put("asserted_user", userId.equals(((Map<String, Object>) caller).get("Id")));
        n.put("user_id", userId);
        n.put("organization_id", orgId);
        n.put("username", (String) user.get("Username"));
        n.put("nick_name", nickname(user));
        n.put("display_name", String.valueOf(user.get("Name")));
        n.put("email", (String) user.get("Email"));
        n.put("email_verified", true);
        n.put("first_name", givenName(String.valueOf(user.get("Name"))));
        n.put("last_name", familyName(String.valueOf(user.get("Name"))));
        n.put("timezone", "GMT");
        n.set("photos", photos(userId));
        n.putNull("addr_street");
        n.putNull("addr_city");
        n.putNull("addr_state");
        n.putNull("addr_country");
        n.putNull("addr_zip");
        n.putNull("mobile_phone");
        n.put("mobile_phone_verified", false);
        n.put("is_lightning_login_user", false);
        n.putObject("status").putNull("created_date").putNull("body");
        n.set("urls", identityUrls(userId, queryParams(ex).get("version")));
        n.put("active", true);
        n.put("user_type", "STANDARD");
        n.put("language", "en_US");
        n.put("locale", "en_US");
        n.put("utcOffset", 0);
        n.put("last_modified_date", String.valueOf(user.get("LastModifiedDate")));
        n.put("is_app_installed", true);
        return json(200, n);
    }

    /** The user of the request's token (Authorization: Bearer, or the oauth_token / access_token parameter). */
    private Object identityCaller(HttpExchange ex) {
        if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("POST")) {
            return new Reply(405, new byte[0], null);
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        Map<String, String> params = queryParams(ex);
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim()
                : auth != null && auth.regionMatches(true, 0, "OAuth ", 0, 6) ? auth.substring(6).trim()
                : params.getOrDefault("oauth_token", params.get("access_token"));
        if (token == null || token.isEmpty()) {
            return identityError(403, "Missing_OAuth_Token");
        }
        Session session = sessions.get(token);
        Map<String, Object> user = session == null ? null : activeUser(session.userId());
        return user == null ? identityError(403, "Bad_OAuth_Token") : user;
    }

    private Map<String, Object> activeUser(String userId) {
        synchronized (store) {
            Map<String, Object> user = store.record("User", userId);
            return user == null || !Boolean.TRUE.equals(user.get("IsActive")) ? null : new LinkedHashMap<>(user);
        }
    }

    private String identityUrl(String userId) {
        return baseUrl + "/id/" + orgId + "/" + userId;
    }

    private ObjectNode photos(String userId) {
        ObjectNode photos = JSON.createObjectNode();
        photos.put("picture", baseUrl + "/profilephoto/005/F");
        photos.put("thumbnail", baseUrl + "/profilephoto/005/T");
        return photos;
    }

    /** The API endpoints, with {version} left in unless the request names one ("latest" is the newest). */
    private ObjectNode identityUrls(String userId, String version) {
        String v = version == null ? "{version}" : version.equals("latest") ? "64.0" : version;
        ObjectNode urls = JSON.createObjectNode();
        urls.put("enterprise", baseUrl + "/services/Soap/c/" + v + "/" + orgId);
        urls.put("metadata", baseUrl + "/services/Soap/m/" + v + "/" + orgId);
        urls.put("partner", baseUrl + "/services/Soap/u/" + v + "/" + orgId);
        urls.put("rest", baseUrl + "/services/data/v" + v + "/");
        urls.put("sobjects", baseUrl + "/services/data/v" + v + "/sobjects/");
        urls.put("search", baseUrl + "/services/data/v" + v + "/search/");
        urls.put("query", baseUrl + "/services/data/v" + v + "/query/");
        urls.put("recent", baseUrl + "/services/data/v" + v + "/recent/");
        urls.put("tooling_soap", baseUrl + "/services/Soap/T/" + v + "/" + orgId);
        urls.put("tooling_rest", baseUrl + "/services/data/v" + v + "/tooling/");
        urls.put("profile", baseUrl + "/" + userId);
        urls.put("feeds", baseUrl + "/services/data/v" + v + "/chatter/feeds");
        urls.put("groups", baseUrl + "/services/data/v" + v + "/chatter/groups");
        urls.put("users", baseUrl + "/services/data/v" + v + "/chatter/users");
        urls.put("feed_items", baseUrl + "/services/data/v" + v + "/chatter/feed-items");
        urls.put("feed_elements", baseUrl + "/services/data/v" + v + "/chatter/feed-elements");
        urls.put("custom_domain", baseUrl);
        return urls;
    }

    private static String nickname(Map<String, Object> user) {
        String username = String.valueOf(user.get("Username"));
        return username.contains("@") ? username.substring(0, username.indexOf('@')) : username;
    }

    private static String givenName(String name) {
        int space = name.lastIndexOf(' ');
        return space < 0 ? null : name.substring(0, space);
    }

    private static String familyName(String name) {
        return name.substring(name.lastIndexOf(' ') + 1);
    }

    private static Map<String, String> queryParams(HttpExchange ex) {
        return LoopbackHttpServer.parseForm(ex.getRequestURI().getRawQuery());
    }

    /** An identity error: the code the Identity URLs page names for it (the body's format is not documented). */
    private static Reply identityError(int status, String code) {
        return new Reply(status, code.getBytes(StandardCharsets.UTF_8), "text/plain;charset=UTF-8");
    }

    // ================================================================== REST data API

    private void data(HttpExchange ex, String version, String rest) throws IOException {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        List<String> segs = new ArrayList<>(Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList());
        Map<String, String> params = LoopbackHttpServer.parseForm(ex.getRequestURI().getRawQuery());
        Reply reply;
        try {
            Route route = route(method, segs, params);
            count(route.kind());
            int expiry = sessionExpiryPeriod;
            if (expiry > 0 && dataCalls.incrementAndGet() % expiry == 0) {
                sessions.clear();
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            Session session = null;
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                session = sessions.get(auth.substring(7).trim());
            } else if (auth != null && auth.regionMatches(true, 0, "OAuth ", 0, 6)) {
                session = sessions.get(auth.substring(6).trim());
            }
            if (session == null) {
                throw new SalesforceApiException(401, "INVALID_SESSION_ID", "Session expired or invalid");
            }
            countsByUser.computeIfAbsent(SalesforceIds.to18(session.userId()).orElse(session.userId()),
                    u -> new ConcurrentHashMap<>()).computeIfAbsent(route.kind(), k -> new LongAdder()).increment();
            injectFault(route.kind());
            if (apiUsed.get() >= dailyApiLimit) {
                throw new SalesforceApiException(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
            }
            apiUsed.incrementAndGet();
            byte[] body = readBody(ex);
            reply = dispatch(route, new Ctx(method, version, segs, params, body, ex, session.userId()));
        } catch (SalesforceApiException e) {
            reply = error(e);
        } catch (JsonProcessingException e) {
            reply = error(SalesforceApiException.badRequest("JSON_PARSER_ERROR", e.getOriginalMessage()));
        } catch (RuntimeException e) {
            e.printStackTrace();
            reply = error(new SalesforceApiException(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred: " + e));
        }
        send(ex, reply, true);
    }

    /** Runs one REST operation for a user: a top-level call, or a subrequest of a composite request. */
    private Reply dispatch(Route route, Ctx ctx) throws IOException {
        return route.action().run(ctx);
    }

    private void injectFault(String kind) {
        synchronized (faultLock) {
            if (failNextCount > 0 && (failNextKind == null || failNextKind.equals(kind))) {
                failNextCount--;
                throw new SalesforceApiException(failNextStatus, failNextCode, "Injected fault (sandbox failNext)");
            }
            if (faultRate > 0 && faultRandom.nextDouble() < faultRate) {
                throw new SalesforceApiException(faultStatus, faultCode, "Injected fault (sandbox fault rate)");
            }
        }
    }

    /**
     * A fault a test aimed at one kind of operation ({@link #failNext(String, int, int, String)}) also hits that
     * operation as a composite subrequest; faults aimed at any call, and the random fault rate, hit the composite
     * request itself, as a failing Salesforce would.
     */
    private void injectSubrequestFault(String kind) {
        synchronized (faultLock) {
            if (failNextCount > 0 && kind.equals(failNextKind)) {
                failNextCount--;
                throw new SalesforceApiException(failNextStatus, failNextCode, "Injected fault (sandbox failNext)");
            }
        }
    }

    private Route route(String method, List<String> s, Map<String, String> params) {
        int n = s.size();
        String first = n > 0 ? s.get(0) : "";
        if (n == 0 && method.equals("GET")) {
            return new Route("resources", this::resources);
        }
        if (first.equals("limits") && n == 1 && method.equals("GET")) {
            return new Route("limits", this::limits);
        }
        if ((first.equals("query") || first.equals("queryAll")) && method.equals("GET")) {
            boolean all = first.equals("queryAll");
            if (n == 1) {
                return new Route(all ? "queryAll" : "query", c -> query(c, all));
            }
            if (n == 2) {
                return new Route("queryMore", this::queryMore);
            }
        }
        if (first.equals("sobjects")) {
            if (n == 1 && method.equals("GET")) {
                return new Route("describeGlobal", this::describeGlobal);
            }
            if (n == 2 && method.equals("GET")) {
                return new Route("describe", c -> describe(c, true));
            }
            if (n == 2 && method.equals("POST")) {
                return new Route("create", this::create);
            }
            if (n == 3 && s.get(2).equals("describe") && method.equals("GET")) {
                return new Route("describe", c -> describe(c, false));
            }
            if (n == 3) {
                switch (method) {
                    case "GET":
                        return new Route("get", this::getRecord);
                    case "PATCH":
                        return new Route("update", this::update);
                    case "DELETE":
                        return new Route("delete", this::delete);
                    default:
                        break;
                }
            }
            if (n == 4 && method.equals("PATCH")) {
                return new Route("upsert", this::upsert);
            }
            if (n == 4 && method.equals("GET")) {
                if (SalesforceIds.isValid(s.get(2)) && store.findSchema(s.get(1))
                        .flatMap(x -> x.field(s.get(3))).map(f -> f.kind() == SObjectSchema.Kind.BASE64).orElse(false)) {
                    return new Route("download", this::download);
                }
                return new Route("get", this::getByExternalId);
            }
        }
        if (first.equals("composite") && n == 1 && method.equals("POST")) {
            return new Route("composite", this::composite);
        }
        if (first.equals("composite") && n >= 2 && s.get(1).equals("sobjects")) {
            if (n == 2 && method.equals("POST")) {
                return new Route("collections.create", c -> collection(c, "create"));
            }
            if (n == 2 && method.equals("PATCH")) {
                return new Route("collections.update", c -> collection(c, "update"));
            }
            if (n == 2 && method.equals("DELETE")) {
                return new Route("collections.delete", this::collectionDelete);
            }
            if (n == 3 && (method.equals("GET") || method.equals("POST"))) {
                return new Route("collections.retrieve", this::collectionRetrieve);
            }
            if (n == 4 && method.equals("PATCH")) {
                return new Route("collections.upsert", c -> collection(c, "upsert"));
            }
        }
        return new Route("unknown", c -> {
            throw SalesforceApiException.notFound();
        });
    }

    private static ObjectNode bodyObject(Ctx c) throws IOException {
        if (c.body().length == 0) {
            throw SalesforceApiException.badRequest("JSON_PARSER_ERROR", "The request body is empty");
        }
        JsonNode node = JSON.readTree(c.body());
        if (!(node instanceof ObjectNode o)) {
            throw SalesforceApiException.badRequest("JSON_PARSER_ERROR",
                    "Cannot deserialize instance of SObject from " + node.getNodeType() + " value");
        }
        return o;
    }

    private Reply resources(Ctx c) {
        ObjectNode n = JSON.createObjectNode();
        String base = "/services/data/v" + c.version() + "/";
        for (String r : List.of("sobjects", "query", "queryAll", "limits", "composite")) {
            n.put(r, base + r);
        }
        return json(200, n);
    }

    private Reply limits(Ctx c) {
        ObjectNode n = JSON.createObjectNode();
        long max = dailyApiLimit;
        n.putObject("DailyApiRequests").put("Max", max).put("Remaining", Math.max(0, max - apiUsed.get()));
        n.putObject("DailyAsyncApexExecutions").put("Max", 250000).put("Remaining", 250000);
        n.putObject("DailyBulkApiRequests").put("Max", 10000).put("Remaining", 10000);
        n.putObject("DataStorageMB").put("Max", 1024).put("Remaining", 1024);
        return json(200, n);
    }

    // ---------------------------------------------------------------- sObjects

    private static ObjectNode saveResult(String id, boolean success) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.put("success", success);
        n.putArray("errors");
        return n;
    }

    private Reply create(Ctx c) throws IOException {
        ObjectNode body = bodyObject(c);
        String id = inTx(tx -> createAs(c.userId(), c.segs().get(1), body, tx));
        return json(201, saveResult(id, true));
    }

    /** An insert as the session's user: their object permissions and field-level security, then the references. */
    private String createAs(String userId, String object, ObjectNode body, Tx tx) {
        SObjectSchema s = access.readableObject(userId, object);
        access.beforeCreate(userId, s, body);
        String id = store.create(s.name, body, userId, tx);
        access.checkReferences(userId, s, id, body);
        return id;
    }

    /** An update as the session's user: the record visible and editable to them, the fields editable. */
    private void updateAs(String userId, String object, String rawId, ObjectNode body, Tx tx) {
        SObjectSchema s = access.readableObject(userId, object);
        String id = store.pathId(s, rawId);
        access.beforeUpdate(userId, s, id, body);
        store.update(s.name, id, body, userId, tx);
        access.checkReferences(userId, s, id, body);
    }

    /** An upsert as the session's user: an update of the record the key matches, else an insert. */
    private SandboxStore.UpsertOutcome upsertAs(String userId, String object, String extField, String value,
                                                ObjectNode body, boolean updateOnly, Tx tx, String version) {
        SObjectSchema s = access.readableObject(userId, object);
        s.field(extField).filter(f -> access.readable(userId, s, f)).orElseThrow(() -> new SalesforceApiException(404,
                "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + extField));
        Optional<String> existing = store.upsertMatch(s.name, extField, value, version);
        if (existing.isPresent()) {
            access.beforeUpdate(userId, s, existing.get(), body);
        } else if (!updateOnly) {
            access.beforeCreate(userId, s, body);
        }
        SandboxStore.UpsertOutcome out = store.upsert(s.name, extField, value, body, userId, updateOnly, tx, version);
        access.checkReferences(userId, s, out.id(), body);
        return out;
    }

    /** A delete as the session's user: Delete on the object and full access to the record. */
    private void deleteAs(String userId, String object, String rawId, Tx tx) {
        SObjectSchema s = access.readableObject(userId, object);
        String id = store.pathId(s, rawId);
        access.beforeDelete(userId, s, id);
        store.delete(s.name, id, tx);
    }

    private Reply getRecord(Ctx c) {
        List<String> fields = c.params().containsKey("fields")
                ? Arrays.stream(c.params().get("fields").split(",")).map(String::trim).filter(f -> !f.isEmpty()).toList()
                : null;
        synchronized (store) {
            SObjectSchema s = access.readableObject(c.userId(), c.segs().get(1));
            String id = store.pathId(s, c.segs().get(2));
            Map<String, Object> r = access.visible(c.userId(), s, id);
            if (fields != null) {
                access.checkReadable(c.userId(), s, fields);
            }
            return json(200, store.render(s, r, fields != null ? fields : access.readableFields(c.userId(), s),
                    c.version()));
        }
    }

    private Reply getByExternalId(Ctx c) {
        synchronized (store) {
            SObjectSchema s = access.readableObject(c.userId(), c.segs().get(1));
            Field f = s.field(c.segs().get(2)).filter(Field::externalId)
                    .filter(x -> access.readable(c.userId(), s, x)).orElseThrow(() -> new SalesforceApiException(404,
                            "NOT_FOUND", "Provided external ID field does not exist or is not accessible: "
                            + c.segs().get(2)));
            Object key = store.convertValue(s, f, JSON.getNodeFactory().textNode(c.segs().get(3)));
            List<Map<String, Object>> matches = access.visibleRows(c.userId(), s, store.rows(s.name, false)).stream()
                    .filter(r -> SandboxStore.same(r.get(f.name()), key)).toList();
            if (matches.isEmpty()) {
                throw SalesforceApiException.notFound();
            }
            if (matches.size() > 1) {
                throw new SalesforceApiException(300, "MULTIPLE_CHOICES", "multiple", matches.stream()
                        .map(r -> "/services/data/v" + c.version() + "/sobjects/" + s.name + "/" + r.get("Id")).toList());
            }
            return json(200, store.render(s, matches.get(0), access.readableFields(c.userId(), s), c.version()));
        }
    }

    private Reply update(Ctx c) throws IOException {
        ObjectNode body = bodyObject(c);
        inTx(tx -> {
            updateAs(c.userId(), c.segs().get(1), c.segs().get(2), body, tx);
            return null;
        });
        return new Reply(204, null, null);
    }

    private Reply upsert(Ctx c) throws IOException {
        ObjectNode body = bodyObject(c);
        boolean updateOnly = Boolean.parseBoolean(c.params().getOrDefault("updateOnly", "false"));
        SandboxStore.UpsertOutcome out = inTx(tx -> upsertAs(c.userId(), c.segs().get(1), c.segs().get(2),
                c.segs().get(3), body, updateOnly, tx, c.version()));
        if (!out.created() && Double.parseDouble(c.version()) < 46.0) {
            return new Reply(204, null, null);
        }
        ObjectNode n = saveResult(out.id(), true);
        n.put("created", out.created());
        return json(out.created() ? 201 : 200, n);
    }

    private Reply delete(Ctx c) {
        inTx(tx -> {
            deleteAs(c.userId(), c.segs().get(1), c.segs().get(2), tx);
            return null;
        });
        return new Reply(204, null, null);
    }

    private Reply download(Ctx c) {
        SObjectSchema s;
        Map<String, Object> r;
        synchronized (store) {
            s = access.readableObject(c.userId(), c.segs().get(1));
            String id = store.pathId(s, c.segs().get(2));
            r = store.existing(s, id);
            access.visible(c.userId(), s, id);
            access.checkReadable(c.userId(), s, List.of(c.segs().get(3)));
        }
        Field f = s.field(c.segs().get(3)).orElseThrow();
        byte[] bytes = (byte[]) r.get(f.name());
        if (bytes == null) {
            throw SalesforceApiException.notFound();
        }
        return new Reply(200, bytes, contentType((String) r.get("FileExtension")));
    }

    private static String contentType(String ext) {
        if (ext == null) {
            return "application/octet-stream";
        }
        return switch (ext.toLowerCase(Locale.ROOT)) {
            case "pdf" -> "application/pdf";
            case "txt" -> "text/plain";
            case "html", "htm" -> "text/html";
            case "json" -> "application/json";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "doc" -> "application/msword";
            case "docx" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            case "zip" -> "application/zip";
            default -> "application/octet-stream";
        };
    }

    // ---------------------------------------------------------------- describe

    private ObjectNode objectSummary(SObjectSchema s, String version, String userId) {
        SalesforceMetadata.ObjectPermissions p;
        synchronized (store) {
            p = access.object(userId, s);
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("name", s.name);
        o.put("label", s.label);
        o.put("labelPlural", s.label);
        o.put("keyPrefix", s.keyPrefix);
        o.put("custom", s.custom);
        o.put("customSetting", false);
        o.put("queryable", !s.platformEvent && p.read());
        o.put("createable", !s.queryOnly && p.create());
        o.put("updateable", !s.queryOnly && !s.platformEvent && p.edit());
        o.put("deletable", !s.queryOnly && !s.platformEvent && p.delete());
        o.put("retrieveable", !s.platformEvent && p.read());
        ObjectNode urls = o.putObject("urls");
        String base = "/services/data/v" + version + "/sobjects/" + s.name;
        urls.put("sobject", base);
        urls.put("describe", base + "/describe");
        urls.put("rowTemplate", base + "/{ID}");
        return o;
    }

    /** The objects the user can read, each with what the user may do with its records. */
    private Reply describeGlobal(Ctx c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("encoding", "UTF-8");
        n.put("maxBatchSize", 200);
        ArrayNode arr = n.putArray("sobjects");
        synchronized (store) {
            for (SObjectSchema s : store.schemas()) {
                if (s.platformEvent ? access.object(c.userId(), s).read() || access.object(c.userId(), s).create()
                        : access.object(c.userId(), s).read()) {
                    arr.add(objectSummary(s, c.version(), c.userId()));
                }
            }
        }
        return json(200, n);
    }

    /** An object the user can read (404 otherwise), with only the fields they read, as each user's describe shows. */
    private Reply describe(Ctx c, boolean basic) {
        SObjectSchema s;
        synchronized (store) {
            s = access.readableObject(c.userId(), c.segs().get(1));
        }
        if (basic) {
            ObjectNode n = JSON.createObjectNode();
            n.set("objectDescribe", objectSummary(s, c.version(), c.userId()));
            n.putArray("recentItems");
            return json(200, n);
        }
        ObjectNode o = objectSummary(s, c.version(), c.userId());
        ArrayNode fields = o.putArray("fields");
        List<Field> readable;
        synchronized (store) {
            readable = s.fields().stream().filter(f -> access.readable(c.userId(), s, f)).toList();
        }
        for (Field f : readable) {
            ObjectNode fd = fields.addObject();
            fd.put("name", f.name());
            fd.put("label", f.label());
            fd.put("type", f.kind().soapName);
            fd.put("length", f.length() == null ? 0 : f.length());
            fd.put("precision", f.precision() == null ? 0 : f.precision());
            fd.put("scale", f.scale() == null ? 0 : f.scale());
            ArrayNode refs = fd.putArray("referenceTo");
            if (f.referenceTo() != null) {
                refs.add(f.referenceTo());
            }
            if (f.relationshipName() != null) {
                fd.put("relationshipName", f.relationshipName());
            } else {
                fd.putNull("relationshipName");
            }
            ArrayNode pv = fd.putArray("picklistValues");
            for (String v : f.picklistValues()) {
                pv.addObject().put("value", v).put("label", v).put("active", true)
                        .put("defaultValue", v.equals(f.defaultValue()));
            }
            fd.put("restrictedPicklist", f.restrictedPicklist());
            fd.put("externalId", f.externalId());
            fd.put("unique", f.unique());
            fd.put("nillable", !f.required() && f.kind() != SObjectSchema.Kind.BOOLEAN
                    && f.kind() != SObjectSchema.Kind.ID);
            boolean editable;
            synchronized (store) {
                editable = access.editable(c.userId(), s, f);
            }
            fd.put("createable", f.createable() && editable);
            fd.put("updateable", f.updateable() && editable);
            fd.put("custom", f.custom());
            fd.put("autoNumber", f.autoNumber());
            fd.put("calculated", false);
            fd.put("cascadeDelete", f.cascadeDelete());
            fd.put("defaultedOnCreate", f.defaultValue() != null || !f.createable());
            if (f.defaultValue() != null) {
                fd.put("defaultValue", f.defaultValue());
            } else {
                fd.putNull("defaultValue");
            }
            fd.put("idLookup", f.kind() == SObjectSchema.Kind.ID || f.externalId());
            fd.put("soapType", "xsd:" + f.kind().soapName);
        }
        return json(200, o);
    }

    // ---------------------------------------------------------------- SOQL

    private int pageSize(Ctx c) {
        String opts = c.exchange().getRequestHeaders().getFirst("Sforce-Query-Options");
        if (opts != null) {
            for (String part : opts.split(",")) {
                String[] kv = part.trim().split("=");
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("batchSize")) {
                    try {
                        int b = Integer.parseInt(kv[1].trim());
                        return Math.max(200, Math.min(2000, b));
                    } catch (NumberFormatException e) {
                        break;
                    }
                }
            }
        }
        return queryPageSize;
    }

    private Reply query(Ctx c, boolean all) {
        String q = c.params().get("q");
        if (q == null || q.isBlank()) {
            throw SalesforceApiException.badRequest("MALFORMED_QUERY", "A query string has to be specified");
        }
        SoqlEngine.Result result;
        synchronized (store) {
            result = SoqlEngine.execute(store, q, (schema, query) -> rowsFor(schema, query, all, c.userId()), c.version(),
                    visibility(c.userId()));
        }
        int size = pageSize(c);
        if (result.records().size() <= size) {
            return page(c, result.totalSize(), result.records(), null);
        }
        String locator = SalesforceIds.newId("01g", cursorSequence.getAndIncrement());
        cursors.put(locator, new Cursor(result.records(), size));
        return page(c, result.totalSize(), result.records().subList(0, size),
                "/services/data/v" + c.version() + "/query/" + locator + "-" + size);
    }

    private Reply queryMore(Ctx c) {
        Matcher m = LOCATOR.matcher(c.segs().get(1));
        Cursor cursor = m.matches() ? cursors.get(m.group(1)) : null;
        if (cursor == null) {
            throw SalesforceApiException.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        int from = Integer.parseInt(m.group(2));
        if (from > cursor.records().size()) {
            throw SalesforceApiException.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        int to = Math.min(cursor.records().size(), from + cursor.pageSize());
        String next = to < cursor.records().size()
                ? "/services/data/v" + c.version() + "/query/" + m.group(1) + "-" + to : null;
        return page(c, cursor.records().size(), cursor.records().subList(from, to), next);
    }

    private static Reply page(Ctx c, int total, List<ObjectNode> records, String next) {
        ObjectNode n = JSON.createObjectNode();
        n.put("totalSize", total);
        n.put("done", next == null);
        if (next != null) {
            n.put("nextRecordsUrl", next);
        }
        ArrayNode arr = n.putArray("records");
        records.forEach(arr::add);
        return json(200, n);
    }

    // ---------------------------------------------------------------- sObject Collections

    private static ObjectNode collectionError(String id, SalesforceApiException e) {
        ObjectNode n = JSON.createObjectNode();
        if (id != null) {
            n.put("id", id);
        }
        n.put("success", false);
        ObjectNode err = n.putArray("errors").addObject();
        err.put("statusCode", e.errorCode());
        err.put("message", e.getMessage());
        ArrayNode f = err.putArray("fields");
        e.fields().forEach(f::add);
        return n;
    }

    /**
     * A record of a collection that the user cannot see answers as one they may not change: the REST API's 404 for a
     * single record has no place among a collection's per-record results (our choice; the docs are silent).
     */
    private static SalesforceApiException inCollection(SalesforceApiException e) {
        if (e instanceof ApiAccess.NotVisible) {
            return SalesforceApiException.badRequest(ApiAccess.INSUFFICIENT_ACCESS, "insufficient access rights on"
                    + " object id");
        }
        return e;
    }

    private static SalesforceApiException tooMany() {
        return SalesforceApiException.badRequest("EXCEEDED_ID_LIMIT",
                "record limit reached. cannot submit more than " + COLLECTION_LIMIT + " records into this call");
    }

    private Reply collection(Ctx c, String op) throws IOException {
        ObjectNode body = bodyObject(c);
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        JsonNode records = body.path("records");
        if (!records.isArray()) {
            throw SalesforceApiException.badRequest("INVALID_FIELD", "records is required");
        }
        if (records.size() > COLLECTION_LIMIT) {
            throw tooMany();
        }
        List<ObjectNode> results = new ArrayList<>();
        List<Tx> txs = new ArrayList<>();
        boolean anyFailed = false;
        synchronized (store) {
            for (JsonNode rec : records) {
                Tx tx = new Tx();
                String id = rec.path("Id").asText(null);
                try {
                    if (!(rec instanceof ObjectNode o)) {
                        throw SalesforceApiException.badRequest("JSON_PARSER_ERROR", "record must be an object");
                    }
                    String type = o.path("attributes").path("type").asText(null);
                    ObjectNode fields = o.deepCopy();
                    fields.remove("attributes");
                    ObjectNode result;
                    switch (op) {
                        case "create" -> {
                            if (type == null) {
                                throw SalesforceApiException.badRequest("INVALID_TYPE",
                                        "Must specify a type in the attributes of each record");
                            }
                            result = saveResult(createAs(c.userId(), type, fields, tx), true);
                        }
                        case "update" -> {
                            if (id == null) {
                                throw SalesforceApiException.badRequest("MISSING_ARGUMENT",
                                        "Id not specified in an update call", "Id");
                            }
                            String t = type != null ? type : SalesforceIds.to18(id).flatMap(store::schemaForId)
                                    .map(x -> x.name).orElseThrow(() -> SalesforceApiException.badRequest(
                                            "MALFORMED_ID", "malformed id " + id, "Id"));
                            fields.remove("Id");
                            updateAs(c.userId(), t, id, fields, tx);
                            result = saveResult(SalesforceIds.to18(id).orElse(id), true);
                        }
                        default -> {
                            String object = c.segs().get(2);
                            String extField = c.segs().get(3);
                            JsonNode key = null;
                            var it = fields.fields();
                            while (it.hasNext()) {
                                var e = it.next();
                                if (e.getKey().equalsIgnoreCase(extField)) {
                                    key = e.getValue();
                                }
                            }
                            if (key == null || key.isNull() || key.asText().isEmpty()) {
                                throw SalesforceApiException.badRequest("MISSING_ARGUMENT",
                                        extField + " not specified", extField);
                            }
                            SandboxStore.UpsertOutcome out = upsertAs(c.userId(), object, extField, key.asText(),
                                    fields, false, tx, c.version());
                            result = saveResult(out.id(), true);
                            result.put("created", out.created());
                        }
                    }
                    results.add(result);
                    txs.add(tx);
                } catch (SalesforceApiException e) {
                    tx.rollback();
                    anyFailed = true;
                    results.add(collectionError(op.equals("create") ? null : id, inCollection(e)));
                    txs.add(null);
                }
            }
            if (allOrNone && anyFailed) {
                for (int i = txs.size() - 1; i >= 0; i--) {
                    if (txs.get(i) != null) {
                        txs.get(i).rollback();
                        String id = results.get(i).path("id").asText(null);
                        results.set(i, collectionError(op.equals("create") ? null : id, new SalesforceApiException(400,
                                "ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back because not all records were "
                                        + "valid and the request was using AllOrNone header")));
                    }
                }
            }
        }
        for (Tx tx : txs) {
            if (tx != null) {
                commit(tx);
            }
        }
        ArrayNode arr = JSON.createArrayNode();
        results.forEach(arr::add);
        return json(200, arr);
    }

    private Reply collectionDelete(Ctx c) {
        List<String> ids = Arrays.stream(c.params().getOrDefault("ids", "").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        if (ids.isEmpty()) {
            throw SalesforceApiException.badRequest("MISSING_ARGUMENT", "ids is required");
        }
        if (ids.size() > COLLECTION_LIMIT) {
            throw tooMany();
        }
        boolean allOrNone = Boolean.parseBoolean(c.params().getOrDefault("allOrNone", "false"));
        List<ObjectNode> results = new ArrayList<>();
        List<Tx> txs = new ArrayList<>();
        boolean anyFailed = false;
        synchronized (store) {
            for (String raw : ids) {
                Tx tx = new Tx();
                try {
                    String id = SalesforceIds.to18(raw).orElseThrow(() -> SalesforceApiException.badRequest(
                            "MALFORMED_ID", "malformed id " + raw));
                    SObjectSchema s = store.schemaForId(id).orElseThrow(() -> SalesforceApiException.badRequest(
                            "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
                    try {
                        deleteAs(c.userId(), s.name, id, tx);
                    } catch (SalesforceApiException e) {
                        if (e instanceof ApiAccess.NotVisible) {
                            throw inCollection(e);
                        }
                        if (e.status() == 404 && !e.errorCode().equals("ENTITY_IS_DELETED")) {
                            throw SalesforceApiException.badRequest("INVALID_CROSS_REFERENCE_KEY",
                                    "invalid cross reference id");
                        }
                        throw e;
                    }
                    results.add(saveResult(id, true));
                    txs.add(tx);
                } catch (SalesforceApiException e) {
                    tx.rollback();
                    anyFailed = true;
                    results.add(collectionError(raw, e));
                    txs.add(null);
                }
            }
            if (allOrNone && anyFailed) {
                for (int i = txs.size() - 1; i >= 0; i--) {
                    if (txs.get(i) != null) {
                        txs.get(i).rollback();
                        results.set(i, collectionError(results.get(i).path("id").asText(), new SalesforceApiException(
                                400, "ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back because not all records "
                                        + "were valid and the request was using AllOrNone header")));
                    }
                }
            }
        }
        for (Tx tx : txs) {
            if (tx != null) {
                commit(tx);
            }
        }
        ArrayNode arr = JSON.createArrayNode();
        results.forEach(arr::add);
        return json(200, arr);
    }

    private Reply collectionRetrieve(Ctx c) throws IOException {
        SObjectSchema s;
        synchronized (store) {
            s = access.readableObject(c.userId(), c.segs().get(2));
        }
        String idsParam = c.params().get("ids");
        String fieldsParam = c.params().get("fields");
        if (c.method().equals("POST")) {
            ObjectNode body = bodyObject(c);
            List<String> ids = new ArrayList<>();
            body.path("ids").forEach(i -> ids.add(i.asText()));
            List<String> fs = new ArrayList<>();
            body.path("fields").forEach(i -> fs.add(i.asText()));
            idsParam = String.join(",", ids);
            fieldsParam = String.join(",", fs);
        }
        List<String> ids = Arrays.stream(idsParam == null ? new String[0] : idsParam.split(","))
                .map(String::trim).filter(x -> !x.isEmpty()).toList();
        if (ids.size() > 2000) {
            throw tooMany();
        }
        List<String> fields = fieldsParam == null || fieldsParam.isBlank() ? null
                : Arrays.stream(fieldsParam.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        ArrayNode arr = JSON.createArrayNode();
        synchronized (store) {
            if (fields != null) {
                access.checkReadable(c.userId(), s, fields);
            }
            List<String> shown = fields != null ? fields : access.readableFields(c.userId(), s);
            for (String raw : ids) {
                String id = SalesforceIds.to18(raw).orElse(null);
                Map<String, Object> r = id == null ? null : store.record(s.name, id);
                if (r == null || !access.canSee(c.userId(), s, r)) {
                    arr.addNull();
                } else {
                    arr.add(store.render(s, r, shown, c.version()));
                }
            }
        }
        return json(200, arr);
    }

    // ---------------------------------------------------------------- composite

    /*
     * Composite (POST /services/data/vXX.X/composite), as the REST API Developer Guide describes it:
     * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite_post.htm
     * (subrequests run in order as the same user; at most 25, at most 5 of them sObject Collections or queries;
     * "@{referenceId.field}" and "[n]" refer to an earlier subrequest's response in a later url or body),
     * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/requests_composite.htm (allOrNone:
     * true rolls the whole request back, false runs the subrequests that do not depend on the failed one; the
     * top-level answer is 200 either way; method POST, PUT, PATCH, GET or DELETE; Accept, Authorization and
     * Content-Type may not be set on a subrequest, the request then fails with 400),
     * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/responses_composite.htm
     * (compositeResponse[] of {body, httpHeaders, httpStatusCode, referenceId}; with allOrNone, when a subrequest
     * fails every other one answers 400; referenceIds are letters, digits and underscores) and
     * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_allornone.htm
     * (the composite's allOrNone true overrides the allOrNone of its sObject Collections subrequests).
     * Each subrequest is dispatched exactly as the same call made on its own, so every check of that operation
     * applies. Not documented, so chosen here: the error codes of a malformed composite request, of a subrequest
     * whose reference cannot be resolved, and PROCESSING_HALTED (the code Salesforce is seen to answer) for the
     * subrequests rolled back or not run.
     */
    static final int COMPOSITE_LIMIT = 25;
    static final int COMPOSITE_COLLECTIONS_AND_QUERIES = 5;
    private static final Pattern REFERENCE_ID = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern REFERENCE =
            Pattern.compile("@\\{([A-Za-z0-9_]+)((?:\\.[A-Za-z0-9_]+|\\[\\d+\\])*)\\}");
    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z0-9_]+)|\\[(\\d+)\\]");
    private static final Set<String> COMPOSITE_METHODS = Set.of("POST", "PUT", "PATCH", "GET", "DELETE");
    private static final Set<String> INHERITED_HEADERS = Set.of("accept", "authorization", "content-type");

    private record Subrequest(String method, String url, JsonNode body, String referenceId) {
    }

    private Reply composite(Ctx c) throws IOException {
        ObjectNode request = bodyObject(c);
        List<Subrequest> subrequests = compositeSubrequests(request);
        boolean allOrNone = request.path("allOrNone").asBoolean(false);
        Map<String, JsonNode> answered = new LinkedHashMap<>();
        Set<String> failed = new java.util.HashSet<>();
        List<ObjectNode> responses = new ArrayList<>();
        Tx whole = new Tx();
        synchronized (store) {
            for (Subrequest sub : subrequests) {
                if (allOrNone && !failed.isEmpty()) {
                    break;
                }
                ObjectNode response;
                try {
                    response = subrequest(c, sub, allOrNone, answered, failed, whole);
                } catch (IOException | RuntimeException unexpected) {
                    whole.rollback();
                    throw unexpected;
                }
                responses.add(response);
                if (response.path("httpStatusCode").asInt() < 400 && !recordFailed(response)) {
                    answered.put(sub.referenceId(), response.path("body"));
                } else {
                    failed.add(sub.referenceId());
                }
            }
            if (allOrNone && !failed.isEmpty()) {
                whole.rollback();
                List<ObjectNode> rolledBack = new ArrayList<>();
                for (Subrequest sub : subrequests) {
                    ObjectNode ran = responses.stream().filter(r -> r.path("referenceId").asText()
                            .equals(sub.referenceId())).findFirst().orElse(null);
                    rolledBack.add(ran != null && failed.contains(sub.referenceId()) ? ran : subrequestResult(
                            sub.referenceId(), 400, errors(new SalesforceApiException(400, "PROCESSING_HALTED",
                                    "The transaction was rolled back since another operation in the same transaction"
                                            + " failed.")), Map.of()));
                }
                responses = rolledBack;
            }
        }
        store.fire(whole);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("compositeResponse");
        responses.forEach(list::add);
        return json(200, out);
    }

    private static List<Subrequest> compositeSubrequests(ObjectNode request) {
        JsonNode items = request.path("compositeRequest");
        if (!items.isArray() || items.isEmpty()) {
            throw SalesforceApiException.badRequest("INVALID_INPUT", "compositeRequest must hold 1 to "
                    + COMPOSITE_LIMIT + " subrequests");
        }
        if (items.size() > COMPOSITE_LIMIT) {
            throw SalesforceApiException.badRequest("LIMIT_EXCEEDED", "A composite request can hold at most "
                    + COMPOSITE_LIMIT + " subrequests, not " + items.size());
        }
        List<Subrequest> subrequests = new ArrayList<>();
        Set<String> references = new java.util.HashSet<>();
        int collectionsAndQueries = 0;
        for (JsonNode item : items) {
            String method = item.path("method").asText("");
            String url = item.path("url").asText("");
            String referenceId = item.path("referenceId").asText("");
            if (!COMPOSITE_METHODS.contains(method)) {
                throw SalesforceApiException.badRequest("INVALID_INPUT", "Subrequest " + referenceId
                        + ": method must be one of POST, PUT, PATCH, GET, DELETE (case sensitive), not " + method);
            }
            if (!REFERENCE_ID.matcher(referenceId).matches() || !references.add(referenceId)) {
                throw SalesforceApiException.badRequest("INVALID_INPUT", "Subrequest referenceId \"" + referenceId
                        + "\" must be unique and hold only letters, numbers and underscores");
            }
            if (!url.startsWith("/services/data/v")) {
                throw SalesforceApiException.badRequest("INVALID_INPUT", "Subrequest " + referenceId
                        + ": url must start with /services/data/vXX.X/");
            }
            var headers = item.path("httpHeaders").fieldNames();
            while (headers.hasNext()) {
                String header = headers.next();
                if (INHERITED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                    throw SalesforceApiException.badRequest("INVALID_INPUT", "Subrequest " + referenceId + ": the "
                            + header + " header comes from the composite request and cannot be set on a subrequest");
                }
            }
            String resource = url.replaceFirst("^/services/data/v\\d+\\.\\d+", "");
            if (resource.startsWith("/composite/sobjects") || resource.startsWith("/query")) {
                collectionsAndQueries++;
            }
            subrequests.add(new Subrequest(method, url, item.get("body"), referenceId));
        }
        if (collectionsAndQueries > COMPOSITE_COLLECTIONS_AND_QUERIES) {
            throw SalesforceApiException.badRequest("LIMIT_EXCEEDED", "A composite request can hold at most "
                    + COMPOSITE_COLLECTIONS_AND_QUERIES + " sObject Collections or query subrequests, not "
                    + collectionsAndQueries);
        }
        return subrequests;
    }

    /** Runs one subrequest through the same route as the call on its own; its changes join {@code whole}. */
    private ObjectNode subrequest(Ctx c, Subrequest sub, boolean allOrNone, Map<String, JsonNode> answered,
                                  Set<String> failed, Tx whole) throws IOException {
        String url;
        JsonNode body;
        try {
            url = resolve(sub.url(), answered, failed);
            body = sub.body() == null ? null : resolve(sub.body(), answered, failed);
        } catch (SalesforceApiException unresolved) {
            return subrequestResult(sub.referenceId(), unresolved.status(), errors(unresolved), Map.of());
        }
        int query = url.indexOf('?');
        Matcher path = DATA_PATH.matcher(query < 0 ? url : url.substring(0, query));
        if (!path.matches()) {
            return subrequestResult(sub.referenceId(), 404, errors(SalesforceApiException.notFound()), Map.of());
        }
        List<String> segs = new ArrayList<>(Arrays.stream((path.group(2) == null ? "" : path.group(2)).split("/"))
                .filter(x -> !x.isEmpty()).map(x -> URLDecoder.decode(x.replace("+", "%2B"), StandardCharsets.UTF_8))
                .toList());
        Map<String, String> params = LoopbackHttpServer.parseForm(query < 0 ? null : url.substring(query + 1));
        Route route = route(sub.method(), segs, params);
        boolean collection = route.kind().startsWith("collections.") && !route.kind().equals("collections.retrieve");
        if (allOrNone && collection) {
            // The composite's allOrNone overrides its collections' own.
            if (sub.method().equals("DELETE")) {
                params.put("allOrNone", "true");
            } else if (body instanceof ObjectNode records) {
                records.put("allOrNone", true);
            }
        }
        Tx own = new Tx();
        compositeTx.set(own);
        try {
            if (route.kind().equals("composite") || route.kind().equals("unknown")) {
                throw SalesforceApiException.notFound();
            }
            injectSubrequestFault(route.kind());
            Reply reply = dispatch(route, new Ctx(sub.method(), path.group(1), segs, params,
                    body == null ? new byte[0] : JSON.writeValueAsBytes(body), c.exchange(), c.userId()));
            JsonNode answer = reply.body() == null || reply.body().length == 0 ? JSON.nullNode()
                    : JSON.readTree(reply.body());
            Map<String, String> headers = reply.status() == 201 && answer.hasNonNull("id")
                    ? Map.of("Location", "/services/data/v" + path.group(1) + "/sobjects/" + segs.get(1) + "/"
                            + answer.path("id").asText())
                    : Map.of();
            ObjectNode result = subrequestResult(sub.referenceId(), reply.status(), answer, headers);
            if (reply.status() >= 400 || recordFailed(result)) {
                own.rollback();
            } else {
                whole.absorb(own);
            }
            return result;
        } catch (SalesforceApiException e) {
            own.rollback();
            return subrequestResult(sub.referenceId(), e.status(), errors(e), Map.of());
        } finally {
            compositeTx.remove();
        }
    }

    /** A collection subrequest answers 200 with one result per record; a record that failed fails it. */
    private static boolean recordFailed(ObjectNode response) {
        JsonNode body = response.path("body");
        if (!body.isArray()) {
            return false;
        }
        for (JsonNode result : body) {
            if (result.has("success") && !result.path("success").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode subrequestResult(String referenceId, int status, JsonNode body,
                                               Map<String, String> headers) {
        ObjectNode result = JSON.createObjectNode();
        result.set("body", body);
        ObjectNode h = result.putObject("httpHeaders");
        headers.forEach(h::put);
        result.put("httpStatusCode", status);
        result.put("referenceId", referenceId);
        return result;
    }

    private static ArrayNode errors(SalesforceApiException e) {
        ArrayNode arr = JSON.createArrayNode();
        ObjectNode err = arr.addObject();
        err.put("message", e.getMessage());
        err.put("errorCode", e.errorCode());
        ArrayNode f = err.putArray("fields");
        e.fields().forEach(f::add);
        return arr;
    }

    /** The body with every reference in its text values replaced. */
    private static JsonNode resolve(JsonNode node, Map<String, JsonNode> answered, Set<String> failed) {
        if (node.isTextual()) {
            return JSON.getNodeFactory().textNode(resolve(node.asText(), answered, failed));
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), resolve(e.getValue(), answered, failed)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(e -> copy.add(resolve(e, answered, failed)));
            return copy;
        }
        return node;
    }

    private static String resolve(String text, Map<String, JsonNode> answered, Set<String> failed) {
        Matcher reference = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            String id = reference.group(1);
            JsonNode value = answered.get(id);
            Matcher step = STEP.matcher(reference.group(2));
            while (value != null && step.find()) {
                value = step.group(1) != null ? value.get(step.group(1)) : value.get(Integer.parseInt(step.group(2)));
            }
            if (value == null || value.isNull() || value.isContainerNode()) {
                throw new SalesforceApiException(400, "PROCESSING_HALTED", failed.contains(id)
                        ? "Not run: it depends on " + id + ", which failed."
                        : "Invalid reference specified. No value for " + reference.group() + " found in " + id + ".");
            }
            reference.appendReplacement(out, Matcher.quoteReplacement(value.asText()));
        }
        reference.appendTail(out);
        return out.toString();
    }
}
