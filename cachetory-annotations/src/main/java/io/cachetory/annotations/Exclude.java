package io.cachetory.annotations;

/**
 * Decides per result whether a {@link Cached} call's result is left out of the cache. Implementations
 * need a public no-arg constructor; one instance is made per method and called concurrently, so it
 * must be thread-safe.
 */
public interface Exclude {
    /**
     * @param key the full cache key of the call
     * @param value the result (may be null when {@code cacheNull} is set)
     * @return true to not store the result
     */
    boolean test(String key, Object value);
}
