package io.mpcrm.connector.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One readiness check of a remote system, bounded by a timeout and remembered for a while: Kubernetes probes every
 * few seconds, and each probe must neither wait on a hanging endpoint nor spend the remote system's allowance.
 */
final class CachedCheck {

    /** What the check found, and when. */
    record Result(boolean up, String detail, Instant checkedAt) {
    }

    /** The check itself: returns a detail for a success, throws for a failure. */
    interface Probe {
        String run() throws Exception;
    }

    private final Probe probe;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private final Executor executor;
    private Result last;

    CachedCheck(Probe probe, Duration timeout, Duration cacheFor, Clock clock, Executor executor) {
        this.probe = probe;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
        this.executor = executor;
    }

    synchronized Result result() {
        if (last != null && last.checkedAt().plus(cacheFor).isAfter(clock.instant())) {
            return last;
        }
        last = runOnce();
        return last;
    }

    private Result runOnce() {
        CompletableFuture<String> run = CompletableFuture.supplyAsync(() -> {
            try {
                return probe.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, executor);
        try {
            return new Result(true, run.get(timeout.toMillis(), TimeUnit.MILLISECONDS), clock.instant());
        } catch (TimeoutException e) {
            run.cancel(true);
            return new Result(false, "no answer within " + timeout.toMillis() + " ms", clock.instant());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof IllegalStateException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            return new Result(false, cause.getClass().getSimpleName() + ": " + cause.getMessage(), clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted", clock.instant());
        }
    }
}
