package io.cachetory;

import io.cachetory.backend.NearBackend;
import io.cachetory.backend.NearRead;
import io.cachetory.serializer.Serializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facade over a {@link NearBackend} that keeps a near layer: {@code get} answers from the layer
 * when it can (the decoded instance, shared by callers), otherwise reads through the backend and
 * hands the decoded value back to it; {@code set} keeps what it wrote. Every other operation is the
 * plain facade's: the backend keeps its layer coherent with them. Thread-safe.
 */
final class NearFrontedCache<V, W> extends DefaultCache<V, W> {
    private final NearBackend<W> near;

    NearFrontedCache(Serializer<V, W> serializer, NearBackend<W> backend, String prefix) {
        super(serializer, backend, prefix);
        this.near = backend;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(String key) {
        String full = fullKey(key);
        Object kept = near.getNear(full);
        // the read through lives apart: a near hit stays small enough for the JIT to inline it whole
        // into a memoized call even when the callers on its way were compiled on their own first
        return kept != null ? (V) kept : readThrough(full);
    }

    private V readThrough(String full) {
        NearRead<W> read = near.readForNear(full);
        W data = read.data();
        V value = data == null ? null : read(serializer, data);
        if (value != null) {
            read.keep(value);
        }
        return value;
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
            Object kept = near.getNear(fullKey(key));
            if (kept != null) {
                nearHits.put(key, (V) kept);
            } else {
                rest.add(key);
            }
        }
        if (rest.isEmpty()) {
            return nearHits;
        }
        Map<String, V> remote = super.getMany(rest);
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
    public boolean set(String key, V value, Duration ttl, boolean ifNotExists) {
        String full = fullKey(key);
        checkValue(key, value);
        checkTtl(ttl);
        return near.setNear(full, serializer.serialize(value), value, ttl, ifNotExists);
    }
}
