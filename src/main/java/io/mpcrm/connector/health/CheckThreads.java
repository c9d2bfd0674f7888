package io.mpcrm.connector.health;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads for readiness checks, so that a check that hangs past its timeout never holds up a shutdown. */
final class CheckThreads {

    private CheckThreads() {
    }

    static ExecutorService named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
