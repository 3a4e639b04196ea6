package io.cachetory.spring;

import io.cachetory.CacheRegistry;
import io.cachetory.memo.Memo;
import io.cachetory.memo.CachedNull;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * One Cachetory cache seen as a Spring {@link Cache}; looks the cache up in the registry on each call,
 * so registering the name again redirects it at once. Fail-open as {@link CachetoryCacheManager}
 * describes. Thread-safe.
 */
final class CachetoryCache implements Cache {

    private final String name;
    private final CacheRegistry registry;
    private final FailureWarnings warnings;
    private final ConcurrentHashMap<String, CompletableFuture<Object>> loads = new ConcurrentHashMap<>();

    CachetoryCache(String name, CacheRegistry registry) {
        this.name = name;
        this.registry = registry;
        this.warnings = new FailureWarnings(name);
    }

    @Override
    public String getName() {
        return name;
    }

    /** The Cachetory {@link io.cachetory.Cache} now registered under this name. */
    @Override
    public Object getNativeCache() {
        return store();
    }

    private io.cachetory.Cache<Object> store() {
        return registry.cache(name);
    }

    static String key(Object key) {
        Objects.requireNonNull(key, "key");
        if (key instanceof String) {
            return (String) key;
        }
        if (key instanceof Number || key instanceof Boolean || key instanceof Character || key instanceof UUID) {
            return key.toString();
        }
        if (key instanceof Enum) {
            return ((Enum<?>) key).name();
        }
        return Memo.keyOf(key);
    }

    /** @return the stored value (the null marker included), or null on a miss or a failed read */
    private Object read(String key) {
        try {
            return store().get(key);
        } catch (RuntimeException e) {
            warnings.failed("read", e);
            return null;
        }
    }

    private static Object fromStore(Object stored) {
        return stored == CachedNull.INSTANCE ? null : stored;
    }

    private static Object toStore(Object value) {
        return value == null ? CachedNull.INSTANCE : value;
    }

    @Override
    public ValueWrapper get(Object key) {
        Object stored = read(key(key));
        return stored == null ? null : new SimpleValueWrapper(fromStore(stored));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Class<T> type) {
        Object stored = read(key(key));
        Object value = stored == null ? null : fromStore(stored);
        if (value != null && type != null && !type.isInstance(value)) {
            throw new IllegalStateException("Cached value is not of required type [" + type.getName() + "]: " + value);
        }
        return (T) value;
    }

    /** Concurrent callers of one key in this JVM run {@code valueLoader} once and share its outcome. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Callable<T> valueLoader) {
        String k = key(key);
        Object stored = read(k);
        if (stored != null) {
            return (T) fromStore(stored);
        }
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> other = loads.putIfAbsent(k, mine);
        if (other != null) {
            try {
                return (T) other.join();
            } catch (CompletionException e) {
                throw asThrown(e.getCause(), key, valueLoader);
            }
        }
        try {
            T value;
            try {
                value = valueLoader.call();
            } catch (Exception e) {
                ValueRetrievalException failure = new ValueRetrievalException(key, valueLoader, e);
                mine.completeExceptionally(failure);
                throw failure;
            } catch (Error e) {
                mine.completeExceptionally(e);
                throw e;
            }
            write(k, value);
            mine.complete(value);
            return value;
        } finally {
            loads.remove(k, mine);
        }
    }

    /** What the concurrent load that this call waited for threw, as the loader's caller sees it. */
    private static RuntimeException asThrown(Throwable cause, Object key, Callable<?> valueLoader) {
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof RuntimeException runtime ? runtime : new ValueRetrievalException(key, valueLoader, cause);
    }

    @Override
    public CompletableFuture<?> retrieve(Object key) {
        // a wrapper for a stored null, nothing for a miss, as Spring's contract asks
        return readAsync(key(key)).thenApply(stored -> stored == null ? null : new SimpleValueWrapper(fromStore(stored)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
        String k = key(key);
        return readAsync(k).thenCompose(stored -> {
            if (stored != null) {
                return CompletableFuture.completedFuture((T) fromStore(stored));
            }
            return valueLoader.get().thenApply(value -> {
                writeAsync(k, value);
                return value;
            });
        });
    }

    /** The stored form under {@code k}, or null for a miss and for a failed read (fail-open, warned). */
    private CompletableFuture<Object> readAsync(String k) {
        CompletableFuture<Object> read;
        try {
            read = registry.asyncCache(name).get(k);
        } catch (RuntimeException e) {
            warnings.failed("read", e);
            return CompletableFuture.completedFuture(null);
        }
        return read.handle((stored, failure) -> {
            if (failure != null) {
                warnings.failed("read", failure instanceof RuntimeException ? (RuntimeException) failure : new RuntimeException(failure));
                return null;
            }
            return stored;
        });
    }

    @Override
    public void put(Object key, Object value) {
        write(key(key), value);
    }

    private void write(String key, Object value) {
        try {
            store().set(key, toStore(value));
        } catch (RuntimeException e) {
            warnings.failed("write", e);
        }
    }

    private void writeAsync(String key, Object value) {
        try {
            registry.asyncCache(name).set(key, toStore(value)).whenComplete((ok, failure) -> {
                if (failure != null) {
                    warnings.failed("write", failure instanceof RuntimeException ? (RuntimeException) failure : new RuntimeException(failure));
                }
            });
        } catch (RuntimeException e) {
            warnings.failed("write", e);
        }
    }

    @Override
    public ValueWrapper putIfAbsent(Object key, Object value) {
        String k = key(key);
        try {
            if (store().set(k, toStore(value), null, true)) {
                return null;
            }
        } catch (RuntimeException e) {
            warnings.failed("write", e);
            return null;
        }
        Object stored = read(k);
        return stored == null ? null : new SimpleValueWrapper(fromStore(stored));
    }

    @Override
    public void evict(Object key) {
        evictIfPresent(key);
    }

    @Override
    public boolean evictIfPresent(Object key) {
        try {
            return store().delete(key(key));
        } catch (RuntimeException e) {
            warnings.failed("evict", e);
            return false;
        }
    }

    /** Deletes the cache's entries: those under its prefix, or its whole store when it has none. */
    @Override
    public void clear() {
        try {
            store().clear();
        } catch (RuntimeException e) {
            warnings.failed("clear", e);
        }
    }
}
