package io.cachetory.memo;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A registered {@link AsyncCache} served to synchronous users by waiting for each future. */
final class AsyncAsCache<V> implements Cache<V> {
    private final AsyncCache<V> cache;

    AsyncAsCache(AsyncCache<V> cache) {
        this.cache = cache;
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    @Override public V get(String key) { return await(cache.get(key)); }
    @Override public V get(String key, V defaultValue) { return await(cache.get(key, defaultValue)); }
    @Override public V getOrThrow(String key) { return await(cache.getOrThrow(key)); }
    @Override public Map<String, V> getMany(String... keys) { return await(cache.getMany(keys)); }
    @Override public Map<String, V> getMany(Collection<String> keys) { return await(cache.getMany(keys)); }
    @Override public boolean set(String key, V value) { return await(cache.set(key, value)); }
    @Override public boolean set(String key, V value, Duration ttl) { return await(cache.set(key, value, ttl)); }
    @Override public boolean set(String key, V value, Duration ttl, boolean ifNotExists) { return await(cache.set(key, value, ttl, ifNotExists)); }
    @Override public void setMany(Map<String, ? extends V> items) { await(cache.setMany(items)); }
    @Override public void setMany(Map<String, ? extends V> items, Duration ttl) { await(cache.setMany(items, ttl)); }
    @Override public void expireIn(String key, Duration ttl) { await(cache.expireIn(key, ttl)); }
    @Override public boolean delete(String key) { return await(cache.delete(key)); }
    @Override public void deleteMany(String... keys) { await(cache.deleteMany(keys)); }
    @Override public void clear() { await(cache.clear()); }
    @Override public String prefix() { return cache.prefix(); }
    @Override public boolean storesBytes() { return cache.storesBytes(); }
    @Override public void allowDeclaredType(java.lang.reflect.Type type) { cache.allowDeclaredType(type); }
    @Override public void close() { cache.close(); }
    @Override public String toString() { return cache.toString(); }
}
