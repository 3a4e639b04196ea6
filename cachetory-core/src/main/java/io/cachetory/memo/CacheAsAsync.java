package io.cachetory.memo;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A registered {@link Cache} served to asynchronous users: each operation runs at once and answers with a completed future. */
final class CacheAsAsync<V> implements AsyncCache<V> {
    private final Cache<V> cache;

    CacheAsAsync(Cache<V> cache) {
        this.cache = cache;
    }

    private static <T> CompletableFuture<T> run(Supplier<T> op) {
        try {
            return CompletableFuture.completedFuture(op.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletableFuture<Void> runVoid(Runnable op) {
        return run(() -> {
            op.run();
            return null;
        });
    }

    @Override public CompletableFuture<V> get(String key) { return run(() -> cache.get(key)); }
    @Override public CompletableFuture<V> get(String key, V defaultValue) { return run(() -> cache.get(key, defaultValue)); }
    @Override public CompletableFuture<V> getOrThrow(String key) { return run(() -> cache.getOrThrow(key)); }
    @Override public CompletableFuture<Map<String, V>> getMany(String... keys) { return run(() -> cache.getMany(keys)); }
    @Override public CompletableFuture<Map<String, V>> getMany(Collection<String> keys) { return run(() -> cache.getMany(keys)); }
    @Override public CompletableFuture<Boolean> set(String key, V value) { return run(() -> cache.set(key, value)); }
    @Override public CompletableFuture<Boolean> set(String key, V value, Duration ttl) { return run(() -> cache.set(key, value, ttl)); }
    @Override public CompletableFuture<Boolean> set(String key, V value, Duration ttl, boolean ifNotExists) { return run(() -> cache.set(key, value, ttl, ifNotExists)); }
    @Override public CompletableFuture<Void> setMany(Map<String, ? extends V> items) { return runVoid(() -> cache.setMany(items)); }
    @Override public CompletableFuture<Void> setMany(Map<String, ? extends V> items, Duration ttl) { return runVoid(() -> cache.setMany(items, ttl)); }
    @Override public CompletableFuture<Void> expireIn(String key, Duration ttl) { return runVoid(() -> cache.expireIn(key, ttl)); }
    @Override public CompletableFuture<Boolean> delete(String key) { return run(() -> cache.delete(key)); }
    @Override public CompletableFuture<Void> deleteMany(String... keys) { return runVoid(() -> cache.deleteMany(keys)); }
    @Override public CompletableFuture<Void> clear() { return runVoid(cache::clear); }
    @Override public String prefix() { return cache.prefix(); }
    @Override public boolean storesBytes() { return cache.storesBytes(); }
    @Override public void allowDeclaredType(java.lang.reflect.Type type) { cache.allowDeclaredType(type); }
    @Override public void close() { cache.close(); }
    @Override public String toString() { return cache.toString(); }
}
