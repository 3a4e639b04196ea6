package io.cachetory.backend;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Presents an in-process {@link Backend} (memory, dummy) as an {@link AsyncBackend}: each call runs at
 * once on the caller's thread (it does no I/O) and answers with an already completed future. A
 * failure completes the future exceptionally rather than throwing. Thread-safe as its delegate.
 */
final class CompletedAsyncBackend<W> implements AsyncBackend<W> {
    private final Backend<W> delegate;

    CompletedAsyncBackend(Backend<W> delegate) {
        this.delegate = delegate;
    }

    private static <T> CompletableFuture<T> run(Supplier<T> op) {
        try {
            return CompletableFuture.completedFuture(op.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletableFuture<Void> runVoid(Runnable op) {
        try {
            op.run();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<W> get(String key) {
        return run(() -> delegate.get(key));
    }

    @Override
    public CompletableFuture<Map<String, W>> getMany(Collection<String> keys) {
        return run(() -> delegate.getMany(keys));
    }

    @Override
    public CompletableFuture<Boolean> set(String key, W value, Duration ttl, boolean ifNotExists) {
        return run(() -> delegate.set(key, value, ttl, ifNotExists));
    }

    @Override
    public CompletableFuture<Void> setMany(Map<String, ? extends W> items, Duration ttl) {
        return runVoid(() -> delegate.setMany(items, ttl));
    }

    @Override
    public CompletableFuture<Void> expireIn(String key, Duration ttl) {
        return runVoid(() -> delegate.expireIn(key, ttl));
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return run(() -> delegate.delete(key));
    }

    @Override
    public CompletableFuture<Void> deleteMany(Collection<String> keys) {
        return runVoid(() -> delegate.deleteMany(keys));
    }

    @Override
    public CompletableFuture<Void> clear() {
        return runVoid(delegate::clear);
    }

    @Override
    public CompletableFuture<Void> clearPrefix(String prefix) {
        return runVoid(() -> delegate.clearPrefix(prefix));
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
