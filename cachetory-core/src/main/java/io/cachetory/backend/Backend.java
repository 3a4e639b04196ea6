package io.cachetory.backend;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * A synchronous key-value store that a {@link io.cachetory.Cache} sits on. Keys arrive fully
 * prefixed. Implementations are thread-safe. Failures throw {@link io.cachetory.BackendException}.
 *
 * @param <W> what the backend stores ({@code byte[]} for remote backends, any object in memory)
 */
public interface Backend<W> extends AutoCloseable {
    /** @return the value, or {@code null} when missing or expired */
    W get(String key);

    /** @return the present entries only, keyed as given; an empty input makes no call */
    Map<String, W> getMany(Collection<String> keys);

    /**
     * @param ttl positive, or {@code null} for an eternal entry
     * @param ifNotExists store only when no live entry exists
     * @return whether the value was stored
     */
    boolean set(String key, W value, Duration ttl, boolean ifNotExists);

    /** @param ttl positive, or {@code null} for eternal entries */
    void setMany(Map<String, ? extends W> items, Duration ttl);

    /** Sets the ttl of an existing entry ({@code null} = eternal); a missing key is left alone. */
    void expireIn(String key, Duration ttl);

    /** @return whether the key existed */
    boolean delete(String key);

    void deleteMany(Collection<String> keys);

    /** Deletes everything this backend can see (Redis: {@code FLUSHDB} of its database). */
    void clear();

    /** Deletes only keys starting with {@code prefix}. */
    void clearPrefix(String prefix);

    /** Releases connections and threads; idempotent. */
    @Override
    void close();
}
