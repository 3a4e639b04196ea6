package io.cachetory.spring;

import io.cachetory.CacheRegistry;
import io.cachetory.Cachetory;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * A Spring {@link CacheManager} over Cachetory's named caches, so {@code @Cacheable("quotes")},
 * {@code @CachePut} and {@code @CacheEvict} code reads and writes the Cachetory cache {@code quotes}
 * (from {@code cachetory.caches.quotes.*}, {@code cachetory.properties} or a registration).
 *
 * <p>Fail-open: a backend or serializer failure while reading acts as a miss (the method runs), and a
 * failed write or eviction does not fail the call; both are logged, rate-limited. A {@code null} value
 * is stored as Cachetory's null marker. Keys: a {@code String}, number, boolean, character, enum or
 * {@code UUID} key is stored as its text (under the cache's prefix); any other key (a
 * {@code SimpleKey} of several arguments, a record, a collection) in Cachetory's argument key form.
 * A name the registry neither holds nor can build from configuration has no cache ({@code null}, which
 * Spring reports as "Cannot find cache named …").
 *
 * <p>The calls are not counted in {@link io.cachetory.CacheStats} (those count memoization only).
 * Thread-safe.
 */
public class CachetoryCacheManager implements CacheManager {
    private final CacheRegistry registry;
    private final ConcurrentHashMap<String, Cache> caches = new ConcurrentHashMap<>();

    /** A manager over {@link Cachetory#registry()}. */
    public CachetoryCacheManager() {
        this(Cachetory.registry());
    }

    public CachetoryCacheManager(CacheRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public Cache getCache(String name) {
        Cache cache = caches.get(name);
        if (cache != null) {
            return cache;
        }
        try {
            registry.cache(name); // built now, so a misconfiguration shows here rather than on each call
        } catch (IllegalArgumentException e) {
            return null;
        }
        return caches.computeIfAbsent(name, n -> new CachetoryCache(n, registry));
    }

    /** The names the registry holds: registered, built from properties, or used already. */
    @Override
    public Collection<String> getCacheNames() {
        return registry.names();
    }
}
