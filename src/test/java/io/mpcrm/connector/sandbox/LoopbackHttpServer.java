package io.mpcrm.connector.sandbox;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The JDK's HTTP server as the sandboxes use it, answering without Nagle's delay. Without it each response's headers
 * and body leave in two segments and the second waits for the client's delayed ACK (40 ms on Linux loopback), so a
 * Salesforce call cost the sandbox 40 ms that the real API does not, and row 5 of the benchmark measured that wait.
 */
public final class LoopbackHttpServer {

    static {
        // Read once, when the JDK's server implementation first loads: set before any server of this JVM is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private LoopbackHttpServer() {
    }

    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        return HttpServer.create(address, backlog);
    }

    /** The same over TLS, presenting the certificate of {@code tls}. */
    public static HttpsServer createHttps(InetSocketAddress address, int backlog, SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(address, backlog);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return server;
    }

    /**
     * An {@code application/x-www-form-urlencoded} string (a query string or a form body) as a map, in order; a name
     * without {@code =} has the empty value; null or empty gives an empty map.
     */
    public static Map<String, String> parseForm(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
