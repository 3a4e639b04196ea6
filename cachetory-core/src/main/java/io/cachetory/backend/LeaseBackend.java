package io.cachetory.backend;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * An optional capability of a {@link Backend} shared by several processes: short leases, so that
 * one caller in a whole fleet loads a missing entry while the others wait for it
 * ({@code @Cached(singleFlight = FLEET)}).
 *
 * <p>A lease is an entry of its own under a key the caller chooses (memoization uses
 * {@code <entry key>.lock}), holding the holder's random token and expiring after the lease
 * duration, so a lease dies with a holder that dies. Only its holder releases it: release is a
 * compare-and-delete, never a plain delete that could remove the next holder's lease.
 *
 * <p>The Redis backends implement it ({@code SET NX PX} semantics and a compare-and-delete, each one
 * round trip through a Lua script). In-process backends do not need it: every caller of a
 * {@code memory://} cache is in one JVM, where single-flight is already per JVM.
 *
 * <p>Memoization of methods returning futures uses the {@code …Async} forms, so that no thread
 * waits for a lease. Their defaults call the synchronous methods on the calling thread (blocking it
 * for one round trip); a backend whose client is asynchronous overrides them (the Redis backends do).
 *
 * <p>Implementations are thread-safe; failures throw {@link io.cachetory.BackendException}, or for
 * the {@code …Async} forms fail the future with it.
 */
public interface LeaseBackend {
    /**
     * Takes the lease under {@code key} for {@code token} if nobody holds it.
     *
     * @param key the backend key of the lease (already prefixed)
     * @param token the caller's token, unique per attempt
     * @param lease how long the lease lives unless released; positive
     * @return the token of the lease's holder after the call: {@code token} when this call took it
     */
    String tryLease(String key, String token, Duration lease);

    /**
     * Releases the lease under {@code key} if {@code token} still holds it (compare-and-delete).
     *
     * @return whether this call released it; false when it expired or another caller holds it now
     */
    boolean releaseLease(String key, String token);

    /**
     * {@link #tryLease} without waiting for the backend. The default runs {@link #tryLease} on the
     * calling thread (so it blocks that thread for the call) and answers a completed future, failed
     * with what it threw; backends with an asynchronous client override it.
     *
     * @return completes with the token of the lease's holder after the call, or fails with
     *     {@link io.cachetory.BackendException}; completion may come on a client I/O thread
     */
    default CompletableFuture<String> tryLeaseAsync(String key, String token, Duration lease) {
        try {
            return CompletableFuture.completedFuture(tryLease(key, token, lease));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * {@link #releaseLease} without waiting for the backend; the default runs {@link #releaseLease}
     * on the calling thread, as {@link #tryLeaseAsync} does.
     *
     * @return completes with whether this call released the lease, or fails with
     *     {@link io.cachetory.BackendException}; completion may come on a client I/O thread
     */
    default CompletableFuture<Boolean> releaseLeaseAsync(String key, String token) {
        try {
            return CompletableFuture.completedFuture(releaseLease(key, token));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
