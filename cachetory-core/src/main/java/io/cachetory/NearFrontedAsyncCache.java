package io.cachetory;

import io.cachetory.backend.AsyncNearBackend;
import io.cachetory.backend.NearRead;
import io.cachetory.serializer.Serializer;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The asynchronous facade over an {@link AsyncNearBackend} that keeps a near layer: a near hit
 * answers with an already completed future (no I/O, no deserialization, the shared decoded
 * instance); a miss reads through the backend, decodes (on the serialize executor when there is
 * one) and hands the value back; {@code set} keeps what it wrote. Every other operation is the plain
 * facade's: the backend keeps its layer coherent with them. Thread-safe.
 */
final class NearFrontedAsyncCache<V, W> implements AsyncCache<V> {
    private final DefaultAsyncCache<V, W> plain;
    private final Serializer<V, W> serializer;
    private final AsyncNearBackend<W> backend;
    private final String prefix;
    private final Executor serializeExecutor;

    NearFrontedAsyncCache(DefaultAsyncCache<V, W> plain, AsyncNearBackend<W> backend) {
        this.plain = plain;
        this.serializer = plain.serializer();
        this.backend = backend;
        this.prefix = plain.prefix();
        this.serializeExecutor = plain.serializeExecutor();
    }

    private String fullKey(String key) {
        Objects.requireNonNull(key, "key");
        return prefix.isEmpty() ? key : prefix.concat(key);
    }

    private V decodeAndKeep(NearRead<W> read) {
        W data = read.data();
        if (data == null) {
            return null;
        }
        V value = serializer.deserialize(data);
        read.keep(value);
        return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<V> get(String key) {
        String full = fullKey(key);
        Object near = backend.getNear(full);
        if (near != null) {
            return CompletableFuture.completedFuture((V) near);
        }
        CompletableFuture<NearRead<W>> read = backend.readForNear(full);
        return serializeExecutor == null ? read.thenApply(this::decodeAndKeep) : read.thenApplyAsync(this::decodeAndKeep, serializeExecutor);
    }

    @Override
    public CompletableFuture<V> get(String key, V defaultValue) {
        return get(key).thenApply(v -> v != null ? v : defaultValue);
    }

    @Override
    public CompletableFuture<V> getOrThrow(String key) {
        return get(key).thenApply(v -> {
            if (v == null) {
                throw new CompletionException(new NoSuchElementException("no entry for key '" + key + "'"));
            }
            return v;
        });
    }

    @Override
    public CompletableFuture<Map<String, V>> getMany(String... keys) {
        return plain.getMany(keys);
    }

    @Override
    public CompletableFuture<Map<String, V>> getMany(Collection<String> keys) {
        return plain.getMany(keys);
    }

    @Override
    public CompletableFuture<Boolean> set(String key, V value) {
        return set(key, value, null, false);
    }

    @Override
    public CompletableFuture<Boolean> set(String key, V value, Duration ttl) {
        return set(key, value, ttl, false);
    }

    @Override
    public CompletableFuture<Boolean> set(String key, V value, Duration ttl, boolean ifNotExists) {
        String full = fullKey(key);
        DefaultCache.checkValue(key, value);
        DefaultCache.checkTtl(ttl);
        return plain.serializing(() -> serializer.serialize(value))
                .thenCompose(data -> backend.setNear(full, data, value, ttl, ifNotExists));
    }

    @Override
    public CompletableFuture<Void> setMany(Map<String, ? extends V> items) {
        return plain.setMany(items);
    }

    @Override
    public CompletableFuture<Void> setMany(Map<String, ? extends V> items, Duration ttl) {
        return plain.setMany(items, ttl);
    }

    @Override
    public CompletableFuture<Void> expireIn(String key, Duration ttl) {
        return plain.expireIn(key, ttl);
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return plain.delete(key);
    }

    @Override
    public CompletableFuture<Void> deleteMany(String... keys) {
        return plain.deleteMany(keys);
    }

    @Override
    public CompletableFuture<Void> clear() {
        return plain.clear();
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public void allowDeclaredType(java.lang.reflect.Type type) {
        plain.allowDeclaredType(type);
    }

    @Override
    public void close() {
        plain.close();
    }

    @Override
    public String toString() {
        return plain.toString();
    }
}
