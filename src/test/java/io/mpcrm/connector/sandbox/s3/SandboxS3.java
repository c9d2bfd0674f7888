package io.mpcrm.connector.sandbox.s3;

import io.mpcrm.connector.sandbox.SigningPrimitives;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobProviderMetadata;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.io.ContentMetadata;

/**
 * An S3-compatible server in this JVM for tests: s3proxy on an in-memory (transient) jclouds blob store, listening
 * on 127.0.0.1, path-style only.
 *
 * <p>Every request must be signed with AWS Signature Version 4, in the {@code Authorization} header or as a presigned
 * URL, by a key the sandbox knows: the throwaway pair generated at start ({@link #accessKeyId()}), or a key a
 * {@link #trust trusted} issuer vouches for, such as the temporary credentials the Marketplace sandbox's STS issued
 * for an assumed role (secret, session token, expiry, account). A handler in front of s3proxy checks the signature,
 * the session token, the expiry, the payload hash (and the chunk signatures of an {@code aws-chunked} body) and, for
 * a bucket created with an owner, that the key belongs to that account; s3proxy itself runs without authentication
 * and sees only requests that passed. Signature Version 2 is refused.
 *
 * <p>s3proxy 3.0.0 implements no server-side encryption: it answers 501 NotImplemented to a request with an
 * {@code x-amz-server-side-encryption*} header unless told to ignore headers it does not implement, which this
 * sandbox does (so other such headers pass unnoticed too), and then it keeps nothing of them. So that tests can see
 * what a client asked for, a handler in front of s3proxy's own records those headers per object when s3proxy
 * accepted the request (PutObject, CopyObject, CreateMultipartUpload), forgets them when the object is deleted or
 * overwritten without them, and answers them back on PUT, GET and HEAD as S3 does. {@link #metadata} reports them
 * under their header names. Nothing is encrypted: the bytes are stored as sent.
 *
 * <p>Clients must not send checksums that s3proxy 3.0.0 cannot verify: with the AWS SDK for Java 2.30+, build the
 * client with {@code requestChecksumCalculation(WHEN_REQUIRED)} and {@code responseChecksumValidation(WHEN_REQUIRED)}.
 */
public final class SandboxS3 implements AutoCloseable {

    /** The request/response header for server-side encryption, and the {@link #metadata} key it is reported under. */
    public static final String SERVER_SIDE_ENCRYPTION = "x-amz-server-side-encryption";

    /**
     * A presigned request with this header (an ISO-8601 instant, e.g. {@code 2030-01-01T00:00:00Z}) is judged as if it
     * arrived then: whether the URL and the credentials that signed it still work. Not an S3 header: the Marketplace
     * sandbox sends it to read a legal document at the moment AWS would (hours after StartChangeSet), so that a test
     * need not wait for that moment.
     */
    public static final String JUDGED_AT = "x-sandbox-judged-at";

    private static final String HOST = "127.0.0.1";
    /** Request attribute: the account of the key whose signature the check accepted. */
    private static final String SIGNED_BY_ACCOUNT = "sandbox.s3.signedByAccount";
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Set<String> ENCRYPTION_HEADERS = Set.of(
            SERVER_SIDE_ENCRYPTION,
            "x-amz-server-side-encryption-aws-kms-key-id",
            "x-amz-server-side-encryption-context",
            "x-amz-server-side-encryption-bucket-key-enabled");

    /**
     * A key the sandbox accepts signatures from.
     *
     * @param secretAccessKey the secret the signature is made with
     * @param sessionToken the token a temporary key must send along ({@code x-amz-security-token}); null for a
     *        long-term key
     * @param accountId the AWS account the key belongs to; null for the sandbox's own key, which may use any bucket
     * @param expiration when a temporary key stops working; null if never
     */
    public record Credential(String secretAccessKey, String sessionToken, String accountId, Instant expiration) {
    }

    private final BlobStoreContext context;
    private final BlobStore blobStore;
    private final S3Proxy proxy;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final URI endpoint;
    /** "bucket/key" to the encryption headers its last accepted write asked for. */
    private final Map<String, Map<String, String>> encryption = new ConcurrentHashMap<>();
    private final List<Function<String, Optional<Credential>>> issuers = new CopyOnWriteArrayList<>();
    private final Map<String, String> bucketOwners = new ConcurrentHashMap<>();
    /** Requests by the order they arrived in: a request may be noted after the next one, whose answer came sooner. */
    private final ConcurrentSkipListMap<Long, S3Request> served = new ConcurrentSkipListMap<>();
    private final AtomicLong arrivals = new AtomicLong();
    /** Requests being answered and not yet noted in {@link #served}. */
    private final AtomicInteger answering = new AtomicInteger();

