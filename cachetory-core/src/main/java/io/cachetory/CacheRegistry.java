package io.cachetory;

/**
 * The named caches that {@code @Cached(cache = "name")} refers to. A name not registered is built on
 * first use from configuration ({@code cachetory.properties}, environment, system properties); the
 * name {@code default} is {@code memory://} + {@code noop://} unless configured; a name neither
 * registered nor configured is an {@link IllegalArgumentException}.
 *
 * <p>Thread-safe. Registering a name again replaces the cache (and starts its counters at zero);
 * the caller owns and closes what it registered.
 */
public interface CacheRegistry {
    /** Registers (or replaces) a synchronous cache; asynchronous users get it through an adapter. */
    void register(String name, Cache<?> cache);

    /** Registers (or replaces) an asynchronous cache; synchronous users get it through an adapter. */
    void register(String name, AsyncCache<?> cache);

    /** @throws IllegalArgumentException when the name is neither registered nor configured */
    <V> Cache<V> cache(String name);

    /** @throws IllegalArgumentException when the name is neither registered nor configured */
    <V> AsyncCache<V> asyncCache(String name);

    /** @return the counters of the name; zeros for a name not used yet */
    CacheStats stats(String name);
}
