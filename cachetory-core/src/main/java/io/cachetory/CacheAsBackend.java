package io.cachetory;

import io.cachetory.backend.Backend;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * A synchronous cache seen as a backend of its own values, so that {@link AsyncCache#of(Cache)} is
 * the plain asynchronous facade over {@link io.cachetory.backend.Backends#asAsync} rather than a
 * second way of answering with completed futures. Keys reach the cache as they are (the facade over
 * it has no prefix of its own). Thread-safe as the cache.
 */
final class CacheAsBackend<V> implements Backend<V> {
    final Cache<V> cache;

    CacheAsBackend(Cache<V> cache) {
        this.cache = java.util.Objects.requireNonNull(cache, "cache");
    }

    @Override public V get(String key) { return cache.get(key); }
    @Override public Map<String, V> getMany(Collection<String> keys) { return cache.getMany(keys); }
    @Override public boolean set(String key, V value, Duration ttl, boolean ifNotExists) { return cache.set(key, value, ttl, ifNotExists); }
    @Override public void setMany(Map<String, ? extends V> items, Duration ttl) { cache.setMany(items, ttl); }
    @Override public void expireIn(String key, Duration ttl) { cache.expireIn(key, ttl); }
    @Override public boolean delete(String key) { return cache.delete(key); }
    @Override public void deleteMany(Collection<String> keys) { cache.deleteMany(keys.toArray(new String[0])); }
    @Override public void clear() { cache.clear(); }

    /** Never called: the facade over this backend has no prefix, so it clears with {@link #clear()}. */
    @Override
    public void clearPrefix(String prefix) {
        throw new UnsupportedOperationException("a cache seen as a backend clears only all of its entries");
    }

    @Override public void close() { cache.close(); }
    @Override public String toString() { return cache.toString(); }
}
