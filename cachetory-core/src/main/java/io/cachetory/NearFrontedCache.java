package io.cachetory;

import io.cachetory.backend.NearBackend;
import io.cachetory.backend.NearRead;
import io.cachetory.serializer.Serializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The facade over a {@link NearBackend} that keeps a near layer: {@code get} answers from the layer
 * when it can (the decoded instance, shared by callers), otherwise reads through the backend and
 * hands the decoded value back to it; {@code set} keeps what it wrote. Every other operation is the
 * plain facade's: the backend keeps its layer coherent with them. Thread-safe.
 */
final class NearFrontedCache<V, W> implements Cache<V> {
    private final DefaultCache<V, W> plain;
    private final Serializer<V, W> serializer;
    private final NearBackend<W> backend;
    private final String prefix;

    NearFrontedCache(DefaultCache<V, W> plain, NearBackend<W> backend) {
        this.plain = plain;
        this.serializer = plain.serializer();
        this.backend = backend;
        this.prefix = plain.prefix();
    }

    private String fullKey(String key) {
        Objects.requireNonNull(key, "key");
        return prefix.isEmpty() ? key : prefix.concat(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(String key) {
        String full = fullKey(key);
        Object near = backend.getNear(full);
        if (near != null) {
            return (V) near;
        }
        NearRead<W> read = backend.readForNear(full);
        W data = read.data();
        if (data == null) {
            return null;
        }
        V value = serializer.deserialize(data);
        read.keep(value);
        return value;
    }

    @Override
    public V get(String key, V defaultValue) {
        V value = get(key);
        return value != null ? value : defaultValue;
    }

    @Override
    public V getOrThrow(String key) {
        V value = get(key);
        if (value == null) {
            throw new NoSuchElementException("no entry for key '" + key + "'");
        }
        return value;
    }

    @Override
    public Map<String, V> getMany(String... keys) {
        return getMany(Arrays.asList(keys));
    }

    /** Near hits first; the rest in one backend call (those are not kept near). */
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, V> getMany(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<String, V> nearHits = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (String key : keys) {
            Object near = backend.getNear(fullKey(key));
            if (near != null) {
                nearHits.put(key, (V) near);
            } else {
                rest.add(key);
            }
        }
        if (rest.isEmpty()) {
            return nearHits;
        }
        Map<String, V> remote = plain.getMany(rest);
        Map<String, V> result = new LinkedHashMap<>();
        for (String key : keys) {
            V v = nearHits.get(key);
            if (v == null) {
                v = remote.get(key);
            }
            if (v != null) {
                result.put(key, v);
            }
        }
        return result;
    }

    @Override
    public boolean set(String key, V value) {
        return set(key, value, null, false);
    }

    @Override
    public boolean set(String key, V value, Duration ttl) {
        return set(key, value, ttl, false);
    }

    @Override
    public boolean set(String key, V value, Duration ttl, boolean ifNotExists) {
        String full = fullKey(key);
        DefaultCache.checkValue(key, value);
        DefaultCache.checkTtl(ttl);
        return backend.setNear(full, serializer.serialize(value), value, ttl, ifNotExists);
    }

    @Override
    public void setMany(Map<String, ? extends V> items) {
        plain.setMany(items);
    }

    @Override
    public void setMany(Map<String, ? extends V> items, Duration ttl) {
        plain.setMany(items, ttl);
    }

    @Override
    public void expireIn(String key, Duration ttl) {
        plain.expireIn(key, ttl);
    }

    @Override
    public boolean delete(String key) {
        return plain.delete(key);
    }

    @Override
    public void deleteMany(String... keys) {
        plain.deleteMany(keys);
    }

    @Override
    public void clear() {
        plain.clear();
    }

    @Override
    public String prefix() {
        return prefix;
    }

    /** Leases live in the backend itself, never in the near layer. */
    @Override
    public io.cachetory.backend.LeaseBackend leases() {
        return plain.leases();
    }

    @Override
    public void allowDeclaredType(java.lang.reflect.Type type) {
        plain.allowDeclaredType(type);
    }

    @Override
    public void close() {
        plain.close();
    }

    @Override
    public String toString() {
        return plain.toString();
    }
}