    private SandboxS3(int port) throws Exception {
        SecureRandom random = new SecureRandom();
        this.accessKeyId = "SANDBOX" + HexFormat.of().withUpperCase().formatHex(randomBytes(random, 7));
        this.secretAccessKey = HexFormat.of().formatHex(randomBytes(random, 20));
        this.context = ContextBuilder.newBuilder(new TransientNio2BlobProviderMetadata())
                .credentials("sandbox", "unused") // the in-memory store checks none, but jclouds asks for some
                .buildView(BlobStoreContext.class);
        this.blobStore = context.getBlobStore();
        this.proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://" + HOST + ":" + port))
                // The signature check in front of it knows more keys than s3proxy's single pair.
                .awsAuthentication(AuthenticationType.NONE, null, null)
                // Else s3proxy answers 501 NotImplemented to x-amz-server-side-encryption (and other headers it
                // does not implement); the recorder below keeps what the client asked for.
                .ignoreUnknownHeaders(true)
                .build();
        putHandlersInFront();
        proxy.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> "STARTED".equals(proxy.getState()));
        this.endpoint = URI.create("http://" + HOST + ":" + proxy.getPort());
    }

    /** Starts a sandbox on a free port. */
    public static SandboxS3 start() {
        return start(0);
    }

    /** Starts a sandbox on {@code port} (0: a free one). */
    public static SandboxS3 start(int port) {
        try {
            return new SandboxS3(port);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("S3 sandbox did not start on port " + port, e);
        }
    }

    /** {@code http://127.0.0.1:PORT}; use it with path-style access. */
    public URI endpoint() {
        return endpoint;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    /**
     * Accepts signatures by the keys {@code issuer} knows: it answers an access key id with the key's secret and
     * session token, or empty for a key it never issued.
     */
    public void trust(Function<String, Optional<Credential>> issuer) {
        issuers.add(issuer);
    }

    /** Creates {@code bucket} (a no-op if it exists); refuses names that S3 would refuse (s3proxy then 404s them). */
    public void createBucket(String bucket) {
        if (!BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("not an S3 bucket name: " + bucket);
        }
        blobStore.createContainerInLocation(null, bucket);
    }

    /**
     * Creates {@code bucket} in account {@code ownerAccountId}: keys of other accounts get AccessDenied there, as
     * with a bucket policy that trusts its own account only. The sandbox's own key may still use it.
     */
    public void createBucket(String bucket, String ownerAccountId) {
        createBucket(bucket);
        bucketOwners.put(bucket, ownerAccountId);
    }

    /** Every object key in {@code bucket}, sorted. */
    public List<String> keys(String bucket) {
        List<String> keys = new ArrayList<>();
        ListContainerOptions options = ListContainerOptions.Builder.recursive();
        while (true) {
            PageSet<? extends StorageMetadata> page = blobStore.list(bucket, options);
            for (StorageMetadata entry : page) {
                if (entry.getType() == StorageType.BLOB) {
                    keys.add(entry.getName());
                }
            }
            if (page.getNextMarker() == null) {
                break;
            }
            options = ListContainerOptions.Builder.recursive().afterMarker(page.getNextMarker());
        }
        Collections.sort(keys);
        return List.copyOf(keys);
    }

    /** The stored bytes of an object; fails if there is none. */
    public byte[] object(String bucket, String key) {
        Blob blob = blobStore.getBlob(bucket, key);
        if (blob == null) {
            throw new IllegalArgumentException("no object " + key + " in bucket " + bucket);
        }
        try (InputStream in = blob.getPayload().openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An object's metadata under lower-case HTTP header names: {@code content-type}, {@code content-length},
     * {@code etag}, {@code content-disposition}/{@code -encoding}/{@code -language} when set,
     * {@code x-amz-meta-*} user metadata, and the {@code x-amz-server-side-encryption*} headers the client sent with
     * the write that made it (recorded in front of s3proxy, see the class comment). Fails if there is no object.
     */
    public Map<String, String> metadata(String bucket, String key) {
        BlobMetadata blob = blobStore.blobMetadata(bucket, key);
        if (blob == null) {
            throw new IllegalArgumentException("no object " + key + " in bucket " + bucket);
        }
        Map<String, String> metadata = new TreeMap<>();
        ContentMetadata content = blob.getContentMetadata();
        putIfSet(metadata, "content-type", content.getContentType());
        putIfSet(metadata, "content-length", content.getContentLength());
        putIfSet(metadata, "content-disposition", content.getContentDisposition());
        putIfSet(metadata, "content-encoding", content.getContentEncoding());
        putIfSet(metadata, "content-language", content.getContentLanguage());
        putIfSet(metadata, "etag", blob.getETag());
        blob.getUserMetadata().forEach((name, value) -> metadata.put("x-amz-meta-" + name.toLowerCase(Locale.ROOT), value));
        metadata.putAll(encryption.getOrDefault(objectId(bucket, key), Map.of()));
        return Collections.unmodifiableMap(metadata);
    }

    /**
     * Every request answered since the sandbox started (refused ones too), in the order they arrived. A request is noted once its
     * answer is sent, and a client may read that answer a moment before: this waits (at most 5 s) until no request is
     * being answered, so a caller sees the requests whose answers it has.
     */
    public List<S3Request> served() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (answering.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
        return List.copyOf(served.values());
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3 sandbox did not stop", e);
        } finally {
            context.close();
        }
    }

    /**
     * s3proxy has no hook for request handlers, so this reaches its Jetty server (a private field, checked against
     * s3proxy 3.0.0) and wraps the handler it set: request log, signature check, encryption recorder, then s3proxy.
     * Fails loudly if a later s3proxy changes that.
     */
    private void putHandlersInFront() throws ReflectiveOperationException {
        Field field = S3Proxy.class.getDeclaredField("server");
        field.setAccessible(true);
        Server server = (Server) field.get(proxy);
        EncryptionRecorder recorder = new EncryptionRecorder();
        recorder.setHandler(server.getHandler());
        SignatureCheck check = new SignatureCheck();
        check.setHandler(recorder);
        RequestLog log = new RequestLog();
        log.setHandler(check);
        server.setHandler(log);
    }

    private Optional<Credential> credential(String accessKeyId) {
        if (accessKeyId.equals(this.accessKeyId)) {
            return Optional.of(new Credential(secretAccessKey, null, null, null));
        }
        for (Function<String, Optional<Credential>> issuer : issuers) {
            Optional<Credential> found = issuer.apply(accessKeyId);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Why a request was refused, as S3 says it. */
    private static final class Refused extends Exception {
        final int status;
        final String code;

        Refused(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    private final class SignatureCheck extends HandlerWrapper {
        @Override
        public void handle(String target, Request baseRequest, HttpServletRequest request,
                HttpServletResponse response) throws IOException, ServletException {
            HttpServletRequest checked;
            try {
                checked = authenticate(request);
            } catch (Refused refused) {
                baseRequest.setHandled(true);
                response.setStatus(refused.status);
                response.setContentType("application/xml");
                if (!"HEAD".equals(request.getMethod())) {
                    response.getOutputStream().write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                            + refused.code + "</Code><Message>" + refused.getMessage() + "</Message></Error>")
                            .getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
            super.handle(target, baseRequest, checked, response);
        }

        private HttpServletRequest authenticate(HttpServletRequest request) throws Refused, IOException {
            Map<String, String> query = S3Signature.parameters(request.getQueryString());
            String authorization = request.getHeader("Authorization");
            boolean presigned = authorization == null && query.containsKey("X-Amz-Algorithm");
            if (authorization == null && !presigned) {
                throw new Refused(403, "AccessDenied", "Access Denied (an anonymous request)");
            }
            S3Signature.Claim claim = presigned ? S3Signature.fromQuery(query)
                    : S3Signature.fromHeader(authorization, request.getHeader("x-amz-date"));
            if (claim == null) {
                throw new Refused(presigned ? 400 : 403, presigned ? "AuthorizationQueryParametersError"
                        : "AccessDenied", "Only a well-formed AWS Signature Version 4 (AWS4-HMAC-SHA256) is accepted");
            }
            if (!"s3".equals(claim.service())) {
                throw new Refused(400, "AuthorizationHeaderMalformed", "The credential is scoped to service '"
                        + claim.service() + "'; expecting 's3'");
            }
            Credential credential = credential(claim.accessKeyId()).orElseThrow(() -> new Refused(403,
                    "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records."));
            String token = presigned ? query.get("X-Amz-Security-Token") : request.getHeader("x-amz-security-token");
            if (!java.util.Objects.equals(token, credential.sessionToken())) {
                throw new Refused(403, "InvalidToken", "The provided token is malformed or otherwise invalid.");
            }
            Instant now = presigned ? judgedAt(request) : Instant.now();
            if (credential.expiration() != null && !now.isBefore(credential.expiration())) {
                throw new Refused(400, "ExpiredToken", "The provided token has expired.");
            }
            Instant signedAt = SigningPrimitives.parseAmzDate(claim.amzDate());
            if (signedAt == null) {
                throw new Refused(403, "AccessDenied", "X-Amz-Date is not a date");
            }
            String payloadHash;
            if (presigned) {
                long expires = parseLong(query.get("X-Amz-Expires"));
                if (expires < 1 || expires > 604_800) {
                    throw new Refused(400, "AuthorizationQueryParametersError",
                            "X-Amz-Expires must be between 1 and 604800 seconds");
                }
                if (now.isAfter(signedAt.plusSeconds(expires))) {
                    throw new Refused(403, "AccessDenied", "Request has expired");
                }
                payloadHash = query.getOrDefault("X-Amz-Content-Sha256", S3Signature.UNSIGNED_PAYLOAD);
            } else {
                if (Duration.between(signedAt, now).abs().compareTo(Duration.ofMinutes(15)) > 0) {
                    throw new Refused(403, "RequestTimeTooSkewed",
                            "The difference between the request time and the current time is too large.");
                }
                payloadHash = request.getHeader("x-amz-content-sha256");
                if (payloadHash == null) {
                    throw new Refused(400, "InvalidRequest",
                            "Missing required header for this request: x-amz-content-sha256");
                }
            }
            String expected = S3Signature.expected(credential.secretAccessKey(), claim, request.getMethod(),
                    request.getRequestURI(), request.getQueryString(), name -> {
                        List<String> values = Collections.list(request.getHeaders(name));
                        return values.isEmpty() ? null : String.join(",", values);
                    }, payloadHash);
            if (!SigningPrimitives.same(expected, claim.signature())) {
                throw new Refused(403, "SignatureDoesNotMatch", "The request signature we calculated does not match"
                        + " the signature you provided. Check your key and signing method.");
            }
            request.setAttribute(SIGNED_BY_ACCOUNT, credential.accountId());
            String bucket = bucketOf(request.getRequestURI());
            String owner = bucket == null ? null : bucketOwners.get(bucket);
            if (owner != null && credential.accountId() != null && !owner.equals(credential.accountId())) {
                throw new Refused(403, "AccessDenied", "Access Denied");
            }
            return presigned ? request : withVerifiedBody(request, credential, claim, payloadHash);
        }

        private Instant judgedAt(HttpServletRequest request) throws Refused {
            String at = request.getHeader(JUDGED_AT);
            try {
                return at == null ? Instant.now() : Instant.parse(at);
            } catch (java.time.format.DateTimeParseException e) {
                throw new Refused(400, "InvalidArgument", JUDGED_AT + " must be an ISO-8601 instant");
            }
        }

        private HttpServletRequest withVerifiedBody(HttpServletRequest request, Credential credential,
                S3Signature.Claim claim, String payloadHash) throws Refused, IOException {
            if (S3Signature.UNSIGNED_PAYLOAD.equals(payloadHash)) {
                return request;
            }
            byte[] body = request.getInputStream().readAllBytes();
            if (S3Signature.STREAMING_PAYLOAD.equals(payloadHash)) {
                if (S3Signature.verifiedChunks(credential.secretAccessKey(), claim, claim.signature(), body) == null) {
                    throw new Refused(403, "SignatureDoesNotMatch",
                            "The chunk signatures of the aws-chunked body do not match.");
                }
            } else if (!payloadHash.matches("[0-9a-f]{64}")) {
                throw new Refused(400, "InvalidArgument", "x-amz-content-sha256 must be a SHA-256 hex digest, "
                        + S3Signature.UNSIGNED_PAYLOAD + " or " + S3Signature.STREAMING_PAYLOAD);
            } else if (!payloadHash.equals(SigningPrimitives.hex(SigningPrimitives.sha256(body)))) {
                throw new Refused(400, "XAmzContentSHA256Mismatch",
                        "The provided 'x-amz-content-sha256' header does not match what was computed.");
            }
            return new BufferedBody(request, body);
        }
    }

    /** Notes each request with the answer it got, after everything in front of s3proxy and s3proxy had their say. */
    private final class RequestLog extends HandlerWrapper {
        @Override
        public void handle(String target, Request baseRequest, HttpServletRequest request,
                HttpServletResponse response) throws IOException, ServletException {
            answering.incrementAndGet();
            long arrival = arrivals.incrementAndGet();
            try {
                super.handle(target, baseRequest, request, response);
            } finally {
                try {
                    served.put(arrival, logged(request, response));
                } finally {
                    answering.decrementAndGet();
                }
            }
        }

        /** The request as the log keeps it: operation, bucket, key, the answer's status, signer, encryption asked. */
        private S3Request logged(HttpServletRequest request, HttpServletResponse response) {
            String path = URLDecoder.decode(request.getRequestURI().substring(1).replace("+", "%2B"),
                    StandardCharsets.UTF_8);
            int slash = path.indexOf('/');
            String bucket = path.isEmpty() ? null : slash < 0 ? path : path.substring(0, slash);
            String key = slash < 0 || slash == path.length() - 1 ? null : path.substring(slash + 1);
            Set<String> parameters = S3Signature.parameters(request.getQueryString()).keySet();
            Map<String, String> encryptionAsked = new TreeMap<>();
            for (String header : ENCRYPTION_HEADERS) {
                if (request.getHeader(header) != null) {
                    encryptionAsked.put(header, request.getHeader(header));
                }
            }
            return new S3Request(S3Request.named(request.getMethod(), bucket != null, key != null, parameters,
                    request.getHeader("x-amz-copy-source") != null), bucket, key, response.getStatus(),
                    (String) request.getAttribute(SIGNED_BY_ACCOUNT), parameters.contains("X-Amz-Algorithm"),
                    Map.copyOf(encryptionAsked));
        }
    }

    /** The request with its body, already read for the check, readable once more. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }
    }

    private final class EncryptionRecorder extends HandlerWrapper {
        @Override
        public void handle(String target, Request baseRequest, HttpServletRequest request,
                HttpServletResponse response) throws IOException, ServletException {
            String object = objectOf(request.getRequestURI());
            if (object == null) {
                super.handle(target, baseRequest, request, response);
                return;
            }
            String method = request.getMethod();
            String query = request.getQueryString() == null ? "" : request.getQueryString();
            boolean objectWrite = "PUT".equals(method) && !hasParameter(query, "uploadId")
                    && !hasParameter(query, "tagging") && !hasParameter(query, "acl");
            boolean multipartStart = "POST".equals(method) && hasParameter(query, "uploads");
            Map<String, String> asked = new TreeMap<>();
            if (objectWrite || multipartStart) {
                for (String header : ENCRYPTION_HEADERS) {
                    String value = request.getHeader(header);
                    if (value != null) {
                        asked.put(header, value);
                    }
                }
                asked.forEach(response::setHeader);
            } else if ("GET".equals(method) || "HEAD".equals(method)) {
                encryption.getOrDefault(object, Map.of()).forEach(response::setHeader);
            }
            super.handle(target, baseRequest, request, response);
            if (response.getStatus() / 100 != 2) {
                return;
            }
            if (objectWrite || multipartStart) {
                if (asked.isEmpty()) {
                    encryption.remove(object);
                } else {
                    encryption.put(object, Map.copyOf(asked));
                }
            } else if ("DELETE".equals(method) && !hasParameter(query, "uploadId")) {
                encryption.remove(object);
            }
        }
    }

    /** "bucket/key" of a path-style object URI, or null for the service or a bucket. */
    private static String objectOf(String rawPath) {
        if (rawPath == null || rawPath.length() < 2) {
            return null;
        }
        String path = URLDecoder.decode(rawPath.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        int slash = path.indexOf('/');
        if (slash < 1 || slash == path.length() - 1) {
            return null;
        }
        return objectId(path.substring(0, slash), path.substring(slash + 1));
    }

    /** The bucket of a path-style URI, or null for the service. */
    private static String bucketOf(String rawPath) {
        if (rawPath == null || rawPath.length() < 2) {
            return null;
        }
        String path = rawPath.substring(1);
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    private static long parseLong(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String objectId(String bucket, String key) {
        return bucket + "/" + key;
    }

    private static boolean hasParameter(String query, String name) {
        for (String parameter : query.split("&")) {
            if (parameter.equals(name) || parameter.startsWith(name + "=")) {
                return true;
            }
        }
        return false;
    }

    private static void putIfSet(Map<String, String> map, String name, Object value) {
        if (value != null) {
            map.put(name, value.toString());
        }
    }

    private static byte[] randomBytes(SecureRandom random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
