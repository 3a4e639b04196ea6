package io.cachetory;

import io.cachetory.backend.AsyncNearBackend;
import io.cachetory.backend.NearRead;
import io.cachetory.serializer.Serializer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The asynchronous facade over an {@link AsyncNearBackend} that keeps a near layer: a near hit
 * answers with an already completed future (no I/O, no deserialization, the shared decoded
 * instance); a miss reads through the backend, decodes (on the serialize executor when there is
 * one) and hands the value back; {@code set} keeps what it wrote. Every other operation is the plain
 * facade's: the backend keeps its layer coherent with them. Thread-safe.
 */
final class NearFrontedAsyncCache<V, W> extends DefaultAsyncCache<V, W> {
    private final AsyncNearBackend<W> near;

    NearFrontedAsyncCache(Serializer<V, W> serializer, AsyncNearBackend<W> backend, String prefix, Executor serializeExecutor) {
        super(serializer, backend, prefix, serializeExecutor);
        this.near = backend;
    }

    private V decodeAndKeep(NearRead<W> read) {
        W data = read.data();
        V value = data == null ? null : DefaultCache.read(serializer, data);
        if (value != null) {
            read.keep(value);
        }
        return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<V> get(String key) {
        String full = fullKey(key);
        Object kept = near.getNear(full);
        if (kept != null) {
            return CompletableFuture.completedFuture((V) kept);
        }
        return then(near.readForNear(full), this::decodeAndKeep);
    }

    @Override
    public CompletableFuture<Boolean> set(String key, V value, Duration ttl, boolean ifNotExists) {
        String full = fullKey(key);
        DefaultCache.checkValue(key, value);
        DefaultCache.checkTtl(ttl);
        return serializing(() -> serializer.serialize(value))
                .thenCompose(data -> near.setNear(full, data, value, ttl, ifNotExists));
    }
}
