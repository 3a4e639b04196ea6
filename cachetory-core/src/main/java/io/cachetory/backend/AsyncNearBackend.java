package io.cachetory.backend;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous twin of {@link NearBackend}: an {@link AsyncBackend} that can keep decoded values
 * near, consulted by the facade made by {@link io.cachetory.AsyncCache#of} when {@link #keepsNear()}
 * is true. Same rules as {@link NearBackend}; no method blocks the calling thread on I/O.
 * Implementations are thread-safe.
 *
 * @param <W> what the backend stores
 */
public interface AsyncNearBackend<W> extends AsyncBackend<W> {
    /** @return whether this backend keeps a near layer (fixed for its lifetime) */
    boolean keepsNear();

    /** @return the decoded value kept near for the key, or {@code null}; never does I/O */
    Object getNear(String key);

    /** As {@link #get}, one round trip, with a way to keep the decoded value near. */
    CompletableFuture<NearRead<W>> readForNear(String key);

    /** As {@link #set}, and when stored keeps {@code value} (the decoded form of {@code data}) near. */
    CompletableFuture<Boolean> setNear(String key, W data, Object value, Duration ttl, boolean ifNotExists);
}
