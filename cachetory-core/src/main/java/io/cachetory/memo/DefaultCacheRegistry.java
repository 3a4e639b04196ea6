package io.cachetory.memo;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import io.cachetory.CacheRegistry;
import io.cachetory.CacheStats;
import io.cachetory.config.CachetoryConfig;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registry memoization resolves {@code @Cached(cache = …)} names in. Thread-safe. */
final class DefaultCacheRegistry implements CacheRegistry {
    private final CachetoryConfig config;

    /** Looked up on first use: SLF4J's start-up is a visible part of a JVM's, and most never log here. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(DefaultCacheRegistry.class);
    }

    private final ConcurrentHashMap<String, CacheSlot> slots = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<String>> nameListeners = new CopyOnWriteArrayList<>();

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
        return addSlot(new CacheSlot(name, definition));
    }

    private CacheSlot slotForRegistration(String name) {
        Objects.requireNonNull(name, "name");
        CacheSlot slot = slots.get(name);
        return slot != null ? slot : addSlot(new CacheSlot(name, config.cache(name).orElse(null)));
    }

    /** Adds the slot unless its name is held already, telling the listeners about a new name. */
    private CacheSlot addSlot(CacheSlot fresh) {
        CacheSlot held = slots.putIfAbsent(fresh.name, fresh);
        if (held != null) {
            return held;
        }
        for (Consumer<String> listener : nameListeners) {
            try {
                listener.accept(fresh.name);
            } catch (RuntimeException e) {
                // a listener (metrics, say) must not stop a cache from being used
                Log.LOG.warn("a name listener of the cache registry failed for cache '{}'", fresh.name, e);
            }
        }
        return fresh;
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
    public void register(String name, Cache<?> cache, AsyncCache<?> async) {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(async, "async");
        slotForRegistration(name).bind(new Binding(name, cache, async));
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

    @Override
    public Set<String> names() {
        return Set.copyOf(slots.keySet());
    }

    @Override
    public void addNameListener(Consumer<String> listener) {
        nameListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeNameListener(Consumer<String> listener) {
        nameListeners.remove(listener);
    }
}
