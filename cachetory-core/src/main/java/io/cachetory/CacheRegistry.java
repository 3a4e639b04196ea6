package io.cachetory;

import java.util.Set;
import java.util.function.Consumer;

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

    /**
     * Registers (or replaces) both faces of one store: synchronous memoized methods and {@link #cache}
     * use {@code cache}, asynchronous ones and {@link #asyncCache} use {@code async}. The two should
     * read and write the same entries (built from the same URLs), as a configured name's faces do.
     */
    void register(String name, Cache<?> cache, AsyncCache<?> async);

    /** @throws IllegalArgumentException when the name is neither registered nor configured */
    <V> Cache<V> cache(String name);

    /** @throws IllegalArgumentException when the name is neither registered nor configured */
    <V> AsyncCache<V> asyncCache(String name);

    /** @return the counters of the name; zeros for a name not used yet */
    CacheStats stats(String name);

    /**
     * @return the names held now (registered, or built from configuration by a first use), an
     *     immutable snapshot; a name only configured and not used yet is not among them
     */
    Set<String> names();

    /**
     * Calls {@code listener} with each name the registry gains from now on (registered, or built from
     * configuration on first use), once per name, on the thread that adds it, after the name is
     * visible in {@link #names()}. Registering a held name again does not call it. A listener that
     * throws is logged and does not fail the registration. To see every name without a gap, add the
     * listener first, then walk {@link #names()} (a name may then be seen twice).
     */
    void addNameListener(Consumer<String> listener);

    /** Stops calling a listener added with {@link #addNameListener}; an unknown listener is ignored. */
    void removeNameListener(Consumer<String> listener);
}
