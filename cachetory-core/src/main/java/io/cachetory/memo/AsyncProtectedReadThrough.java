package io.cachetory.memo;

import io.cachetory.SerializationException;
import io.cachetory.StructureMismatchException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Memoization with load protection (fleet single-flight, refresh-ahead, stale-if-error) of methods
 * returning {@code CompletableFuture}/{@code CompletionStage}: the algorithm of {@link
 * ProtectedReadThrough}, with the same outcomes and the same counters, where no thread ever waits.
 * The entry is read and written through the binding's {@code AsyncCache}, leases are taken through
 * {@link AsyncFleetLease}, reloads run through {@link AsyncReload}, and the body's future is
 * followed rather than waited for.
 *
 * <p>Where things run: a call whose every step completes at once ({@code memory://}, a near-cache
 * hit) runs on the caller's thread and returns an already completed future; after a step that
 * completes later, the rest runs on the common pool ({@link AsyncSteps}), so the body never runs on
 * a client's I/O thread. Concurrent callers of one key in this JVM share one load, each through its
 * own future (cancelling one affects no other). Thread-safe.
 */
final class AsyncProtectedReadThrough {
    private AsyncProtectedReadThrough() {}

    /**
     * A call of a future-returning protected method, its key already made.
     *
     * @return the caller's own future of the method's value ({@code null} for null); it fails with the
     *     body's exception, unchanged, unless a stale value answers instead
     */
    static CompletableFuture<Object> enter(CachedMethod m, Binding b, String key, Object self, Object[] args) {
        Supplier<CompletableFuture<Object>> body = () -> m.invokeBody(self, args);
        CallMode mode = CallMode.current();
        if (mode != null) {
            if (mode.purge) {
                return AsyncReadThrough.enter(m, self, args); // deletes, runs nothing
            }
            mode.claimRefresh();
            return refresh(b, key, m.policy, m.protection, body.get());
        }
        return call(b, key, m.policy, m.protection, body);
    }

    /** {@code Cachetory.refresh}: the body's value overwrites the entry, and the future completes after the write. */
    private static CompletableFuture<Object> refresh(Binding b, String key, StorePolicy policy, LoadProtection p,
                                                     CompletableFuture<Object> loaded) {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        AsyncSteps.after(loaded, true, (result, thrown, onCaller) -> {
            if (thrown != null) {
                answer.completeExceptionally(AsyncReadThrough.unwrap(thrown));
                return;
            }
            AsyncSteps.after(store(b, key, policy, p, result, true), onCaller, (ignored, e, on) -> answer.complete(result));
        });
        return answer;
    }

    /** @param body starts the method's body and answers its future; never throws */
    static CompletableFuture<Object> call(Binding b, String key, StorePolicy policy, LoadProtection p,
                                          Supplier<CompletableFuture<Object>> body) {
        AsyncFlight loading = b.asyncFlights.get(key);
        if (loading != null && loading.startedHere()) {
            return AsyncFlight.ownLoad(b, body);
        }
        CompletableFuture<Object> read = read(b, key);
        if (read.isDone() && !read.isCompletedExceptionally()) {
            // the hit of an in-process or near cache: answered at once, with nothing more allocated
            Object raw = read.getNow(null);
            if (ProtectedReadThrough.fresh(raw, policy, p)) {
                return CompletableFuture.completedFuture(hit(b, key, policy, p, body, raw));
            }
        }
        CompletableFuture<Object> answer = new CompletableFuture<>();
        AsyncSteps.after(read, true, (raw, failure, onCaller) -> {
            try {
                onRead(b, key, policy, p, body, answer, readValue(b, key, raw, failure), onCaller);
            } catch (Throwable bug) {
                answer.completeExceptionally(bug); // never leave a caller's future hanging
            }
        });
        return answer;
    }

    /** A fresh entry: counted, reloaded in the background when older than {@code refresh}. */
    private static Object hit(Binding b, String key, StorePolicy policy, LoadProtection p,
                              Supplier<CompletableFuture<Object>> body, Object raw) {
        b.counters.hits.increment();
        if (p.refreshMillis > 0 && ProtectedReadThrough.ageOf(raw) >= p.refreshMillis) {
            AsyncReload.start(b, key, policy, p, body);
        }
        return plain(ProtectedReadThrough.valueOf(raw));
    }

    private static void onRead(Binding b, String key, StorePolicy policy, LoadProtection p,
                               Supplier<CompletableFuture<Object>> body, CompletableFuture<Object> answer, Object raw,
                               boolean onCaller) {
        Object stale = null;
        if (raw != null) {
            Object value = ProtectedReadThrough.valueOf(raw);
            if (!policy.returnable(value)) {
                refuseWrongType(b, key, policy, value);
            } else if (ProtectedReadThrough.fresh(raw, policy, p)) {
                answer.complete(hit(b, key, policy, p, body, raw));
                return;
            } else if (p.staleMillis > 0 && ProtectedReadThrough.ageOf(raw) < p.ttlMillis + p.staleMillis) {
                stale = value;
            }
        }
        // counted by this caller's own read, as the synchronous path counts (a waiter is a miss)
        b.counters.misses.increment();
        AsyncFlight mine = new AsyncFlight();
        AsyncFlight running = b.asyncFlights.putIfAbsent(key, mine);
        if (running != null) {
            // a load of this key is in flight, or has just stored its value and completed (its
            // flight goes right after): either way its outcome is this call's
            answer(b, running.result, stale, answer);
            return;
        }
        answer(b, mine.result, stale, answer);
        try {
            new Load(b, key, policy, p, body, mine, stale != null).start(onCaller);
        } catch (Throwable bug) {
            // never leave a flight behind that no one will complete: every later call would join it
            b.asyncFlights.remove(key, mine);
            mine.result.completeExceptionally(bug);
        }
    }

    /**
     * Completes a caller's future with a load's outcome: its value, or when the body failed the
     * caller's stale value (counted), else the body's exception as it was thrown.
     */
    private static void answer(Binding b, CompletableFuture<Object> load, Object stale, CompletableFuture<Object> answer) {
        load.whenComplete((value, thrown) -> {
            if (thrown == null) {
                answer.complete(value);
            } else if (stale != null) {
                b.counters.staleServed.increment();
                answer.complete(plain(stale));
            } else {
                answer.completeExceptionally(AsyncReadThrough.unwrap(thrown));
            }
        });
    }

    /**
     * The one load of a key in this JVM: under fleet single-flight the lease first (or the holder's
     * value), then the body, then the store and the lease's release. Its flight's result completes
     * with the value once it is stored, or with the body's exception; the flight is left just after
     * the result completes on success (a caller whose read missed just before the write joins it
     * rather than loading again), and just before on failure (a later call loads anew).
     */
    private static final class Load {
        private final Binding b;
        private final String key;
        private final StorePolicy policy;
        private final LoadProtection p;
        private final Supplier<CompletableFuture<Object>> body;
        private final AsyncFlight flight;
        /** Whether the entry is stale: the store replaces it, ignoring ifNotExists. */
        private final boolean overwrite;

        Load(Binding b, String key, StorePolicy policy, LoadProtection p, Supplier<CompletableFuture<Object>> body,
             AsyncFlight flight, boolean overwrite) {
            this.b = b;
            this.key = key;
            this.policy = policy;
            this.p = p;
            this.body = body;
            this.flight = flight;
            this.overwrite = overwrite;
        }

        void start(boolean onCaller) {
            if (!p.fleet) {
                runBody(AsyncFleetLease.NONE, onCaller);
                return;
            }
            AsyncSteps.after(AsyncFleetLease.acquireOrWait(b, key, policy, p), onCaller, (lease, failure, on) -> {
                try {
                    if (lease != null && lease.found != null) {
                        b.asyncFlights.remove(key, flight);
                        flight.result.complete(plain(lease.found));
                        return;
                    }
                    runBody(lease == null ? AsyncFleetLease.NONE : lease, on);
                } catch (Throwable bug) {
                    fail(bug, AsyncFleetLease.NONE);
                }
            });
        }

        /** Runs on the caller's thread or the common pool: never on a client's I/O thread. */
        private void runBody(AsyncFleetLease lease, boolean onCaller) {
            CompletableFuture<Object> loaded;
            try {
                loaded = flight.start(body);
            } catch (Throwable t) {
                loaded = CompletableFuture.failedFuture(t);
            }
            AsyncSteps.after(loaded, onCaller, (result, thrown, on) -> {
                if (thrown != null) {
                    b.counters.loadFailures.increment();
                    fail(thrown, lease);
                    return;
                }
                b.counters.loads.increment();
                // As the synchronous path: stored, released (another JVM's waiter then finds the value),
                // then answered, so that whoever hears of the value can read it from the cache.
                AsyncSteps.after(store(b, key, policy, p, result, overwrite), on, (ignored, e, o) -> {
                    lease.release();
                    flight.result.complete(result);
                    b.asyncFlights.remove(key, flight);
                });
            });
        }

        /** Nothing to store: the lease goes, and so does the flight (a later call loads anew), then the callers hear. */
        private void fail(Throwable thrown, AsyncFleetLease lease) {
            try {
                lease.release();
            } finally {
                b.asyncFlights.remove(key, flight);
                flight.result.completeExceptionally(AsyncReadThrough.unwrap(thrown));
            }
        }
    }

    /** Reads an entry without waiting; a read that throws at once is a failed future. */
    static CompletableFuture<Object> read(Binding b, String key) {
        try {
            return b.async.get(key);
        } catch (Throwable e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * What a read found, as {@link ReadThrough#read} decides it: a failure is a miss (logged,
     * counted), an entry that does not decode is deleted, another version's value is a plain miss.
     *
     * @return the raw entry, or null
     */
    static Object readValue(Binding b, String key, Object raw, Throwable failure) {
        if (failure == null) {
            return raw;
        }
        Throwable cause = AsyncReadThrough.unwrap(failure);
        if (cause instanceof StructureMismatchException) {
            return null; // left in place: the JVMs of that version still use it
        }
        b.counters.backendErrors.increment();
        if (cause instanceof SerializationException) {
            b.log.failed("reading a stored value", cause);
            AsyncReadThrough.deleteQuietly(b, key);
        } else {
            b.log.failed("read", cause);
        }
        return null;
    }

    /** {@link ReadThrough#refuseWrongType}, deleting without waiting. */
    private static void refuseWrongType(Binding b, String key, StorePolicy policy, Object value) {
        b.counters.backendErrors.increment();
        b.log.failed("reading a stored value", new SerializationException("the entry holds a "
                + value.getClass().getName() + " where " + policy.valueType.getName() + " is returned"));
        AsyncReadThrough.deleteQuietly(b, key);
    }

    /**
     * {@link ProtectedReadThrough#store} through the {@code AsyncCache}: stamped with its write time
     * when the method has refresh or staleIfError, for ttl + staleIfError; {@code overwrite} (a
     * reload, a refresh, a replacement of a stale entry) ignores ifNotExists.
     *
     * @return completes when the write is done; never fails (a failure is counted and logged)
     */
    static CompletableFuture<Void> store(Binding b, String key, StorePolicy policy, LoadProtection p, Object result,
                                         boolean overwrite) {
        CompletableFuture<?> write;
        try {
            Object value = ReadThrough.storable(b, key, policy, result);
            if (value == null) {
                write = overwrite ? b.async.delete(key) : CompletableFuture.completedFuture(null);
            } else {
                Object stored = p.stamped ? new Stamped(LoadProtection.now(), value) : value;
                write = b.async.set(key, stored, p.stamped ? p.storeTtl : policy.ttl(key), policy.ifNotExists && !overwrite);
            }
        } catch (Throwable e) {
            write = CompletableFuture.failedFuture(e);
        }
        return write.handle((ignored, e) -> {
            if (e != null) {
                b.counters.backendErrors.increment();
                b.log.failed("write", AsyncReadThrough.unwrap(e));
            }
            return null;
        });
    }

    /** A stored value as the method returns it: the null marker is null. */
    private static Object plain(Object value) {
        return value == CachedNull.INSTANCE ? null : value;
    }
}
