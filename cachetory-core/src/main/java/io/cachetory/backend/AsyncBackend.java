package io.cachetory.backend;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous twin of {@link Backend}: same operations and rules, each answered by a future
 * that fails with {@link io.cachetory.BackendException} on backend failure. No method blocks the
 * calling thread on I/O. Implementations are thread-safe.
 */
public interface AsyncBackend<W> extends AutoCloseable {
    CompletableFuture<W> get(String key);

    CompletableFuture<Map<String, W>> getMany(Collection<String> keys);

    CompletableFuture<Boolean> set(String key, W value, Duration ttl, boolean ifNotExists);

    CompletableFuture<Void> setMany(Map<String, ? extends W> items, Duration ttl);

    CompletableFuture<Void> expireIn(String key, Duration ttl);

    CompletableFuture<Boolean> delete(String key);

    CompletableFuture<Void> deleteMany(Collection<String> keys);

    CompletableFuture<Void> clear();

    CompletableFuture<Void> clearPrefix(String prefix);

    /** Releases connections and threads; idempotent. */
    @Override
    void close();
}
