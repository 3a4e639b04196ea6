package io.cachetory.backend;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * {@code dummy://}: stores nothing. {@code get} always misses and {@code set} answers {@code true},
 * as in the Python original; useful to switch caching off by configuration. Stateless, thread-safe.
 */
public final class DummyBackend<W> implements Backend<W> {
    @Override
    public W get(String key) {
        return null;
    }

    @Override
    public Map<String, W> getMany(Collection<String> keys) {
        return Map.of();
    }

    @Override
    public boolean set(String key, W value, Duration ttl, boolean ifNotExists) {
        return true;
    }

    @Override
    public void setMany(Map<String, ? extends W> items, Duration ttl) {}

    @Override
    public void expireIn(String key, Duration ttl) {}

    @Override
    public boolean delete(String key) {
        return false;
    }

    @Override
    public void deleteMany(Collection<String> keys) {}

    @Override
    public void clear() {}

    @Override
    public void clearPrefix(String prefix) {}

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "dummy://";
    }
}
