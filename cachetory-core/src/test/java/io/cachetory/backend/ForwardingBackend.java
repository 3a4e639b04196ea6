package io.cachetory.backend;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * A backend that hands every operation to another one: tests extend it and override only the
 * operations whose behaviour they change (a read that waits, a store that keeps a copy).
 */
public abstract class ForwardingBackend<W> implements Backend<W> {
    protected final Backend<W> delegate;

    protected ForwardingBackend(Backend<W> delegate) {
        this.delegate = delegate;
    }

    @Override public W get(String key) { return delegate.get(key); }
    @Override public Map<String, W> getMany(Collection<String> keys) { return delegate.getMany(keys); }
    @Override public boolean set(String key, W value, Duration ttl, boolean ifNotExists) { return delegate.set(key, value, ttl, ifNotExists); }
    @Override public void setMany(Map<String, ? extends W> items, Duration ttl) { delegate.setMany(items, ttl); }
    @Override public void expireIn(String key, Duration ttl) { delegate.expireIn(key, ttl); }
    @Override public boolean delete(String key) { return delegate.delete(key); }
    @Override public void deleteMany(Collection<String> keys) { delegate.deleteMany(keys); }
    @Override public void clear() { delegate.clear(); }
    @Override public void clearPrefix(String prefix) { delegate.clearPrefix(prefix); }
    @Override public void close() { delegate.close(); }
}
