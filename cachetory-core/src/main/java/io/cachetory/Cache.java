package io.cachetory;

import io.cachetory.backend.Backend;
import io.cachetory.backend.Backends;
import io.cachetory.backend.DummyBackend;
import io.cachetory.backend.LeaseBackend;
import io.cachetory.backend.MemoryBackend;
import io.cachetory.backend.NearBackend;
import io.cachetory.serializer.NoopSerializer;
import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A synchronous cache: a {@link Serializer} over a {@link Backend}, every key prefixed with
 * {@link #prefix()}. The Java form of Python cachetory's {@code Cache}.
 *
 * <p>Rules: a {@code null} key → {@link NullPointerException}; a {@code null} value →
 * {@link IllegalArgumentException}; a ttl that is zero or negative → {@link IllegalArgumentException}
 * ({@code null} means eternal). Empty values ({@code ""}, {@code new byte[0]}) are stored and returned.
 * Bytes that do not decode make {@code get} throw {@link SerializationException}; a value written by
 * classes whose structure differs from this JVM's ({@link StructureMismatchException}) is absent:
 * {@code get} answers {@code null}, {@code getMany} leaves it out. The cache never deletes on its own. Backend failures throw {@link BackendException}.
 *
 * <p>Implementations are thread-safe.
 *
 * @param <V> the value type
 */
public interface Cache<V> extends AutoCloseable {

    /** A cache over {@code backend} writing values through {@code serializer}, without a prefix. */
    static <V, W> Cache<V> of(Serializer<V, W> serializer, Backend<W> backend) {
        return of(serializer, backend, "");
    }

    /**
     * A cache over {@code backend} whose backend keys are all {@code prefix + key}. Over a
     * {@link NearBackend} that keeps a near layer, reads are answered from that layer first and
     * writes keep their decoded values there.
     */
    static <V, W> Cache<V> of(Serializer<V, W> serializer, Backend<W> backend, String prefix) {
        if (backend instanceof NearBackend && ((NearBackend<W>) backend).keepsNear()) {
            return new NearFrontedCache<>(serializer, (NearBackend<W>) backend, prefix);
        }
        return new DefaultCache<>(serializer, backend, prefix);
    }

    /**
     * A cache from URLs, such as {@code fromUrl("redis://localhost:6379/0", "kryo+zstd://")}.
     *
     * @param serializerUrl {@code null} picks the default: {@code noop://} over memory and dummy,
     *     {@code kryo://} over byte backends
     * @throws IllegalArgumentException naming an unknown scheme, parameter or bad value
     */
    static <V> Cache<V> fromUrl(String backendUrl, String serializerUrl) {
        String serializerText = Backends.serializerUrlFor(backendUrl, serializerUrl);
        Serializer<V, Object> serializer = Serializers.fromUrl(serializerText);
        Backend<Object> backend = Backends.fromUrl(backendUrl);
        return of(serializer, backend);
    }

    /** {@code memory://} + {@code noop://}: an in-process cache of at most 10000 entries. */
    static <V> Cache<V> memory() {
        return of(NoopSerializer.instance(), new MemoryBackend<>());
    }

    /** {@code dummy://} + {@code noop://}: stores nothing. */
    static <V> Cache<V> dummy() {
        return of(NoopSerializer.instance(), new DummyBackend<>());
    }

    /** @return the value, or {@code null} when missing */
    V get(String key);

    /** @return the value, or {@code defaultValue} when missing */
    V get(String key, V defaultValue);

    /** @throws NoSuchElementException naming the key when missing */
    V getOrThrow(String key);

    /** @return the present entries, keyed as the caller gave them; missing keys are omitted */
    Map<String, V> getMany(String... keys);

    /** @return the present entries, keyed as the caller gave them; missing keys are omitted */
    Map<String, V> getMany(Collection<String> keys);

    /** Stores an eternal entry. @return true (false only with {@code ifNotExists} elsewhere) */
    boolean set(String key, V value);

    /** @param ttl positive, or {@code null} for eternal */
    boolean set(String key, V value, Duration ttl);

    /** @return false when {@code ifNotExists} and the key already holds a value */
    boolean set(String key, V value, Duration ttl, boolean ifNotExists);

    void setMany(Map<String, ? extends V> items);

    /** @param ttl positive, or {@code null} for eternal */
    void setMany(Map<String, ? extends V> items, Duration ttl);

    /** Sets the ttl of an existing key; {@code null} makes it eternal; a missing key is left alone. */
    void expireIn(String key, Duration ttl);

    /** @return true if the key existed */
    boolean delete(String key);

    void deleteMany(String... keys);

    /** With a prefix deletes only keys under the prefix; without one, everything the backend sees. */
    void clear();

    /** @return the prefix of every backend key ({@code ""} for none) */
    String prefix();

    /**
     * The lease capability of the backend under this cache, for single-flight across processes
     * ({@code @Cached(singleFlight = FLEET)}); lease keys given to it are backend keys, so prefix
     * them with {@link #prefix()}.
     *
     * @return the backend as a {@link LeaseBackend}, or {@code null} when it has none (in-process
     *     backends, caches that do not sit directly on a backend)
     */
    default LeaseBackend leases() {
        return null;
    }

    /**
     * Whether values leave this JVM's heap as bytes written by a serializer (every serializer but
     * {@code noop://}), so that other JVMs, and other versions of the code, may read them. Memoization
     * then puts a tag of the method's return type structure and {@code version} in its keys
     * ({@code <prefix>#<tag>:<args>}); a cache holding live objects ({@code memory://} +
     * {@code noop://}) keeps the plain keys. The default, for caches implemented elsewhere, is
     * {@code true}: the safe answer when it is not known who else reads the store.
     */
    default boolean storesBytes() {
        return true;
    }

    /**
     * Lets this cache's serializer read back the classes of {@code type} (its raw class, generic
     * arguments and their packages; see {@link io.cachetory.serializer.Serializer#allowDeclaredType}).
     * Memoization declares each method's return type to the caches the method uses, so that what it
     * stores can be read back; declare a type yourself to read a value class the allow-list does not
     * name through this cache. Caches implemented elsewhere ignore it (the default).
     */
    default void allowDeclaredType(java.lang.reflect.Type type) {}

    /** Closes the backend. */
    @Override
    void close();
}
