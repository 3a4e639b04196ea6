package io.cachetory.memo;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import io.cachetory.CacheRegistry;
import io.cachetory.CacheStats;
import io.cachetory.config.CachetoryConfig;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The registry memoization resolves {@code @Cached(cache = …)} names in. Thread-safe. */
final class DefaultCacheRegistry implements CacheRegistry {
    private final CachetoryConfig config;
    private final ConcurrentHashMap<String, CacheSlot> slots = new ConcurrentHashMap<>();

    DefaultCacheRegistry(CachetoryConfig config) {
        this.config = config;
    }

    /**
     * @throws IllegalArgumentException when the name is neither registered nor configured
     */
    CacheSlot slot(String name) {
        CacheSlot slot = slots.get(name);
        if (slot != null) {
            return slot;
        }
        var definition = config.cache(name).orElseThrow(() -> new IllegalArgumentException("cache '" + name
                + "' is neither registered nor configured: call Cachetory.registry().register(\"" + name
                + "\", cache) or set cachetory.cache." + name + ".backend"));
        return slots.computeIfAbsent(name, n -> new CacheSlot(n, definition));
    }

    private CacheSlot slotForRegistration(String name) {
        Objects.requireNonNull(name, "name");
        return slots.computeIfAbsent(name, n -> new CacheSlot(n, config.cache(n).orElse(null)));
    }

    @Override
    public void register(String name, Cache<?> cache) {
        Objects.requireNonNull(cache, "cache");
        slotForRegistration(name).bind(new Binding(name, cache, null));
    }

    @Override
    public void register(String name, AsyncCache<?> cache) {
        Objects.requireNonNull(cache, "cache");
        slotForRegistration(name).bind(new Binding(name, null, cache));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> Cache<V> cache(String name) {
        return (Cache<V>) slot(name).binding().cache;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> AsyncCache<V> asyncCache(String name) {
        return (AsyncCache<V>) slot(name).binding().async;
    }

    @Override
    public CacheStats stats(String name) {
        CacheSlot slot = slots.get(name);
        Binding b = slot == null ? null : slot.bindingIfPresent();
        return b == null ? CacheStats.EMPTY : b.counters.snapshot();
    }
}
