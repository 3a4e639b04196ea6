package io.cachetory;

import io.cachetory.backend.AsyncBackend;
import io.cachetory.serializer.NoopSerializer;
import io.cachetory.serializer.Serializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** The asynchronous facade over a backend and a serializer; extended only by {@link NearFrontedAsyncCache}. Thread-safe. */
class DefaultAsyncCache<V, W> implements AsyncCache<V> {
    final Serializer<V, W> serializer;
    private final AsyncBackend<W> backend;
    private final String prefix;
    private final Executor serializeExecutor;

    DefaultAsyncCache(Serializer<V, W> serializer, AsyncBackend<W> backend, String prefix, Executor serializeExecutor) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.prefix = prefix == null ? "" : prefix;
        this.serializeExecutor = serializeExecutor;
    }

    final String fullKey(String key) {
        Objects.requireNonNull(key, "key");
        return prefix.isEmpty() ? key : prefix.concat(key);
    }

    final <T, R> CompletableFuture<R> then(CompletableFuture<T> f, Function<T, R> fn) {
        return serializeExecutor == null ? f.thenApply(fn) : f.thenApplyAsync(fn, serializeExecutor);
    }

    /** Serializes on the executor when there is one; otherwise here, turning failures into a failed future. */
    final <T> CompletableFuture<T> serializing(java.util.function.Supplier<T> work) {
        if (serializeExecutor != null) {
            return CompletableFuture.supplyAsync(work, serializeExecutor);
        }
        try {
            return CompletableFuture.completedFuture(work.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<V> get(String key) {
        return then(backend.get(fullKey(key)), data -> data == null ? null : DefaultCache.read(serializer, data));
    }

    @Override
    public boolean storesBytes() {
        return !(serializer instanceof NoopSerializer);
    }

    @Override
    public void allowDeclaredType(java.lang.reflect.Type type) {
        serializer.allowDeclaredType(type);
    }

    @Override
    public CompletableFuture<V> get(String key, V defaultValue) {
        return get(key).thenApply(v -> v != null ? v : defaultValue);
    }

    @Override
    public CompletableFuture<V> getOrThrow(String key) {
        return get(key).thenApply(v -> {
            if (v == null) {
                throw new CompletionException(new NoSuchElementException("no entry for key '" + key + "'"));
            }
            return v;
        });
    }

    @Override
    public CompletableFuture<Map<String, V>> getMany(String... keys) {
        return getMany(Arrays.asList(keys));
    }

    @Override
    public CompletableFuture<Map<String, V>> getMany(Collection<String> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        Map<String, String> callerKeyByFull = new HashMap<>(keys.size() * 2);
        List<String> fullKeys = new ArrayList<>(keys.size());
        for (String key : keys) {
            String full = fullKey(key);
            if (callerKeyByFull.put(full, key) == null) {
                fullKeys.add(full);
            }
        }
        return then(backend.getMany(fullKeys), found -> {
            Map<String, V> result = new LinkedHashMap<>(found.size() * 2);
            for (String full : fullKeys) {
                W data = found.get(full);
                V value = data == null ? null : DefaultCache.read(serializer, data);
                if (value != null) {
                    result.put(callerKeyByFull.get(full), value);
                }
            }
            return result;
        });
    }

    @Override
    public CompletableFuture<Boolean> set(String key, V value) {
        return set(key, value, null, false);
    }

    @Override
    public CompletableFuture<Boolean> set(String key, V value, Duration ttl) {
        return set(key, value, ttl, false);
    }

    @Override
    public CompletableFuture<Boolean> set(String key, V value, Duration ttl, boolean ifNotExists) {
        String full = fullKey(key);
        DefaultCache.checkValue(key, value);
        DefaultCache.checkTtl(ttl);
        return serializing(() -> serializer.serialize(value)).thenCompose(data -> backend.set(full, data, ttl, ifNotExists));
    }

    @Override
    public CompletableFuture<Void> setMany(Map<String, ? extends V> items) {
        return setMany(items, null);
    }

    @Override
    public CompletableFuture<Void> setMany(Map<String, ? extends V> items, Duration ttl) {
        DefaultCache.checkTtl(ttl);
        if (items.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        for (Map.Entry<String, ? extends V> e : items.entrySet()) {
            fullKey(e.getKey());
            DefaultCache.checkValue(e.getKey(), e.getValue());
        }
        return serializing(() -> {
            Map<String, W> data = new LinkedHashMap<>(items.size() * 2);
            for (Map.Entry<String, ? extends V> e : items.entrySet()) {
                data.put(fullKey(e.getKey()), serializer.serialize(e.getValue()));
            }
            return data;
        }).thenCompose(data -> backend.setMany(data, ttl));
    }

    @Override
    public CompletableFuture<Void> expireIn(String key, Duration ttl) {
        String full = fullKey(key);
        DefaultCache.checkTtl(ttl);
        return backend.expireIn(full, ttl);
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return backend.delete(fullKey(key));
    }

    @Override
    public CompletableFuture<Void> deleteMany(String... keys) {
        if (keys.length == 0) {
            return CompletableFuture.completedFuture(null);
        }
        List<String> full = new ArrayList<>(keys.length);
        for (String key : keys) {
            full.add(fullKey(key));
        }
        return backend.deleteMany(full);
    }

    @Override
    public CompletableFuture<Void> clear() {
        return prefix.isEmpty() ? backend.clear() : backend.clearPrefix(prefix);
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public String toString() {
        return "AsyncCache[" + backend + " + " + serializer + (prefix.isEmpty() ? "" : ", prefix '" + prefix + "'") + "]";
    }
}
