package io.cachetory.memo;

import io.cachetory.SerializationException;
import io.cachetory.StructureMismatchException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Memoization of methods returning {@code CompletableFuture}/{@code CompletionStage} through
 * {@code AsyncCache}: the completed value is stored, concurrent callers share the load through
 * their own futures, and no thread waits for the backend.
 */
final class AsyncReadThrough {
    private AsyncReadThrough() {}

    static CompletableFuture<Object> enter(CachedMethod m, Object self, Object[] args) {
        Binding b = m.slot.binding();
        String key = m.keys(b).key(args);
        CallMode mode = CallMode.current();
        if (mode != null) {
            if (mode.purge) {
                return CompletableFuture.completedFuture(mode.purge(await(b.async.delete(key)), null));
            }
            mode.claimRefresh();
            CompletableFuture<Object> loaded = m.invokeBody(self, args);
            return loaded.thenCompose(r -> store(b, key, m.policy, r, true).handle((ignored, e) -> r));
        }
        // An earlier call's flight stays until its store is done: joining it before reading means a
        // call made after that call's future completed never reads ahead of the store and loads again.
        AsyncFlight earlier = b.asyncFlights.get(key);
        if (earlier != null) {
            return earlier.startedHere() ? AsyncFlight.ownLoad(b, () -> m.invokeBody(self, args)) : join(b, earlier);
        }
        CompletableFuture<Object> read;
        try {
            read = b.async.get(key);
        } catch (Throwable e) {
            read = CompletableFuture.failedFuture(e);
        }
        if (read.isDone() && !read.isCompletedExceptionally()) {
            Object value = read.getNow(null);
            if (value != null && m.policy.returnable(value)) {
                b.counters.hits.increment();
                return CompletableFuture.completedFuture(unwrap(value));
            }
        }
        AsyncFlight mine = new AsyncFlight();
        AsyncFlight running = b.asyncFlights.putIfAbsent(key, mine);
        if (running != null) {
            return running.startedHere() ? AsyncFlight.ownLoad(b, () -> m.invokeBody(self, args)) : join(b, running);
        }
        boolean readAtOnce = read.isDone();
        read.whenComplete((value, failure) -> onRead(m, b, key, mine, self, args, value, failure, readAtOnce));
        return mine.result.copy();
    }

    private static CompletableFuture<Object> join(Binding b, AsyncFlight running) {
        if (running.result.isDone() && !running.result.isCompletedExceptionally()) {
            b.counters.hits.increment();
        } else {
            running.readHit.thenAccept(hit -> (hit ? b.counters.hits : b.counters.misses).increment());
        }
        return running.result.copy();
    }

    private static void onRead(CachedMethod m, Binding b, String key, AsyncFlight flight, Object self, Object[] args,
                               Object value, Throwable failure, boolean readAtOnce) {
        if (failure != null && unwrap(failure) instanceof StructureMismatchException) {
            failure = null;
            value = null;
        }
        if (failure != null) {
            Throwable cause = unwrap(failure);
            b.counters.backendErrors.increment();
            if (cause instanceof SerializationException) {
                b.log.failed("reading a stored value", cause);
                deleteQuietly(b, key);
            } else {
                b.log.failed("read", cause);
            }
            value = null;
        }
        if (value != null && !m.policy.returnable(value)) {
            b.counters.backendErrors.increment();
            b.log.failed("reading a stored value", new SerializationException("the entry holds a "
                    + value.getClass().getName() + " where " + m.policy.valueType.getName() + " is returned"));
            deleteQuietly(b, key);
            value = null;
        }
        if (value != null) {
            b.counters.hits.increment();
            flight.readHit.complete(true);
            flight.result.complete(unwrap(value));
            b.asyncFlights.remove(key, flight);
            return;
        }
        b.counters.misses.increment();
        flight.readHit.complete(false);
        Runnable load = () -> flight.start(() -> m.invokeBody(self, args))
                .whenComplete((result, thrown) -> onLoaded(m, b, key, flight, result, thrown));
        if (readAtOnce) {
            load.run();
        } else {
            // never run application code on a client I/O thread
            ForkJoinPool.commonPool().execute(load);
        }
    }

    private static void onLoaded(CachedMethod m, Binding b, String key, AsyncFlight flight, Object result, Throwable thrown) {
        if (thrown != null) {
            b.counters.loadFailures.increment();
            b.asyncFlights.remove(key, flight);
            flight.result.completeExceptionally(unwrap(thrown));
            return;
        }
        b.counters.loads.increment();
        flight.result.complete(result);
        store(b, key, m.policy, result, false).whenComplete((ignored, e) -> b.asyncFlights.remove(key, flight));
    }

    /** Stores (fail-open); the future never fails. */
    private static CompletableFuture<Void> store(Binding b, String key, StorePolicy policy, Object result, boolean refresh) {
        Object value = ReadThrough.storable(b, key, policy, result);
        CompletableFuture<?> write;
        try {
            if (value == null) {
                write = refresh ? b.async.delete(key) : CompletableFuture.completedFuture(null);
            } else {
                write = b.async.set(key, value, policy.ttl(key), policy.ifNotExists && !refresh);
            }
        } catch (Throwable e) {
            write = CompletableFuture.failedFuture(e);
        }
        return write.handle((ignored, e) -> {
            if (e != null) {
                b.counters.backendErrors.increment();
                b.log.failed("write", unwrap(e));
            }
            return null;
        });
    }

    /** Deletes an unreadable entry without waiting (fail-open: a failure is counted and logged). */
    static void deleteQuietly(Binding b, String key) {
        try {
            b.async.delete(key).whenComplete((ignored, e) -> {
                if (e != null) {
                    b.counters.backendErrors.increment();
                    b.log.failed("delete of an unreadable entry", unwrap(e));
                }
            });
        } catch (Throwable e) {
            b.counters.backendErrors.increment();
            b.log.failed("delete of an unreadable entry", e);
        }
    }

    private static Object unwrap(Object value) {
        return value == CachedNull.INSTANCE ? null : value;
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Waits for an explicit operation (purge): its failure propagates, as the API promises. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw Sneaky.<RuntimeException>rethrow(unwrap(e));
        }
    }
}
