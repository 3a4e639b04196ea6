package io.cachetory.memo;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@link Reload} for methods returning futures: refresh-ahead with the same rules (one reload per
 * key at a time in a JVM, under fleet single-flight one per fleet: it takes the key's lease without
 * waiting, skips when another JVM holds it, and reads the entry again to skip when it was refreshed
 * meanwhile; a failed reload keeps the old entry, is logged (rate-limited) and counted in
 * {@code loadFailures}), but no thread waits for the backend or for the body's future. The body is
 * started on a {@code cachetory-load-*} thread, never on the caller's (whose future is answered at
 * once); that thread is held only while the body returns its future. Thread-safe.
 */
final class AsyncReload {
    private AsyncReload() {}

    /** @param body starts the method's body and answers its future; never throws */
    static void start(Binding b, String key, StorePolicy policy, LoadProtection p, Supplier<CompletableFuture<Object>> body) {
        if (!p.refreshing.add(key)) {
            return;
        }
        try {
            CompletableFuture<AsyncFleetLease> lease = p.fleet
                    ? AsyncFleetLease.tryTake(b, key, p) : CompletableFuture.completedFuture(AsyncFleetLease.NONE);
            AsyncSteps.after(lease, true, (held, failure, onCaller) -> {
                if (held == null) {
                    p.refreshing.remove(key); // another JVM is loading or reloading this key
                    return;
                }
                checkStillOld(b, key, policy, p, body, held);
            });
        } catch (Throwable e) {
            p.refreshing.remove(key);
            b.log.failed("starting a background refresh", e);
        }
    }

    private static void checkStillOld(Binding b, String key, StorePolicy policy, LoadProtection p,
                                      Supplier<CompletableFuture<Object>> body, AsyncFleetLease lease) {
        try {
            AsyncSteps.after(AsyncProtectedReadThrough.read(b, key), true, (raw, failure, onCaller) -> {
                Object entry = AsyncProtectedReadThrough.readValue(b, key, raw, failure);
                if (entry != null && ProtectedReadThrough.ageOf(entry) < p.refreshMillis) {
                    // refreshed between the read that started this reload and now: by another JVM, or
                    // by the reload before this one, which ended after that read (checked with or
                    // without a lease: a fleet reload over a backend without leases races like a JVM one)
                    finish(key, p, lease);
                    return;
                }
                try {
                    LoadProtection.executor().execute(() -> run(b, key, policy, p, body, lease));
                } catch (Throwable e) {
                    finish(key, p, lease);
                    b.log.failed("starting a background refresh", e);
                }
            });
        } catch (Throwable e) {
            finish(key, p, lease);
            b.log.failed("starting a background refresh", e);
        }
    }

    /** On a {@code cachetory-load-*} thread: starts the body, and stores its value when it completes. */
    private static void run(Binding b, String key, StorePolicy policy, LoadProtection p,
                            Supplier<CompletableFuture<Object>> body, AsyncFleetLease lease) {
        try {
            AsyncSteps.after(body.get(), false, (result, thrown, onCaller) -> {
                if (thrown != null) {
                    b.counters.loadFailures.increment();
                    b.log.failed("background refresh (the old entry stays)", AsyncReadThrough.unwrap(thrown));
                    finish(key, p, lease);
                    return;
                }
                b.counters.loads.increment();
                AsyncSteps.after(AsyncProtectedReadThrough.store(b, key, policy, p, result, true), false,
                        (ignored, e, on) -> finish(key, p, lease));
            });
        } catch (Throwable e) {
            finish(key, p, lease);
            b.log.failed("background refresh (the old entry stays)", e);
        }
    }

    /** After the store (or the decision not to reload): the lease goes, and the key may be reloaded again. */
    private static void finish(String key, LoadProtection p, AsyncFleetLease lease) {
        try {
            lease.release();
        } finally {
            p.refreshing.remove(key);
        }
    }
}
