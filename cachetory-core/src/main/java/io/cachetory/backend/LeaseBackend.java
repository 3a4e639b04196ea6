package io.cachetory.backend;

import java.time.Duration;

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
 * <p>Implementations are thread-safe; failures throw {@link io.cachetory.BackendException}.
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
}
