package io.mpcrm.connector.sandbox.salesforce;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small test-side REST client for a Salesforce org (the sandbox or any other): client-credentials login, then
 * create / get / update / delete / query over HTTP. Re-logs in once on 401.
 */
public final class SandboxOrgRestClient {

    /** A non-2xx answer from the org. */
    public static final class ApiException extends RuntimeException {
        private final int status;
        private final String body;

        ApiException(int status, String body) {
            super("HTTP " + status + ": " + body);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }

        /** The first {@code errorCode} of a Salesforce error array, or null. */
        public String errorCode() {
            try {
                JsonNode n = JSON.readTree(body);
                return n.isArray() && n.size() > 0 ? n.get(0).path("errorCode").asText(null) : null;
            } catch (IOException e) {
                return null;
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String loginUrl;
    private final String clientId;
    private final String clientSecret;
    private final String apiVersion;
    /** For a person's session: logs them in again; null for the client-credentials login. */
    private final Supplier<String> session;
    private volatile String accessToken;
    private volatile String instanceUrl;

    public SandboxOrgRestClient(String loginUrl, String clientId, String clientSecret, String apiVersion) {
        this(loginUrl, clientId, clientSecret, apiVersion, null);
    }

    private SandboxOrgRestClient(String loginUrl, String clientId, String clientSecret, String apiVersion,
                                 Supplier<String> session) {
        this.loginUrl = loginUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.apiVersion = apiVersion;
        this.session = session;
    }

    /** A client for the sandbox's integration user, API version 62.0. */
    public static SandboxOrgRestClient forSandbox(SandboxOrg org) {
        return new SandboxOrgRestClient(org.loginUrl(), org.clientId(), org.clientSecret(), SandboxOrg.DEFAULT_API_VERSION);
    }

    /**
     * A client that reads and writes as one person of the sandbox org, with that person's permission sets and
     * sharing: what they would see and be allowed on the record page.
     */
    public static SandboxOrgRestClient forUser(SandboxOrg org, String userId) {
        return new SandboxOrgRestClient(org.loginUrl(), org.clientId(), null, SandboxOrg.DEFAULT_API_VERSION,
                () -> org.loginAs(userId));
    }

    /** Logs in with client credentials (or, for a person's client, opens their session); returns the token response. */
    public JsonNode login() {
        if (session != null) {
            accessToken = session.get();
            instanceUrl = loginUrl;
            return JSON.createObjectNode().put("access_token", accessToken).put("instance_url", instanceUrl);
        }
        String form = formOf(java.util.Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", clientSecret));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(loginUrl + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (r.statusCode() != 200) {
            throw new ApiException(r.statusCode(), r.body());
        }
        JsonNode token = read(r.body());
        accessToken = token.path("access_token").asText();
        instanceUrl = token.path("instance_url").asText();
        return token;
    }

    public String accessToken() {
        return accessToken;
    }

    public String create(String sobject, Map<String, ?> fields) {
        return read(call("POST", "sobjects/" + sobject, json(fields)).body()).path("id").asText();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> get(String sobject, String id) {
        return JSON.convertValue(read(call("GET", "sobjects/" + sobject + "/" + id, null).body()), LinkedHashMap.class);
    }

    public void update(String sobject, String id, Map<String, ?> fields) {
        call("PATCH", "sobjects/" + sobject + "/" + id, json(fields));
    }

    public void delete(String sobject, String id) {
        call("DELETE", "sobjects/" + sobject + "/" + id, null);
    }

    /** Runs SOQL and follows nextRecordsUrl; returns every record (with attributes). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> query(String soql) {
        List<Map<String, Object>> out = new ArrayList<>();
        JsonNode page = read(call("GET", "query/?q=" + enc(soql).replace("+", "%20"), null).body());
        while (true) {
            for (JsonNode r : page.path("records")) {
                out.add(JSON.convertValue(r, LinkedHashMap.class));
            }
            if (page.path("done").asBoolean(true)) {
                return out;
            }
            page = read(callAbsolute("GET", instanceUrl + page.path("nextRecordsUrl").asText(), null, Map.of()).body());
        }
    }

    /** Any call relative to {@code /services/data/vXX.X/}; throws {@link ApiException} on non-2xx. */
    public HttpResponse<String> call(String method, String relativePath, String body) {
        return call(method, relativePath, body, Map.of());
    }

    public HttpResponse<String> call(String method, String relativePath, String body, Map<String, String> headers) {
        if (accessToken == null) {
            login();
        }
        return callAbsolute(method, instanceUrl + "/services/data/v" + apiVersion + "/" + relativePath, body, headers);
    }

    private HttpResponse<String> callAbsolute(String method, String url, String body, Map<String, String> headers) {
        HttpResponse<String> r = sendOnce(method, url, body, headers);
        if (r.statusCode() == 401) {
            login();
            r = sendOnce(method, url, body, headers);
        }
        if (r.statusCode() >= 300) {
            throw new ApiException(r.statusCode(), r.body());
        }
        return r;
    }

    private HttpResponse<String> sendOnce(String method, String url, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return send(b.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String formOf(java.util.Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(java.util.stream.Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
