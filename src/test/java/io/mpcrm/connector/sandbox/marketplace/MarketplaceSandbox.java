package io.mpcrm.connector.sandbox.marketplace;

import io.mpcrm.connector.sandbox.LoopbackHttpServer;
import io.mpcrm.connector.sandbox.SigningPrimitives;
import io.mpcrm.connector.sandbox.s3.SandboxS3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wire-level stand-in for the AWS Marketplace Catalog API (rest-json), the Agreement API (awsJson1_0) and STS
 * AssumeRole and AssumeRoleWithWebIdentity (query protocol) on one endpoint, for the unmodified AWS SDK v2 clients
 * with {@code endpointOverride}.
 *
 * <p>Requests must be SigV4-signed: AssumeRole with base keys registered by {@link #registerBaseCredentials}, with an
 * IAM user's long-term keys ({@link #registerUserCredentials}) or with temporary keys this STS issued (role chaining,
 * one hour at most), the Marketplace APIs (signing name {@code aws-marketplace}) with an IAM user's keys or temporary
 * keys this STS issued; each Marketplace call acts for the account of the user, or of the role its credentials came
 * from. AssumeRoleWithWebIdentity is unsigned: it takes a token {@link #registerWebIdentityToken
 * registered} as the cluster's OIDC provider would have signed it, for a role whose account {@link #trustWebIdentity
 * trusts} that provider.
 */
