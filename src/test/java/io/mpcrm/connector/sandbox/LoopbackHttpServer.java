package io.mpcrm.connector.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

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
}
