package io.cachetory.backend;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Presents an {@link AsyncBackend} as a {@link Backend} by waiting for each future, so that asynchronous
 * backends run the same {@link BackendContractTest contract}. A future that fails throws its cause
 * (unwrapped from {@link CompletionException}/{@link ExecutionException}) as the sync backend would;
 * a future that does not complete within the timeout fails the test with an {@link AssertionError}.
 */
public final class AsyncBackendAsSync<W> implements Backend<W> {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final AsyncBackend<W> async;
    private final Duration timeout;

    public AsyncBackendAsSync(AsyncBackend<W> async) {
        this(async, DEFAULT_TIMEOUT);
    }

    public AsyncBackendAsSync(AsyncBackend<W> async, Duration timeout) {
        this.async = async;
        this.timeout = timeout;
    }

    /** @return {@code async} presented as a sync backend */
    public static <W> Backend<W> of(AsyncBackend<W> async) {
        return new AsyncBackendAsSync<>(async);
    }

    /** @return the asynchronous backend behind this one */
    public AsyncBackend<W> async() {
        return async;
    }

    private <T> T await(CompletableFuture<T> future) {
        if (future == null) {
            throw new AssertionError("the async backend answered with a null future");
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new CompletionException(cause);
        } catch (CancellationException e) {
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("the async backend did not complete within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the async backend", e);
        }
    }

    @Override
    public W get(String key) {
        return await(async.get(key));
    }

    @Override
    public Map<String, W> getMany(Collection<String> keys) {
        return await(async.getMany(keys));
    }

    @Override
    public boolean set(String key, W value, Duration ttl, boolean ifNotExists) {
        return await(async.set(key, value, ttl, ifNotExists));
    }

    @Override
    public void setMany(Map<String, ? extends W> items, Duration ttl) {
        await(async.setMany(items, ttl));
    }

    @Override
    public void expireIn(String key, Duration ttl) {
        await(async.expireIn(key, ttl));
    }

    @Override
    public boolean delete(String key) {
        return await(async.delete(key));
    }

    @Override
    public void deleteMany(Collection<String> keys) {
        await(async.deleteMany(keys));
    }

    @Override
    public void clear() {
        await(async.clear());
    }

    @Override
    public void clearPrefix(String prefix) {
        await(async.clearPrefix(prefix));
    }

    @Override
    public void close() {
        async.close();
    }

    @Override
    public String toString() {
        return "sync view of " + async;
    }
}