public final class MarketplaceSandbox implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String MARKETPLACE_SERVICE = "aws-marketplace";
    public static final String STS_SERVICE = "sts";

    public enum ProductType {
        SAAS("SaaSProduct"), AMI("AmiProduct"), CONTAINER("ContainerProduct"), DATA("DataProduct");

        private final String entityType;

        ProductType(String entityType) {
            this.entityType = entityType;
        }

        /** Without the version: {@code SaaSProduct}; DescribeEntity reports {@code SaaSProduct@1.0}. */
        public String entityType() {
            return entityType;
        }
    }

    public enum AgreementPricing { CONTRACT, CONTRACT_WITH_USAGE, USAGE, PAYMENT_SCHEDULE }

    /** Server options; port 0 picks a free port. */
    public record Options(String host, int port, int threads, long seed) {
        public static Options defaults() {
            return new Options("127.0.0.1", 0, 16, 42L);
        }

        public Options withPort(int newPort) {
            return new Options(host, newPort, threads, seed);
        }
    }

    /** What {@link #seedDefault} created. */
    public record Seed(String sellerAccountId, String channelPartnerAccountId, Map<ProductType, String> products,
                       List<String> resaleAuthorizationIds, String offerId, String activeAgreementId,
                       String expiredAgreementId, List<String> agreementIds) {
    }

    /** Documented request rates per account (BatchDescribeEntities is not documented: 10/s chosen). */
    public static final Map<String, Double> DEFAULT_QUOTAS = Map.ofEntries(
            Map.entry("ListEntities", 10.0), Map.entry("DescribeEntity", 20.0), Map.entry("StartChangeSet", 5.0),
            Map.entry("ListChangeSets", 5.0), Map.entry("DescribeChangeSet", 10.0), Map.entry("CancelChangeSet", 5.0),
            Map.entry("BatchDescribeEntities", 10.0), Map.entry("SearchAgreements", 5.0),
            Map.entry("DescribeAgreement", 5.0), Map.entry("GetAgreementTerms", 5.0));

    private enum Api { CATALOG, AGREEMENT, STS }

    private record TempCredentials(String accessKeyId, String secret, String sessionToken, String account,
                                   String roleArn, Instant expiration) {
    }

    private record UserKey(String secret, String account) {
    }

    private record Fault(String operation, double rate, int status, String errorType) {
    }

    private static final class NextFaults {
        final AtomicInteger remaining;
        final int status;
        final String errorType;

        NextFaults(int count, int status, String errorType) {
            this.remaining = new AtomicInteger(count);
            this.status = status;
            this.errorType = errorType;
        }
    }

    private static final class Bucket {
        private double tokens;
        private long last = System.nanoTime();
        private final double rate;

        Bucket(double rate) {
            this.rate = rate;
            this.tokens = Math.max(1.0, rate);
        }

        synchronized boolean tryAcquire() {
            long now = System.nanoTime();
            tokens = Math.min(Math.max(1.0, rate), tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens >= 1.0) {
                tokens -= 1.0;
                return true;
            }
            return false;
        }
    }

    private static final Pattern ROLE_ARN = Pattern.compile("^arn:aws:iam::(\\d{12}):role/([\\w+=,.@/-]{1,64})$");

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;
    private final Random faultRandom;
    private final Random seedRandom;
    private volatile Clock clock = Clock.systemUTC();
    private final CatalogApi catalog = new CatalogApi(() -> clock);
    private final AgreementApi agreements = new AgreementApi();

    private final Map<String, String> baseCredentials = new ConcurrentHashMap<>();
    /** IAM users' long-term keys, by access key id. */
    private final Map<String, UserKey> userKeys = new ConcurrentHashMap<>();
    private final Map<String, TempCredentials> temporary = new ConcurrentHashMap<>();
    private final Set<String> accounts = new CopyOnWriteArraySet<>();
    private final AtomicInteger issued = new AtomicInteger();
    /** Web identity tokens (as the cluster's OIDC provider signs them) and the subject each names. */
    private final Map<String, String> webIdentityTokens = new ConcurrentHashMap<>();
    /** Accounts whose roles trust the OIDC provider of those tokens. */
    private final Set<String> webIdentityAccounts = new CopyOnWriteArraySet<>();
    private final AtomicInteger webIdentitySessions = new AtomicInteger();
    private final List<StartedSession> startedSessions = new CopyOnWriteArrayList<>();
    /** Another sandbox whose role sessions this STS accepts too (as two AWS regions accept each other's). */
    private volatile MarketplaceSandbox sessionIssuer;
    private volatile Duration credentialLifetime;
    private volatile Duration maxSessionDuration = Duration.ofHours(12);

    private final Map<String, Double> quotas = new ConcurrentHashMap<>(DEFAULT_QUOTAS);
    private volatile double quotaScale = 1.0;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> calls = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> throttles = new ConcurrentHashMap<>();
    private volatile Duration latency = Duration.ZERO;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<LegalDocumentRead> documentReads = new CopyOnWriteArrayList<>();
    private final HttpClient documentClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, NextFaults> nextFaults = new ConcurrentHashMap<>();

    private MarketplaceSandbox(Options options) throws IOException {
        this.faultRandom = new Random(options.seed());
        this.seedRandom = new Random(options.seed() + 1);
        this.server = LoopbackHttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "marketplace-sandbox-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        catalog.legalDocumentReadable = this::readLegalDocument;
        catalog.agreementLookup = id -> {
            AgreementApi.StoredAgreement a = agreements.agreements.get(id);
            return a == null ? null : a.snapshot();
        };
        server.start();
        this.endpoint = URI.create("http://" + options.host() + ":" + server.getAddress().getPort());
    }

    public static MarketplaceSandbox start() {
        return start(Options.defaults());
    }

    public static MarketplaceSandbox start(Options options) {
        try {
            return new MarketplaceSandbox(options);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the Marketplace sandbox", e);
        }
    }

    /** One endpoint for the Catalog API, the Agreement API and STS. */
    public URI endpoint() {
        return endpoint;
    }

    public String region() {
        return REGION;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------ identities

    /** Long-term keys that may call STS (any number). */
    public void registerBaseCredentials(String accessKeyId, String secretAccessKey) {
        baseCredentials.put(accessKeyId, secretAccessKey);
    }

    /**
     * An IAM user's long-term access key in {@code accountId}, as AWS takes one (an {@code AKIA...} key without a
     * session token): it signs Marketplace calls, which then act for that account, and AssumeRole, which is then not
     * role chaining; the S3 sandbox can accept it too ({@link #userCredentials}).
     */
    public void registerUserCredentials(String accessKeyId, String secretAccessKey, String accountId) {
        addAccount(accountId);
        userKeys.put(accessKeyId, new UserKey(secretAccessKey, accountId));
    }

    /** An IAM user's long-term key ({@link #registerUserCredentials}): no session token, no expiry. */
    public Optional<IssuedCredentials> userCredentials(String accessKeyId) {
        UserKey key = userKeys.get(accessKeyId);
        return key == null ? Optional.empty()
                : Optional.of(new IssuedCredentials(accessKeyId, key.secret(), null, key.account(), null));
    }

    /** An AWS account whose roles may be assumed; seeding adds its accounts itself. */
    public void addAccount(String accountId) {
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("An AWS account id has 12 digits: " + accountId);
        }
        accounts.add(accountId);
    }

    /**
     * The MaxSessionDuration of every role (default 12 hours, the most IAM allows; a new IAM role has 1 hour):
     * AssumeRole refuses a longer DurationSeconds.
     */
    public void setMaxSessionDuration(Duration max) {
        this.maxSessionDuration = max;
    }

    /**
     * A token for AssumeRoleWithWebIdentity, as the cluster's OIDC provider signs it and EKS projects it into a pod
     * for IAM roles for service accounts; {@code subject} is what it names, e.g.
     * {@code system:serviceaccount:<namespace>:<service account>}.
     */
    public void registerWebIdentityToken(String token, String subject) {
        webIdentityTokens.put(token, subject);
    }

    /**
     * The roles of an account trust the OIDC provider of the {@link #registerWebIdentityToken registered} tokens for
     * AssumeRoleWithWebIdentity: the account has an IAM OIDC identity provider for the cluster's issuer, and the role's
     * trust policy names it. No account does until told.
     */
    public void trustWebIdentity(String accountId) {
        addAccount(accountId);
        webIdentityAccounts.add(accountId);
    }

    /** The account's roles no longer trust the OIDC provider (AssumeRoleWithWebIdentity: AccessDenied). */
    public void distrustWebIdentity(String accountId) {
        webIdentityAccounts.remove(accountId);
    }

    /**
     * This STS also accepts the role sessions {@code issuer}'s STS started, for AssumeRole by role chaining: a
     * connector whose base identity came from that sandbox (the SDK's web identity provider talks to one STS) can
     * assume this sandbox's roles.
     */
    public void acceptSessionsFrom(MarketplaceSandbox issuer) {
        this.sessionIssuer = issuer;
    }

    /**
     * A role session this STS started: by AssumeRole or AssumeRoleWithWebIdentity, for which role and session name,
     * whether the caller was itself a role session (role chaining), and for how long.
     */
    public record StartedSession(String action, String roleArn, String roleSessionName, boolean chained,
                                 Duration duration) {
    }

    /** Every role session started since the sandbox started, oldest first. */
    public List<StartedSession> startedSessions() {
        return List.copyOf(startedSessions);
    }

    /** How many AssumeRoleWithWebIdentity calls issued credentials. */
    public int webIdentitySessions() {
        return webIdentitySessions.get();
    }

    /**
     * Lifetime of the credentials AssumeRole issues; null (the default) honours DurationSeconds (3600 when absent).
     * AssumeRoleWithWebIdentity always honours DurationSeconds.
     */
    public void setCredentialLifetime(Duration lifetime) {
        this.credentialLifetime = lifetime;
    }

    /**
     * Temporary credentials that AssumeRole or AssumeRoleWithWebIdentity issued, by access key id, so that another stand-in (the S3 sandbox) can
     * check signatures made with them; empty for a key never issued.
     */
    public Optional<IssuedCredentials> issuedCredentials(String accessKeyId) {
        TempCredentials c = temporary.get(accessKeyId);
        return c == null ? Optional.empty() : Optional.of(new IssuedCredentials(c.accessKeyId(), c.secret(),
                c.sessionToken(), c.account(), c.expiration()));
    }

    /** What STS handed out for an assumed role: the key, its session token, the role's account and the expiry. */
    public record IssuedCredentials(String accessKeyId, String secretAccessKey, String sessionToken, String accountId,
                                    Instant expiration) {
    }

    /** How many AssumeRole calls issued credentials. */
    public int issuedCredentials() {
        return issued.get();
    }

    /** One read of a custom legal document by "AWS": its URL, the moment it was judged at, and whether it worked. */
    public record LegalDocumentRead(String url, Instant judgedAt, boolean readable) {
    }

    /**
     * How long after StartChangeSet AWS reads a change set's custom legal documents (default 3 hours): a document
     * whose URL does not work then fails the set (see {@code CatalogApi#legalDocumentErrors}). The read happens when
     * the set ends, judged as of that later moment: an http URL on loopback (the S3 sandbox) is fetched with
     * {@link SandboxS3#JUDGED_AT}; any other URL passes unread, as the sandbox does not reach the internet.
     */
    public void setLegalDocumentsReadAfter(Duration after) {
        catalog.legalDocumentsReadAfter = after;
    }

    /** Every custom legal document read so far, oldest first. */
    public List<LegalDocumentRead> legalDocumentReads() {
        catalog.settle();
        return List.copyOf(documentReads);
    }

    /** The clock change sets and entity timestamps follow (default: system UTC). */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /**
     * Time a new change set stays PREPARING, then APPLYING, before it ends SUCCEEDED or FAILED (defaults 1 s and 1 s).
     * Offer business rules are checked, and the set applied, when it ends.
     */
    public void setChangeSetDelays(Duration preparing, Duration applying) {
        catalog.preparing = preparing;
        catalog.applying = applying;
    }

    /**
     * The next change set that passes StartChangeSet's validation ends FAILED with {@code FailureCode: SERVER_FAULT}
     * (and changes nothing), as AWS answers an internal failure the caller should retry.
     */
    public void failNextChangeSetWithServerFault() {
        failNextChangeSetsWithServerFault(1);
    }

    /** The next {@code count} change sets that pass StartChangeSet's validation end FAILED with SERVER_FAULT. */
    public void failNextChangeSetsWithServerFault(int count) {
        catalog.serverFaultsToCome.set(count);
    }

    /** A share of the change sets started with a ClientRequestToken end FAILED with SERVER_FAULT (until clearFaults). */
    public void setChangeSetServerFaultRate(double rate) {
        catalog.serverFaultRate = rate;
    }

    /** The ids of an account's change sets that ended FAILED with SERVER_FAULT. */
    public List<String> serverFaultedChangeSets(String accountId) {
        catalog.settle();
        return catalog.changeSets.values().stream()
                .filter(cs -> cs.account.equals(accountId) && "SERVER_FAULT".equals(cs.failureCode))
                .map(cs -> cs.id).sorted().toList();
    }

    /** A change set's status now (PREPARING, APPLYING, SUCCEEDED, FAILED or CANCELLED), or null if there is none. */
    public String changeSetStatus(String changeSetId) {
        catalog.settle();
        CatalogApi.ChangeSetRecord cs = catalog.changeSets.get(changeSetId);
        return cs == null ? null : cs.status(clock.instant());
    }

    /** A foreign change set (see {@link CatalogApi#holdEntity}) locks the entity for a while; returns its id. */
    public String lockByForeignChangeSet(String entityId, Duration holdFor) {
        CatalogApi.StoredEntity entity = catalog.entities.get(entityId);
        if (entity == null) {
            throw new IllegalArgumentException("No entity " + entityId);
        }
        return catalog.holdEntity(entity.owner(), entityId, holdFor);
    }

    /**
     * Calls {@code hook} with the ClientRequestToken of each change set StartChangeSet creates, before the caller has
     * the answer: a test can crash the caller at exactly that moment.
     */
    public void onChangeSetCreated(java.util.function.Consumer<String> hook) {
        catalog.onCreated = hook == null ? token -> { } : hook;
    }

    /**
     * The ids of the change sets StartChangeSet created for each ClientRequestToken of an account: one each, however
     * often a token was sent, unless the idempotency failed.
     */
    public Map<String, List<String>> changeSetsByToken(String accountId) {
        Map<String, List<String>> out = new TreeMap<>();
        catalog.createdByToken.forEach((key, ids) -> {
            if (key.startsWith(accountId + "|")) {
                out.put(key.substring(accountId.length() + 1), List.copyOf(ids));
            }
        });
        return out;
    }

    /**
     * Each change of every change set the account started (none made by {@link #lockByForeignChangeSet}), with the
     * ARN of the entity it changes or, for a Create change, the entity it made.
     */
    public List<StartedChange> startedChanges(String accountId) {
        return catalog.startedChanges(accountId);
    }

    /** One change of a change set: its type, and the ARNs of the change set and of the entity it is on. */
    public record StartedChange(String changeSetId, String changeSetArn, String changeType, String entityArn) {
    }

    // ------------------------------------------------------------------------------- quotas and faults

    /** Multiplies every operation's rate (e.g. 0.01 to throttle almost everything). */
    public void setQuotaScale(double scale) {
        this.quotaScale = scale;
        buckets.clear();
    }

    public void setQuota(String operation, double perSecond) {
        quotas.put(operation, perSecond);
        buckets.clear();
    }

    /** Calls per operation for an account (every authenticated call, throttled ones included; AssumeRole counted for the role's account). */
    public Map<String, Long> callCounts(String accountId) {
        return snapshot(calls.get(accountId));
    }

    /** Calls answered with ThrottlingException by the quota or an injected fault, per operation. */
    public Map<String, Long> throttledCounts(String accountId) {
        return snapshot(throttles.get(accountId));
    }

    public void resetCounts() {
        calls.clear();
        throttles.clear();
    }

    /** Latency added before every request is handled. */
    public void setLatency(Duration latency) {
        this.latency = latency == null ? Duration.ZERO : latency;
    }

    /** Fails a share of calls (seeded random) of one operation, or of all Marketplace operations when null. */
    public void setFaultRate(String operation, double rate, int httpStatus, String errorType) {
        faults.removeIf(f -> java.util.Objects.equals(f.operation(), operation));
        if (rate > 0) {
            faults.add(new Fault(operation, rate, httpStatus, errorType));
        }
    }

    /** Fails the next {@code count} calls of an operation (or of any Marketplace operation when null). */
    public void failNext(String operation, int count, int httpStatus, String errorType) {
        nextFaults.put(operation == null ? "*" : operation, new NextFaults(count, httpStatus, errorType));
    }

    public void clearFaults() {
        catalog.serverFaultRate = 0;
        faults.clear();
        nextFaults.clear();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        if (m != null) {
            m.forEach((k, v) -> out.put(k, v.sum()));
        }
        return out;
    }

    private static void count(Map<String, Map<String, LongAdder>> counters, String account, String operation) {
        counters.computeIfAbsent(account, a -> new ConcurrentHashMap<>())
                .computeIfAbsent(operation, o -> new LongAdder()).increment();
    }

    // ---------------------------------------------------------------------------------- catalogue data

    /** Stores any entity as DescribeEntity will return it; {@code entityType} with version, e.g. {@code Offer@1.0}. */
    public String putEntity(String ownerAccount, String entityType, String entityId, ObjectNode details,
                            Instant lastModified) {
        addAccount(ownerAccount);
        String type = entityType.contains("@") ? entityType : entityType + "@1.0";
        CatalogApi.StoredEntity existing = catalog.entities.get(entityId);
        int revision = existing == null ? 1 : existing.revision() + 1;
        Set<String> shared = existing == null ? new CopyOnWriteArraySet<>() : existing.sharedWith();
        catalog.put(new CatalogApi.StoredEntity(type, entityId, revision, details.deepCopy(),
                lastModified.truncatedTo(ChronoUnit.SECONDS), ownerAccount, shared));
        return entityId;
    }

    /** Makes an entity visible to another account with OwnershipType SHARED. */
    public void shareEntity(String entityId, String accountId) {
        CatalogApi.StoredEntity e = catalog.entities.get(entityId);
        if (e == null) {
            throw new IllegalArgumentException("No entity " + entityId);
        }
        addAccount(accountId);
        e.sharedWith().add(accountId);
    }

    /** The DetailsDocument of an entity as stored (a copy), if any. */
    public Optional<ObjectNode> entityDetails(String entityId) {
        catalog.settle();
        CatalogApi.StoredEntity e = catalog.entities.get(entityId);
        return e == null ? Optional.empty() : Optional.of(e.details().deepCopy());
    }

    /**
     * The ids of the entities of a type (e.g. {@code Offer}) the account owns whose Name is {@code name}: how many AWS
     * made for what a seller named once.
     */
    public List<String> entitiesNamed(String accountId, String type, String name) {
        catalog.settle();
        return catalog.entities.values().stream()
                .filter(e -> e.owner().equals(accountId) && e.baseType().equals(type)
                        && name.equals(e.details().path("Name").asText(null)))
                .map(CatalogApi.StoredEntity::id).sorted().toList();
    }

    /** A product with 2 to 4 dimensions of its type; returns its id ({@code prod-} + 13). */
    public String addProduct(String accountId, ProductType type, String title, String visibility, int dimensionCount) {
        String id;
        synchronized (seedRandom) {
            id = Json.id("prod-", 13, seedRandom);
            ObjectNode details = SeedData.product(type, title, visibility, dimensionCount, seedRandom);
            putEntity(accountId, type.entityType() + "@1.0", id, details,
                    clock.instant().minus(seedRandom.nextInt(400 * 24), ChronoUnit.HOURS));
        }
        return id;
    }

    public String addProduct(String accountId, ProductType type, String title, String visibility) {
        return addProduct(accountId, type, title, visibility, type == ProductType.DATA ? 2 : 3);
    }

    /**
     * An AMI product sold by contract: its dimensions are Entitled units bought upfront, not the instance hours an
     * hourly AMI meters (as AWS models an AMI contract product).
     */
    public String addAmiContractProduct(String accountId, String title) {
        String id = addProduct(accountId, ProductType.AMI, title, "Public", 1);
        ObjectNode details = catalog.entities.get(id).details().deepCopy();
        ObjectNode dimension = details.putArray("Dimensions").addObject();
        dimension.put("Key", "ReadOnlyUsers");
        dimension.put("Name", "Read-only users");
        dimension.put("Description", "Users who may read the appliance's reports");
        dimension.put("Unit", "Users");
        dimension.putArray("Types").add("Entitled");
        putEntity(accountId, ProductType.AMI.entityType(), id, details, clock.instant());
        return id;
    }

    /** The account no longer sees the product: not listed, DescribeEntity 404. */
    public void removeProduct(String accountId, String productId) {
        CatalogApi.StoredEntity e = catalog.entities.get(productId);
        if (e == null) {
            return;
        }
        if (e.owner().equals(accountId)) {
            catalog.entities.remove(productId);
        } else {
            e.sharedWith().remove(accountId);
        }
    }

    /** {@code n} products of rotating types and visibilities. */
    public List<String> generateProducts(String accountId, int n) {
        List<String> ids = new ArrayList<>();
        ProductType[] types = ProductType.values();
        String[] visibilities = {"Public", "Limited", "Public", "Restricted", "Draft"};
        for (int i = 0; i < n; i++) {
            ProductType type = types[i % types.length];
            ids.add(addProduct(accountId, type, "Generated " + type.entityType() + " " + (i + 1),
                    visibilities[(i / types.length) % visibilities.length], 2 + i % 3));
        }
        return ids;
    }

    /**
     * An ISV's resale authorization for a product, shared with the reseller (who lists it with OwnershipType SHARED).
     * {@code status}: Draft, Active or Restricted.
     */
    public String shareResaleAuthorization(String isvAccount, String resellerAccount, String productId, String name,
                                           String status, boolean paymentSchedule, List<String> buyerAccounts) {
        return shareResaleAuthorization(isvAccount, resellerAccount, productId, name, status, paymentSchedule,
                paymentSchedule, buyerAccounts, clock.instant().plus(180, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS));
    }

    /**
     * As above, with its own use (one-time: OffersMaxQuantity 1) and expiry (AvailabilityEndDate, which may be past).
     */
    public String shareResaleAuthorization(String isvAccount, String resellerAccount, String productId, String name,
                                           String status, boolean paymentSchedule, boolean oneTime,
                                           List<String> buyerAccounts, Instant expires) {
        CatalogApi.StoredEntity product = catalog.entities.get(productId);
        if (product == null || !product.owner().equals(isvAccount)) {
            throw new IllegalArgumentException("Product " + productId + " does not belong to " + isvAccount);
        }
        addAccount(resellerAccount);
        Instant now = clock.instant();
        String id;
        synchronized (seedRandom) {
            id = Json.id("resaleauthz-", 13, seedRandom);
            ObjectNode details = SeedData.resaleAuthorization(name, productId, product.details(), isvAccount,
                    resellerAccount, status, now.minus(30, ChronoUnit.DAYS), expires, paymentSchedule, oneTime,
                    buyerAccounts, seedRandom);
            putEntity(isvAccount, "ResaleAuthorization@1.0", id, details, now.minus(2, ChronoUnit.DAYS));
        }
        shareEntity(id, resellerAccount);
        return id;
    }

    public String shareResaleAuthorization(String isvAccount, String resellerAccount, String productId, String name) {
        return shareResaleAuthorization(isvAccount, resellerAccount, productId, name, "Active", false, List.of());
    }

    /** A released private offer ({@code Offer@1.0}) for buyer accounts; returns {@code offer-} + 13. */
    public String addOffer(String accountId, String productId, String name, List<String> buyerAccounts) {
        String id;
        synchronized (seedRandom) {
            id = Json.id("offer-", 13, seedRandom);
        }
        Instant now = clock.instant();
        putEntity(accountId, "Offer@1.0", id, SeedData.offer(id, productId, name, "Released", buyerAccounts,
                now.plus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS)), now.minus(1, ChronoUnit.DAYS));
        return id;
    }

    // ---------------------------------------------------------------------------------------- agreements

    /**
     * An agreement proposed by {@code proposerAccount}; {@code end} null for pay-as-you-go. Returns {@code agmt-} + 25.
     */
    public String addAgreement(String proposerAccount, String acceptorAccount, String productId, String offerId,
                               String status, Instant start, Instant end, AgreementPricing pricing, boolean autoRenew) {
        return addAgreement(proposerAccount, acceptorAccount, productId, offerId, status, start, end, pricing,
                autoRenew, seedRandom);
    }

    private String addAgreement(String proposer, String acceptor, String productId, String offerId, String status,
                                Instant start, Instant end, AgreementPricing pricing, boolean autoRenew, Random random) {
        if (!AgreementApi.STATUSES.contains(status)) {
            throw new IllegalArgumentException("Unknown agreement status " + status);
        }
        addAccount(proposer);
        CatalogApi.StoredEntity product = catalog.entities.get(productId);
        ProductType type = ProductType.SAAS;
        List<SeedData.Dim> dims;
        if (product != null) {
            for (ProductType t : ProductType.values()) {
                if (t.entityType().equals(product.baseType())) {
                    type = t;
                }
            }
            dims = new ArrayList<>();
            for (JsonNode d : product.details().path("Dimensions")) {
                dims.add(new SeedData.Dim(d.path("Key").asText(), d.path("Name").asText(), "", d.path("Unit").asText(),
                        d.path("Types").path(0).asText()));
            }
        } else {
            dims = SeedData.dimensions(type);
        }
        String id;
        long[] total = new long[1];
        List<ObjectNode> terms;
        synchronized (random) {
            id = Json.id("agmt-", 25, random);
            terms = SeedData.agreementTerms(pricing, dims, start, end, autoRenew, random, total);
        }
        // Data products are not an Agreement API ResourceType; report them as SaaSProduct like other non-AMI/container.
        String resourceType = type == ProductType.DATA ? "SaaSProduct" : type.entityType();
        ObjectNode view = SeedData.agreementView(id, proposer, acceptor, offerId, productId, resourceType, status,
                start, end, start.minus(1, ChronoUnit.HOURS), total[0] + ".00", "USD");
        agreements.agreements.put(id, new AgreementApi.StoredAgreement(id, proposer, view, List.copyOf(terms)));
        return id;
    }

    public void setAgreementStatus(String agreementId, String status) {
        if (!AgreementApi.STATUSES.contains(status)) {
            throw new IllegalArgumentException("Unknown agreement status " + status);
        }
        AgreementApi.StoredAgreement a = agreements.agreements.get(agreementId);
        if (a == null) {
            throw new IllegalArgumentException("No agreement " + agreementId);
        }
        a.status(status);
    }

    /** {@code n} agreements with varied statuses, pricing, acceptors and dates over the account's products. */
    public List<String> generateAgreements(String accountId, int n, Random random) {
        List<String> products = new ArrayList<>();
        for (CatalogApi.StoredEntity e : catalog.entities.values()) {
            if (e.owner().equals(accountId) && CatalogApi.PRODUCT_TYPES.contains(e.baseType())) {
                products.add(e.id());
            }
        }
        products.sort(null);
        if (products.isEmpty()) {
            products.add(Json.id("prod-", 13, random));
        }
        String[] statuses = {"ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "EXPIRED", "EXPIRED", "CANCELLED", "RENEWED",
                "REPLACED", "TERMINATED", "ARCHIVED"};
        AgreementPricing[] pricings = AgreementPricing.values();
        List<String> acceptors = new ArrayList<>();
        List<String> offers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            acceptors.add(String.format("%012d", 100000000000L + random.nextInt(900_000_000)));
            offers.add(Json.id("offer-", 13, random));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String status = statuses[random.nextInt(statuses.length)];
            AgreementPricing pricing = pricings[random.nextInt(pricings.length)];
            Instant start = now.minus(random.nextInt(1000) + (status.equals("ACTIVE") ? 0 : 400), ChronoUnit.DAYS);
            Instant end = pricing == AgreementPricing.USAGE ? null
                    : start.plus(365L * (1 + random.nextInt(3)), ChronoUnit.DAYS);
            if (status.equals("ACTIVE") && end != null && end.isBefore(now)) {
                end = now.plus(30 + random.nextInt(300), ChronoUnit.DAYS);
            }
            ids.add(addAgreement(accountId, acceptors.get(random.nextInt(acceptors.size())),
                    products.get(random.nextInt(products.size())), offers.get(random.nextInt(offers.size())), status,
                    start, end, pricing, random.nextBoolean(), random));
        }
        return ids;
    }

    /**
     * The default catalogue: for the seller one product of each type (2 to 4 dimensions), a released private offer,
     * agreements (active contract, expired, pay-as-you-go, payment schedule) and resale authorizations shared with
     * the channel partner: a SaaS contract one, an AMI one-time payment-schedule one, a SaaS one-time one, a SaaS
     * multi-use one expiring in 45 days and a SaaS one restricted to two buyers.
     */
    public Seed seedDefault(String sellerAccountId, String channelPartnerAccountId) {
        addAccount(sellerAccountId);
        addAccount(channelPartnerAccountId);
        Map<ProductType, String> products = new EnumMap<>(ProductType.class);
        products.put(ProductType.SAAS, addProduct(sellerAccountId, ProductType.SAAS, "Example Analytics (SaaS)", "Public", 4));
        products.put(ProductType.AMI, addProduct(sellerAccountId, ProductType.AMI, "Example Appliance (AMI)", "Public", 3));
        products.put(ProductType.CONTAINER, addProduct(sellerAccountId, ProductType.CONTAINER, "Example Operator (Container)", "Limited", 3));
        products.put(ProductType.DATA, addProduct(sellerAccountId, ProductType.DATA, "Example Market Data (Data)", "Public", 2));
        String saas = products.get(ProductType.SAAS);
        String buyer = "444455556666";
        String offer = addOffer(sellerAccountId, saas, "Example Corp three-year contract", List.of(buyer));
        Instant now = clock.instant().truncatedTo(ChronoUnit.DAYS);
        List<String> agreementIds = new ArrayList<>();
        String active = addAgreement(sellerAccountId, buyer, saas, offer, "ACTIVE", now.minus(60, ChronoUnit.DAYS),
                now.plus(305, ChronoUnit.DAYS), AgreementPricing.CONTRACT_WITH_USAGE, true);
        String expired = addAgreement(sellerAccountId, "777788889999", products.get(ProductType.AMI),
                Json.id("offer-", 13), "EXPIRED", now.minus(500, ChronoUnit.DAYS), now.minus(135, ChronoUnit.DAYS),
                AgreementPricing.CONTRACT, false);
        agreementIds.add(active);
        agreementIds.add(expired);
        agreementIds.add(addAgreement(sellerAccountId, "222233334444", saas, Json.id("offer-", 13), "ACTIVE",
                now.minus(20, ChronoUnit.DAYS), null, AgreementPricing.USAGE, false));
        agreementIds.add(addAgreement(sellerAccountId, "555566667777", products.get(ProductType.CONTAINER),
                Json.id("offer-", 13), "ACTIVE", now.minus(10, ChronoUnit.DAYS), now.plus(355, ChronoUnit.DAYS),
                AgreementPricing.PAYMENT_SCHEDULE, false));
        List<String> ras = new ArrayList<>();
        ras.add(shareResaleAuthorization(sellerAccountId, channelPartnerAccountId, saas, "Example Analytics for partners",
                "Active", false, List.of()));
        ras.add(shareResaleAuthorization(sellerAccountId, channelPartnerAccountId, products.get(ProductType.AMI),
                "Appliance one-time deal", "Active", true, List.of(buyer)));
        // For channel partner offers: a one-time contract, a multi-use one expiring within weeks, one for named buyers.
        ras.add(shareResaleAuthorization(sellerAccountId, channelPartnerAccountId, saas, "Analytics one-time deal",
                "Active", false, true, List.of(), now.plus(120, ChronoUnit.DAYS)));
        ras.add(shareResaleAuthorization(sellerAccountId, channelPartnerAccountId, saas, "Analytics quarter-end deals",
                "Active", false, false, List.of(), now.plus(45, ChronoUnit.DAYS)));
        ras.add(shareResaleAuthorization(sellerAccountId, channelPartnerAccountId, saas, "Analytics for Example Corp",
                "Active", false, false, List.of(buyer, "123412341234"), now.plus(150, ChronoUnit.DAYS)));
        return new Seed(sellerAccountId, channelPartnerAccountId, Map.copyOf(products), List.copyOf(ras), offer,
                active, expired, List.copyOf(agreementIds));
    }

    // ------------------------------------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        Api api = Api.CATALOG;
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> form = Map.of();
            String operation;
            if (target != null && target.startsWith(AgreementApi.TARGET_PREFIX)) {
                api = Api.AGREEMENT;
                operation = target.substring(AgreementApi.TARGET_PREFIX.length());
            } else if ("POST".equals(method) && contentType.startsWith("application/x-www-form-urlencoded")
                    && (form = LoopbackHttpServer.parseForm(new String(body, StandardCharsets.UTF_8))).containsKey("Action")) {
                api = Api.STS;
                operation = form.get("Action");
            } else {
                operation = CatalogApi.operation(method, path);
                if (operation == null) {
                    throw new ApiError(404, "UnknownOperationException", "No Catalog API operation at " + method + " " + path);
                }
            }
            try {
                Duration delay = latency;
                if (!delay.isZero()) {
                    LockSupport.parkNanos(delay.toNanos());
                }
                if (api == Api.STS) {
                    // AssumeRoleWithWebIdentity is unsigned: the token is the caller's proof.
                    String caller = "AssumeRoleWithWebIdentity".equals(operation) ? null
                            : authenticate(exchange, body, Api.STS);
                    respond(exchange, api, 200, sts(operation, form, caller), requestId);
                    return;
                }
                String account = authenticate(exchange, body, api);
                count(calls, account, operation);
                Double rate = quotas.get(operation);
                if (rate != null && !buckets.computeIfAbsent(account + "|" + operation,
                        k -> new Bucket(rate * quotaScale)).tryAcquire()) {
                    count(throttles, account, operation);
                    throw new ApiError(429, "ThrottlingException", "Rate exceeded for " + operation);
                }
                try {
                    injectFault(operation);
                } catch (ApiError injected) {
                    if ("ThrottlingException".equals(injected.type)) {
                        count(throttles, account, operation); // injected throttling counts as throttling
                    }
                    throw injected;
                }
                ObjectNode result;
                if (api == Api.AGREEMENT) {
                    result = agreements.handle(operation, account, Json.parse(body));
                } else {
                    result = catalog.handle(operation, account, LoopbackHttpServer.parseForm(exchange.getRequestURI().getRawQuery()),
                            Json.parse(body));
                }
                respond(exchange, api, 200, Json.bytes(result), requestId);
            } catch (ApiError e) {
                error(exchange, api, e, requestId);
            }
        } catch (ApiError e) {
            try {
                error(exchange, api, e, requestId);
            } catch (IOException ignored) {
                // client went away
            }
        } catch (Exception e) {
            try {
                error(exchange, api, new ApiError(500, api == Api.AGREEMENT ? "InternalServerException"
                        : "InternalServiceException", "Sandbox failure: " + e), requestId);
            } catch (IOException ignored) {
                // client went away
            }
        }
    }

    private boolean readLegalDocument(String url, Instant at) {
        boolean readable = true;
        URI uri = URI.create(url);
        if ("http".equals(uri.getScheme())
                && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()))) {
            try {
                readable = documentClient.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .header(SandboxS3.JUDGED_AT, at.toString()).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                readable = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                readable = false;
            }
        }
        documentReads.add(new LegalDocumentRead(url, at, readable));
        return readable;
    }

    private void injectFault(String operation) {
        for (String key : List.of(operation, "*")) {
            NextFaults next = nextFaults.get(key);
            if (next != null && next.remaining.getAndDecrement() > 0) {
                throw new ApiError(next.status, next.errorType, "Injected fault");
            }
        }
        for (Fault f : faults) {
            if (f.operation() == null || f.operation().equals(operation)) {
                boolean hit;
                synchronized (faultRandom) {
                    hit = faultRandom.nextDouble() < f.rate();
                }
                if (hit) {
                    throw new ApiError(f.status(), f.errorType(), "Injected fault");
                }
            }
        }
    }

    /** Verifies SigV4 and returns the calling account (Marketplace) or the caller's access key id (STS). */
    private String authenticate(HttpExchange exchange, byte[] body, Api api) {
        String expectedService = api == Api.STS ? STS_SERVICE : MARKETPLACE_SERVICE;
        String invalidSignature = api == Api.STS ? "SignatureDoesNotMatch" : "InvalidSignatureException";
        String unknownKey = api == Api.STS ? "InvalidClientTokenId" : "UnrecognizedClientException";
        var headers = exchange.getRequestHeaders();
        SigV4.Authorization auth = SigV4.parse(headers.getFirst("Authorization"));
        if (auth == null) {
            throw new ApiError(403, api == Api.STS ? "MissingAuthenticationToken" : "MissingAuthenticationTokenException",
                    "Request is missing a valid AWS4-HMAC-SHA256 Authorization header");
        }
        if (!expectedService.equals(auth.service())) {
            throw new ApiError(403, invalidSignature, "Credential should be scoped to correct service: '"
                    + expectedService + "'");
        }
        if (!REGION.equals(auth.region())) {
            throw new ApiError(403, invalidSignature, "Credential should be scoped to a valid region: '" + REGION + "'");
        }
        String secret;
        String account;
        UserKey user = userKeys.get(auth.accessKeyId());
        if (user != null) {
            // An IAM user's long-term key: no session token; STS sees the key as its caller, like base keys.
            secret = user.secret();
            account = api == Api.STS ? auth.accessKeyId() : user.account();
        } else if (api == Api.STS && baseCredentials.containsKey(auth.accessKeyId())) {
            secret = baseCredentials.get(auth.accessKeyId());
            account = auth.accessKeyId();
        } else if (api == Api.STS) {
            // A role session calling STS: the chaining rule applies to what it assumes.
            TempCredentials temp = temporary.get(auth.accessKeyId());
            MarketplaceSandbox issuer = sessionIssuer;
            if (temp == null && issuer != null) {
                temp = issuer.temporary.get(auth.accessKeyId());
            }
            if (temp == null || !temp.sessionToken().equals(headers.getFirst("X-Amz-Security-Token"))) {
                throw new ApiError(403, unknownKey, "The security token included in the request is invalid.");
            }
            if (!Instant.now().isBefore(temp.expiration())) {
                throw new ApiError(400, "ExpiredToken", "The security token included in the request is expired");
            }
            secret = temp.secret();
            account = auth.accessKeyId();
        } else {
            TempCredentials temp = temporary.get(auth.accessKeyId());
            if (temp == null) {
                throw new ApiError(403, unknownKey, "The security token included in the request is invalid.");
            }
            if (!temp.sessionToken().equals(headers.getFirst("X-Amz-Security-Token"))) {
                throw new ApiError(403, unknownKey, "The security token included in the request is invalid.");
            }
            if (!Instant.now().isBefore(temp.expiration())) {
                throw new ApiError(403, "ExpiredTokenException", "The security token included in the request is expired");
            }
            secret = temp.secret();
            account = temp.account();
        }
        Instant signedAt = SigningPrimitives.parseAmzDate(headers.getFirst("X-Amz-Date"));
        if (signedAt == null || Duration.between(signedAt, Instant.now()).abs().compareTo(Duration.ofMinutes(15)) > 0
                || !SigningPrimitives.AMZ_DATE.format(signedAt).startsWith(auth.date())) {
            throw new ApiError(403, invalidSignature, "Signature expired or X-Amz-Date missing/inconsistent");
        }
        String expected = SigV4.expectedSignature(secret, auth, exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), name -> {
                    List<String> values = headers.get(name);
                    return values == null ? null : String.join(",", values);
                }, body);
        if (!SigningPrimitives.same(expected, auth.signature())) {
            throw new ApiError(403, invalidSignature, "The request signature we calculated does not match the signature you provided.");
        }
        return account;
    }

    private byte[] sts(String action, Map<String, String> form, String caller) {
        return switch (action) {
            case "AssumeRole" -> assumeRole(form, caller);
            case "AssumeRoleWithWebIdentity" -> assumeRoleWithWebIdentity(form);
            default -> throw new ApiError(400, "InvalidAction", "The sandbox's STS serves AssumeRole and"
                    + " AssumeRoleWithWebIdentity only, not " + action);
        };
    }

    /**
     * AssumeRole with long-term keys, or with the credentials of a role session: that is role chaining, and AWS then
     * refuses a DurationSeconds over one hour, whatever the role's MaxSessionDuration, with HTTP 400
     * {@code ValidationError} "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by
     * role chaining." Sources: IAM User Guide, role chaining
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html#iam-term-role-chaining: "limits your AWS CLI
     * or AWS API role session to a maximum of one hour"); STS API reference, AssumeRole DurationSeconds
     * (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html: "if you assume a role using role
     * chaining and provide a DurationSeconds parameter value greater than one hour, the operation fails"); the message
     * as AWS words it, https://repost.aws/knowledge-center/iam-role-chaining-limit; status and code as an SDK reported
     * them, https://gitlab.com/gitlab-org/gitlab-runner/-/issues/38370 ("StatusCode: 400 ... api error
     * ValidationError: The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role
     * chaining.").
     */
    private byte[] assumeRole(Map<String, String> form, String caller) {
        Role role = role(form, "sts:AssumeRole");
        count(calls, role.account(), "AssumeRole");
        Duration requested = durationSeconds(form);
        boolean chained = !baseCredentials.containsKey(caller) && !userKeys.containsKey(caller);
        if (chained && requested.toSeconds() > 3600) {
            throw new ApiError(400, "ValidationError",
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        withinMaxSessionDuration(requested);
        TempCredentials c = issue(role, credentialLifetime == null ? requested : credentialLifetime);
        issued.incrementAndGet();
        startedSessions.add(new StartedSession("AssumeRole", role.arn(), role.session(), chained, requested));
        return ("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                + credentialsXml(c) + assumedRoleUserXml(role) + "</AssumeRoleResult>" + responseMetadata()
                + "</AssumeRoleResponse>").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * AssumeRoleWithWebIdentity (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html):
     * unsigned; a token the OIDC provider issued, for a role whose account trusts that provider; DurationSeconds 900
     * to the role's MaxSessionDuration. The session it starts is not chained; one it assumes from there is.
     */
    private byte[] assumeRoleWithWebIdentity(Map<String, String> form) {
        String token = form.get("WebIdentityToken");
        if (token == null || token.isEmpty()) {
            throw new ApiError(400, "ValidationError", "1 validation error detected: Value null at"
                    + " 'webIdentityToken' failed to satisfy constraint: Member must not be null");
        }
        String subject = webIdentityTokens.get(token);
        if (subject == null) {
            throw new ApiError(400, "InvalidIdentityToken", "The web identity token that was passed could not be"
                    + " validated by Amazon Web Services. Get a new identity token from the identity provider and then"
                    + " retry the request.");
        }
        Role role = role(form, "sts:AssumeRoleWithWebIdentity");
        if (!webIdentityAccounts.contains(role.account())) {
            throw new ApiError(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
        }
        count(calls, role.account(), "AssumeRoleWithWebIdentity");
        Duration requested = durationSeconds(form);
        withinMaxSessionDuration(requested);
        TempCredentials c = issue(role, requested);
        webIdentitySessions.incrementAndGet();
        startedSessions.add(new StartedSession("AssumeRoleWithWebIdentity", role.arn(), role.session(), false,
                requested));
        return ("<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleWithWebIdentityResult>"
                + "<SubjectFromWebIdentityToken>" + xml(subject) + "</SubjectFromWebIdentityToken>"
                + "<Audience>sts.amazonaws.com</Audience>" + assumedRoleUserXml(role) + credentialsXml(c)
                + "<Provider>oidc.eks." + REGION + ".amazonaws.com/id/SANDBOX</Provider>"
                + "</AssumeRoleWithWebIdentityResult>" + responseMetadata()
                + "</AssumeRoleWithWebIdentityResponse>").getBytes(StandardCharsets.UTF_8);
    }

    /** A role to assume: its ARN (of a known account) and the session's name. */
    private record Role(String arn, String account, String name, String session) {
    }

    private Role role(Map<String, String> form, String action) {
        String roleArn = form.get("RoleArn");
        String session = form.get("RoleSessionName");
        Matcher m = roleArn == null ? null : ROLE_ARN.matcher(roleArn);
        if (m == null || !m.matches()) {
            throw new ApiError(400, "ValidationError", "RoleArn is not a valid IAM role ARN");
        }
        if (session == null || !session.matches("^[\\w+=,.@-]{2,64}$")) {
            throw new ApiError(400, "ValidationError", "RoleSessionName must be 2 to 64 characters of [\\w+=,.@-]");
        }
        String account = m.group(1);
        if (!accounts.contains(account)) {
            throw new ApiError(403, "AccessDenied", "Not authorized to perform " + action + " on resource: " + roleArn);
        }
        return new Role(roleArn, account, m.group(2).substring(m.group(2).lastIndexOf('/') + 1), session);
    }

    private static Duration durationSeconds(Map<String, String> form) {
        Duration requested = Duration.ofSeconds(form.containsKey("DurationSeconds")
                ? Long.parseLong(form.get("DurationSeconds")) : 3600);
        if (requested.toSeconds() < 900 || requested.toSeconds() > 43200) {
            throw new ApiError(400, "ValidationError", "1 validation error detected: Value '" + requested.toSeconds()
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value "
                    + (requested.toSeconds() < 900 ? "greater than or equal to 900" : "less than or equal to 43200"));
        }
        return requested;
    }

    private void withinMaxSessionDuration(Duration requested) {
        if (requested.compareTo(maxSessionDuration) > 0) {
            throw new ApiError(400, "ValidationError",
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
    }

    private TempCredentials issue(Role role, Duration lifetime) {
        Instant expiration = Instant.now().plus(lifetime).truncatedTo(ChronoUnit.MILLIS);
        TempCredentials c = new TempCredentials("ASIA" + Json.id("", 16).toUpperCase(), Json.id("", 40),
                Json.id("", 120), role.account(), role.arn(), expiration);
        temporary.put(c.accessKeyId(), c);
        return c;
    }

    private static String credentialsXml(TempCredentials c) {
        return "<Credentials><AccessKeyId>" + c.accessKeyId() + "</AccessKeyId>"
                + "<SecretAccessKey>" + c.secret() + "</SecretAccessKey>"
                + "<SessionToken>" + c.sessionToken() + "</SessionToken>"
                + "<Expiration>" + c.expiration() + "</Expiration></Credentials>";
    }

    private static String assumedRoleUserXml(Role role) {
        return "<AssumedRoleUser><AssumedRoleId>AROA" + role.account() + ":" + xml(role.session()) + "</AssumedRoleId>"
                + "<Arn>arn:aws:sts::" + role.account() + ":assumed-role/" + xml(role.name()) + "/" + xml(role.session())
                + "</Arn></AssumedRoleUser>";
    }

    private static String responseMetadata() {
        return "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>";
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }


    private static void respond(HttpExchange exchange, Api api, int status, byte[] body, String requestId)
            throws IOException {
        var h = exchange.getResponseHeaders();
        h.set("x-amzn-RequestId", requestId);
        h.set("Content-Type", switch (api) {
            case CATALOG -> "application/json";
            case AGREEMENT -> "application/x-amz-json-1.0";
            case STS -> "text/xml";
        });
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void error(HttpExchange exchange, Api api, ApiError e, String requestId) throws IOException {
        switch (api) {
            case CATALOG -> {
                ObjectNode body = Json.object();
                body.put("Message", e.getMessage());
                e.extra.forEach((k, v) -> body.putPOJO(k, v));
                exchange.getResponseHeaders().set("x-amzn-ErrorType", e.type);
                respond(exchange, api, e.status, Json.bytes(body), requestId);
            }
            case AGREEMENT -> {
                ObjectNode body = Json.object();
                body.put("__type", e.type);
                body.put("message", e.getMessage());
                body.put("requestId", requestId);
                e.extra.forEach((k, v) -> body.putPOJO(k, v));
                // The Agreement API model gives its modelled errors HTTP 400 (InternalServerException 500).
                int status = e.status < 500 && Set.of("ValidationException", "ResourceNotFoundException",
                        "ThrottlingException", "AccessDeniedException").contains(e.type) ? 400 : e.status;
                respond(exchange, api, status, Json.bytes(body), requestId);
            }
            case STS -> {
                String xml = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                        + "<Type>" + (e.status >= 500 ? "Receiver" : "Sender") + "</Type>"
                        + "<Code>" + xml(e.type) + "</Code><Message>" + xml(e.getMessage()) + "</Message></Error>"
                        + "<RequestId>" + requestId + "</RequestId></ErrorResponse>";
                respond(exchange, api, e.status, xml.getBytes(StandardCharsets.UTF_8), requestId);
            }
        }
    }

    /** Debug view: how many entities, change sets and agreements the sandbox holds. */
    public Map<String, Integer> sizes() {
        Map<String, Integer> m = new HashMap<>();
        m.put("entities", catalog.entities.size());
        m.put("changeSets", catalog.changeSets.size());
        m.put("agreements", agreements.agreements.size());
        return m;
    }
}
