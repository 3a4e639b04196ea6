package io.cachetory;

import io.cachetory.backend.Backend;
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

/** The facade over a backend and a serializer; extended only by {@link NearFrontedCache}. Thread-safe. */
class DefaultCache<V, W> implements Cache<V> {
    final Serializer<V, W> serializer;
    private final Backend<W> backend;
    private final String prefix;

    DefaultCache(Serializer<V, W> serializer, Backend<W> backend, String prefix) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.prefix = prefix == null ? "" : prefix;
    }

    @Override
    public io.cachetory.backend.LeaseBackend leases() {
        return backend instanceof io.cachetory.backend.LeaseBackend leases ? leases : null;
    }

    final String fullKey(String key) {
        Objects.requireNonNull(key, "key");
        return prefix.isEmpty() ? key : prefix.concat(key);
    }

    static Duration checkTtl(Duration ttl) {
        return Durations.checkTtl(ttl, "ttl");
    }

    static void checkValue(String key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("null value for key '" + key + "': a cache does not store null");
        }
    }

    @Override
    public V get(String key) {
        W data = backend.get(fullKey(key));
        return data == null ? null : read(serializer, data);
    }

    /** @return the value, or null for one written by classes of another structure (never a wrong value) */
    static <V, W> V read(Serializer<V, W> serializer, W data) {
        try {
            return serializer.deserialize(data);
        } catch (StructureMismatchException e) {
            return null;
        }
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

    @Override
    public Map<String, V> getMany(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<String, String> callerKeyByFull = new HashMap<>(keys.size() * 2);
        List<String> fullKeys = new ArrayList<>(keys.size());
        for (String key : keys) {
            String full = fullKey(key);
            if (callerKeyByFull.put(full, key) == null) {
                fullKeys.add(full);
            }
        }
        Map<String, W> found = backend.getMany(fullKeys);
        Map<String, V> result = new LinkedHashMap<>(found.size() * 2);
        for (String full : fullKeys) {
            W data = found.get(full);
            V value = data == null ? null : read(serializer, data);
            if (value != null) {
                result.put(callerKeyByFull.get(full), value);
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
        checkValue(key, value);
        checkTtl(ttl);
        return backend.set(full, serializer.serialize(value), ttl, ifNotExists);
    }

    @Override
    public void setMany(Map<String, ? extends V> items) {
        setMany(items, null);
    }

    @Override
    public void setMany(Map<String, ? extends V> items, Duration ttl) {
        checkTtl(ttl);
        if (items.isEmpty()) {
            return;
        }
        Map<String, W> data = new LinkedHashMap<>(items.size() * 2);
        for (Map.Entry<String, ? extends V> e : items.entrySet()) {
            String full = fullKey(e.getKey());
            checkValue(e.getKey(), e.getValue());
            data.put(full, serializer.serialize(e.getValue()));
        }
        backend.setMany(data, ttl);
    }

    @Override
    public void expireIn(String key, Duration ttl) {
        String full = fullKey(key);
        checkTtl(ttl);
        backend.expireIn(full, ttl);
    }

    @Override
    public boolean delete(String key) {
        return backend.delete(fullKey(key));
    }

    @Override
    public void deleteMany(String... keys) {
        if (keys.length == 0) {
            return;
        }
        List<String> full = new ArrayList<>(keys.length);
        for (String key : keys) {
            full.add(fullKey(key));
        }
        backend.deleteMany(full);
    }

    @Override
    public void clear() {
        if (prefix.isEmpty()) {
            backend.clear();
        } else {
            backend.clearPrefix(prefix);
        }
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
        return "Cache[" + backend + " + " + serializer + (prefix.isEmpty() ? "" : ", prefix '" + prefix + "'") + "]";
    }
}
