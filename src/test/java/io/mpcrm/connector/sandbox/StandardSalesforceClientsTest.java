package io.mpcrm.connector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesforce.eventbus.protobuf.PubSubGrpc;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import io.mpcrm.connector.sandbox.salesforce.SandboxPubSub;
import io.mpcrm.connector.sandbox.salesforce.SandboxTls;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer does with what the sandbox run prints: a Java HTTPS client (the JDK's HttpClient) and grpc-java,
 * each trusting nothing but the CA certificate the run writes as PEM, against the sandbox org the run starts
 * ({@link SandboxSalesforce}): the OAuth login, the REST API, UserInfo and the identity URL, and the Pub/Sub API, whose
 * errors carry the trailers Salesforce documents.
 */
class StandardSalesforceClientsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "/event/Marketplace_Request_Event__e";

    @TempDir
    Path dir;

    private final SandboxOrg org = SandboxSalesforce.org();
    private final SandboxPubSub pubsub = SandboxSalesforce.pubsub();
    private Path pem;
    private HttpClient http;
    private ManagedChannel channel;

    @BeforeEach
    void trustOnlyTheWrittenCertificate() throws Exception {
        pem = SandboxTls.install().writeCaPem(dir.resolve("sandbox-ca.pem"));
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry("sandbox", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(tls).build();
        ChannelCredentials credentials = TlsChannelCredentials.newBuilder().trustManager(pem.toFile()).build();
        channel = Grpc.newChannelBuilderForAddress(pubsub.host(), pubsub.port(), credentials).build();
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private JsonNode login() throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(org.clientId(),
                StandardCharsets.UTF_8) + "&client_secret=" + URLEncoder.encode(org.clientSecret(), StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(org.loginUrl() + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void logsInOverHttpsAndQueriesTheRestApi() throws Exception {
        JsonNode token = login();
        String instance = token.path("instance_url").asText();
        assertThat(instance).startsWith("https://");
        assertThat(token.path("id").asText()).startsWith("https://");

        HttpResponse<String> query = get(instance + "/services/data/v62.0/query/?q="
                + URLEncoder.encode("SELECT Id, Username FROM User", StandardCharsets.UTF_8),
                token.path("access_token").asText());
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(query.body()).path("records").findValuesAsText("Username"))
                .contains(org.integrationUsername());

        // REST errors keep Salesforce's shape: an array of {message, errorCode, fields}.
        HttpResponse<String> missing = get(instance + "/services/data/v62.0/sobjects/No_Such_Object__c/a00000000000001",
                token.path("access_token").asText());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path(0).path("errorCode").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void userInfoAndTheIdentityUrlNameTheOrgAndTheUser() throws Exception {
        JsonNode token = login();
        String access = token.path("access_token").asText();

        HttpResponse<String> userInfo = get(org.loginUrl() + "/services/oauth2/userinfo", access);
        assertThat(userInfo.statusCode()).as(userInfo.body()).isEqualTo(200);
        JsonNode info = JSON.readTree(userInfo.body());
        assertThat(info.path("organization_id").asText()).isEqualTo(org.orgId());
        assertThat(info.path("user_id").asText()).isEqualTo(org.integrationUserId());
        assertThat(info.path("preferred_username").asText()).isEqualTo(org.integrationUsername());
        assertThat(info.path("sub").asText()).isEqualTo(token.path("id").asText());
        assertThat(info.path("urls").path("rest").asText()).isEqualTo(org.instanceUrl() + "/services/data/v{version}/");

        HttpResponse<String> identity = get(token.path("id").asText() + "?version=62.0", access);
        assertThat(identity.statusCode()).as(identity.body()).isEqualTo(200);
        JsonNode id = JSON.readTree(identity.body());
        assertThat(id.path("id").asText()).isEqualTo(token.path("id").asText());
        assertThat(id.path("organization_id").asText()).isEqualTo(org.orgId());
        assertThat(id.path("username").asText()).isEqualTo(org.integrationUsername());
        assertThat(id.path("asserted_user").asBoolean()).isTrue();
        assertThat(id.path("urls").path("query").asText()).isEqualTo(org.instanceUrl() + "/services/data/v62.0/query/");

        assertThat(get(org.loginUrl() + "/services/oauth2/userinfo", "00Dbogus!token").statusCode()).isEqualTo(403);
    }

    @Test
    void theDefaultCasAloneDoNotTrustTheSandbox() throws Exception {
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore cacerts = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security",
                "cacerts"))) {
            cacerts.load(in, null);
        }
        jdk.init(cacerts);
        SSLContext plain = SSLContext.getInstance("TLS");
        plain.init(null, jdk.getTrustManagers(), null);
        HttpClient untrusting = HttpClient.newBuilder().sslContext(plain).build();
        assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create(org.loginUrl()
                + "/services/data")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void pubSubTakesTheOrgIdAsSalesforceDocumentsIt() throws Exception {
        JsonNode token = login();
        JsonNode info = JSON.readTree(get(org.loginUrl() + "/services/oauth2/userinfo",
                token.path("access_token").asText()).body());
        String orgId = info.path("organization_id").asText();
        for (String tenant : new String[] {orgId, orgId.substring(0, 15), "core/sandbox/" + orgId.substring(0, 15)}) {
            TopicInfo topic = pubsub(token, tenant).getTopic(TopicRequest.newBuilder().setTopicName(TOPIC).build());
            assertThat(topic.getTopicName()).as(tenant).isEqualTo(TOPIC);
            assertThat(topic.getCanSubscribe()).isTrue();
        }
    }

    @Test
    void pubSubErrorsCarryAnErrorCodeAndTheRpcId() throws Exception {
        JsonNode token = login();
        String orgId = org.orgId();
        StatusRuntimeException unknown = catchStatus(() -> pubsub(token, orgId)
                .getTopic(TopicRequest.newBuilder().setTopicName("/event/No_Such_Event__e").build()));
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertHandledAsDocumented(unknown);

        StatusRuntimeException wrongOrg = catchStatus(() -> pubsub(token, "00D000000000001AAA")
                .getTopic(TopicRequest.newBuilder().setTopicName(TOPIC).build()));
        assertThat(wrongOrg.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(wrongOrg.getTrailers().get(key("error-code")))
                .isEqualTo("sfdc.platform.eventbus.grpc.service.auth.error");
        assertHandledAsDocumented(wrongOrg);
    }

    /** "Handle Errors": a custom error code and the RPC id in the trailers, the id also after "rpcId: ". */
    private static void assertHandledAsDocumented(StatusRuntimeException e) {
        Metadata trailers = e.getTrailers();
        assertThat(trailers.get(key("error-code"))).startsWith("sfdc.platform.eventbus.grpc.");
        String rpcId = trailers.get(key("rpc-id"));
        assertThat(rpcId).isNotBlank();
        assertThat(e.getStatus().getDescription()).endsWith("rpcId: " + rpcId);
    }

    private static StatusRuntimeException catchStatus(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    private PubSubGrpc.PubSubBlockingStub pubsub(JsonNode token, String tenantId) {
        Metadata headers = new Metadata();
        headers.put(key("accesstoken"), token.path("access_token").asText());
        headers.put(key("instanceurl"), token.path("instance_url").asText());
        headers.put(key("tenantid"), tenantId);
        return PubSubGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }
}
