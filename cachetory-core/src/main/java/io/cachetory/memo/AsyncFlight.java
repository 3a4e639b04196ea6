package io.cachetory.memo;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * An asynchronous read-then-load in progress for one key. Kept until the store is done, so a caller
 * arriving after the result but before the write still shares it rather than loading again.
 */
final class AsyncFlight {
    final CompletableFuture<Object> result = new CompletableFuture<>();
    /** Completes with whether the read was a hit: callers that join count as its outcome. */
    final CompletableFuture<Boolean> readHit = new CompletableFuture<>();
    /** The thread running the body's synchronous part (until it returns its future), else null. */
    private volatile Thread starting;

    /**
     * Starts the load's body on this thread, marked as this flight's: a call with the same key that
     * the body makes before returning its future must not join the flight (it would wait for itself).
     */
    CompletableFuture<Object> start(Supplier<CompletableFuture<Object>> body) {
        starting = Thread.currentThread();
        try {
            return body.get();
        } finally {
            starting = null;
        }
    }

    /** @return whether the current thread is inside this flight's body (a recursive call with the same key) */
    boolean startedHere() {
        return starting == Thread.currentThread();
    }

    /**
     * A recursive call with the same key: runs its own body past the flight and the cache (SPEC 3.3),
     * counted as a miss and a load.
     */
    static CompletableFuture<Object> ownLoad(Binding b, Supplier<CompletableFuture<Object>> body) {
        b.counters.misses.increment();
        CompletableFuture<Object> loaded = body.get();
        loaded.whenComplete((r, t) -> (t == null ? b.counters.loads : b.counters.loadFailures).increment());
        return loaded;
    }
}
