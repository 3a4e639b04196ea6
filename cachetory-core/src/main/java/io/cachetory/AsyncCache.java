package io.cachetory;

import io.cachetory.backend.AsyncBackend;
import io.cachetory.backend.AsyncNearBackend;
import io.cachetory.backend.Backends;
import io.cachetory.backend.DummyBackend;
import io.cachetory.backend.MemoryBackend;
import io.cachetory.serializer.NoopSerializer;
import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The asynchronous twin of {@link Cache}: the same operations and rules, each answered by a
 * {@link CompletableFuture}. No method blocks the calling thread on I/O.
 *
 * <p>Argument errors (a {@code null} key or value, a ttl that is not positive) are thrown at once,
 * as by {@link Cache}; backend and serializer failures complete the future exceptionally with
 * {@link BackendException} or {@link SerializationException}. With a {@code serializeExecutor},
 * (de)serialization runs on it; without one, on the thread that completes the backend's future.
 *
 * <p>Implementations are thread-safe.
 */
public interface AsyncCache<V> extends AutoCloseable {

    static <V, W> AsyncCache<V> of(Serializer<V, W> serializer, AsyncBackend<W> backend) {
        return of(serializer, backend, "", null);
    }

    static <V, W> AsyncCache<V> of(Serializer<V, W> serializer, AsyncBackend<W> backend, String prefix) {
        return of(serializer, backend, prefix, null);
    }

    /**
     * @param serializeExecutor where (de)serialization runs; {@code null} = the completing thread.
     *     Over an {@link AsyncNearBackend} that keeps a near layer, reads are answered from that
     *     layer first (an already completed future) and writes keep their decoded values there.
     */
    static <V, W> AsyncCache<V> of(Serializer<V, W> serializer, AsyncBackend<W> backend, String prefix, Executor serializeExecutor) {
        if (backend instanceof AsyncNearBackend && ((AsyncNearBackend<W>) backend).keepsNear()) {
            return new NearFrontedAsyncCache<>(serializer, (AsyncNearBackend<W>) backend, prefix, serializeExecutor);
        }
        return new DefaultAsyncCache<>(serializer, backend, prefix, serializeExecutor);
    }

    /**
     * The asynchronous face of a synchronous cache (an in-process one, or one registered for both
     * kinds of users): each operation runs at once on the caller's thread and answers with an
     * already completed future, failed when the cache threw. Prefix, {@link #storesBytes()} and
     * declared types are the cache's; closing it closes the cache.
     */
    static <V> AsyncCache<V> of(Cache<V> cache) {
        return new SyncBackedAsyncCache<>(cache);
    }

    /** As {@link Cache#fromUrl}, over {@link Backends#asyncFromUrl}. */
    static <V> AsyncCache<V> fromUrl(String backendUrl, String serializerUrl) {
        String serializerText = Backends.serializerUrlFor(backendUrl, serializerUrl);
        Serializer<V, Object> serializer = Serializers.fromUrl(serializerText);
        AsyncBackend<Object> backend = Backends.asyncFromUrl(backendUrl);
        return of(serializer, backend);
    }

    /** {@code memory://} + {@code noop://}; every future is already complete. */
    static <V> AsyncCache<V> memory() {
        return of(NoopSerializer.instance(), Backends.asAsync(new MemoryBackend<>()));
    }

    /** {@code dummy://} + {@code noop://}. */
    static <V> AsyncCache<V> dummy() {
        return of(NoopSerializer.instance(), Backends.asAsync(new DummyBackend<>()));
    }

    /** Completes with the value, or {@code null} when missing. */
    CompletableFuture<V> get(String key);

    CompletableFuture<V> get(String key, V defaultValue);

    /** Completes exceptionally with {@link java.util.NoSuchElementException} when missing. */
    CompletableFuture<V> getOrThrow(String key);

    CompletableFuture<Map<String, V>> getMany(String... keys);

    CompletableFuture<Map<String, V>> getMany(Collection<String> keys);

    CompletableFuture<Boolean> set(String key, V value);

    CompletableFuture<Boolean> set(String key, V value, Duration ttl);

    CompletableFuture<Boolean> set(String key, V value, Duration ttl, boolean ifNotExists);

    CompletableFuture<Void> setMany(Map<String, ? extends V> items);

    CompletableFuture<Void> setMany(Map<String, ? extends V> items, Duration ttl);

    CompletableFuture<Void> expireIn(String key, Duration ttl);

    CompletableFuture<Boolean> delete(String key);

    CompletableFuture<Void> deleteMany(String... keys);

    /** With a prefix deletes only keys under the prefix. */
    CompletableFuture<Void> clear();

    String prefix();

    /** As {@link Cache#storesBytes()}: whether values are stored as bytes a serializer wrote (default {@code true}). */
    default boolean storesBytes() {
        return true;
    }

    /** As {@link Cache#allowDeclaredType}. */
    default void allowDeclaredType(java.lang.reflect.Type type) {}

    /** Closes the backend. */
    @Override
    void close();
}
