package io.mpcrm.connector.sandbox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The order the sandboxes stop in when the JVM exits (Ctrl-C on the sandbox run): first whatever uses them (the
 * connector, which then ends its Pub/Sub subscription and logs out of the org while both still answer), then the
 * sandboxes. The JVM starts every shutdown hook at once, so each sandbox's hook first stops the users registered
 * here; closing a Spring context from several threads is safe (the second caller waits for the first).
 */
public final class SandboxExit {

    private static final List<AutoCloseable> USERS = new CopyOnWriteArrayList<>();

    private SandboxExit() {
    }

    /** {@code user} is stopped before any sandbox closes when the JVM exits. */
    public static void stopFirst(AutoCloseable user) {
        USERS.add(user);
    }

    /** Closes {@code sandbox} when the JVM exits, after the registered users have stopped. */
    static void closeAtExit(AutoCloseable sandbox) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopUsers();
            close(sandbox);
        }, "sandbox-exit"));
    }

    private static void stopUsers() {
        USERS.forEach(SandboxExit::close);
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Stopping anyway: the JVM is exiting, and the closeable has said what went wrong in its own log.
        }
    }
}
