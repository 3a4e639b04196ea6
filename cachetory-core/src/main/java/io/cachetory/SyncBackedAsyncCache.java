package io.cachetory;

import io.cachetory.backend.Backends;
import io.cachetory.serializer.NoopSerializer;

/**
 * {@link AsyncCache#of(Cache)}: the asynchronous facade over a synchronous cache. Each operation runs
 * at once on the caller's thread and answers with a completed future; what the cache says about
 * itself (prefix, whether it stores bytes, declared types) is the cache's. Thread-safe as the cache.
 */
final class SyncBackedAsyncCache<V> extends DefaultAsyncCache<V, V> {
    private final Cache<V> cache;

    SyncBackedAsyncCache(Cache<V> cache) {
        super(NoopSerializer.instance(), Backends.asAsync(new CacheAsBackend<>(cache)), "", null);
        this.cache = cache;
    }

    @Override
    public String prefix() {
        return cache.prefix();
    }

    @Override
    public boolean storesBytes() {
        return cache.storesBytes();
    }

    @Override
    public void allowDeclaredType(java.lang.reflect.Type type) {
        cache.allowDeclaredType(type);
    }

    @Override
    public String toString() {
        return cache.toString();
    }
}
