package io.cachetory.memo;

import io.cachetory.backend.LeaseBackend;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link FleetLease} for methods returning futures: one caller's part in fleet-wide single-flight
 * for one key, reached without any thread waiting. The same outcomes and the same rules as the
 * synchronous one: it holds the key's lease (and loads), or found the value another JVM's holder
 * stored, or loads without a lease (the backend has no leases, failed, or the wait ran out). The
 * lease operations go through {@link LeaseBackend#tryLeaseAsync}/{@link
 * LeaseBackend#releaseLeaseAsync}, the entry through the binding's {@code AsyncCache}, and the
 * pauses between polls through a delayed task ({@link AsyncSteps#later}), not a sleeping thread.
 * Backend failures are fail-open: counted, logged, and they end the wait at once.
 *
 * <p>Immutable once made; the futures it answers complete on the caller's thread or the common pool.
 */
final class AsyncFleetLease {
    private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Load without a lease. */
    static final AsyncFleetLease NONE = new AsyncFleetLease(null, null, null, null, null);

    /** A fresh value another caller stored while this one waited (the null marker for null), or null. */
    final Object found;
    private final Binding binding;
    private final LeaseBackend leases;
    private final String lockKey;
    private final String token;

    private AsyncFleetLease(Object found, Binding binding, LeaseBackend leases, String lockKey, String token) {
        this.found = found;
        this.binding = binding;
        this.leases = leases;
        this.lockKey = lockKey;
        this.token = token;
    }

    private static AsyncFleetLease found(Object raw) {
        return new AsyncFleetLease(ProtectedReadThrough.valueOf(raw), null, null, null, null);
    }

    /**
     * Takes the key's lease, or waits for its holder's value: polls the entry with a short backoff
     * (2 ms doubling to 50 ms) for at most the lease, restarted when the lease changes hands, taking
     * the lease whenever it is free; after taking it, reads the entry again (the previous holder may
     * have stored and released in between).
     *
     * @return completes (never exceptionally) when this caller holds the lease, found a fresh value,
     *     or should load anyway
     */
    static CompletableFuture<AsyncFleetLease> acquireOrWait(Binding b, String key, StorePolicy policy, LoadProtection p) {
        LeaseBackend leases = b.cache.leases();
        if (leases == null) {
            return CompletableFuture.completedFuture(NONE);
        }
        Wait wait = new Wait(b, key, policy, p, leases);
        wait.start();
        return wait.outcome;
    }

    /**
     * Takes the key's lease if it is free, without waiting (background reloads).
     *
     * @return completes (never exceptionally) with the lease held, with {@link #NONE} when the
     *     backend has no leases (reload without one), or with null when another caller holds it or
     *     the backend failed (do not reload)
     */
    static CompletableFuture<AsyncFleetLease> tryTake(Binding b, String key, LoadProtection p) {
        LeaseBackend leases = b.cache.leases();
        if (leases == null) {
            return CompletableFuture.completedFuture(NONE);
        }
        String lockKey = lockKey(b, key);
        String token = UUID.randomUUID().toString();
        CompletableFuture<String> holder;
        try {
            holder = leases.tryLeaseAsync(lockKey, token, p.lease);
        } catch (Throwable e) {
            holder = CompletableFuture.failedFuture(e);
        }
        return holder.handle((h, e) -> {
            if (e != null) {
                b.counters.backendErrors.increment();
                b.log.failed("fleet lease", AsyncReadThrough.unwrap(e));
                return null;
            }
            return token.equals(h) ? new AsyncFleetLease(null, b, leases, lockKey, token) : null;
        });
    }

    /** Releases the lease if this caller holds it (compare-and-delete), without waiting; never throws. */
    void release() {
        if (token == null) {
            return;
        }
        CompletableFuture<Boolean> released;
        try {
            released = leases.releaseLeaseAsync(lockKey, token);
        } catch (Throwable e) {
            released = CompletableFuture.failedFuture(e);
        }
        released.whenComplete((ignored, e) -> {
            if (e != null) {
                binding.counters.backendErrors.increment();
                binding.log.failed("fleet lease release", AsyncReadThrough.unwrap(e));
            }
        });
    }

    /** The same lock key as {@link FleetLease}: the two forms of a method share leases fleet-wide. */
    private static String lockKey(Binding b, String key) {
        return b.cache.prefix() + key + ".lock";
    }

    /** One caller's wait for a key's lease: the loop of {@link FleetLease#acquireOrWait}, step by step. */
    private static final class Wait {
        final CompletableFuture<AsyncFleetLease> outcome = new CompletableFuture<>();
        private final Binding b;
        private final String key;
        private final StorePolicy policy;
        private final LoadProtection p;
        private final LeaseBackend leases;
        private final String lockKey;
        private final String token = UUID.randomUUID().toString();
        private final long leaseNanos;
        // Written by one step at a time: each step starts the next only when it is done (the
        // futures' completion orders the writes before the next step's reads).
        private String holder;
        private long deadline;
        private long pause = FIRST_POLL_NANOS;

        Wait(Binding b, String key, StorePolicy policy, LoadProtection p, LeaseBackend leases) {
            this.b = b;
            this.key = key;
            this.policy = policy;
            this.p = p;
            this.leases = leases;
            this.lockKey = lockKey(b, key);
            this.leaseNanos = p.leaseNanos;
        }

        void start() {
            AsyncSteps.after(tryLease(), true, (first, failure, onCaller) -> {
                if (failure != null || first == null) {
                    failOpen(failure);
                    return;
                }
                holder = first;
                deadline = System.nanoTime() + leaseNanos;
                next();
            });
        }

        /** One turn of the loop: holding the lease, out of time, or wait a pause and poll. */
        private void next() {
            if (token.equals(holder)) {
                readAsHolder();
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                outcome.complete(NONE);
                return;
            }
            long delay = Math.min(pause, left);
            pause = Math.min(pause * 2, MAX_POLL_NANOS);
            try {
                AsyncSteps.later(delay, this::poll);
            } catch (Throwable e) {
                failOpen(e); // nothing to wait with: load rather than hang
            }
        }

        /** Reads the entry; when it is not there yet, asks for the lease again. */
        private void poll() {
            AsyncSteps.after(read(), false, (raw, failure, onCaller) -> {
                if (failure != null) {
                    failOpen(failure);
                    return;
                }
                if (ProtectedReadThrough.fresh(raw, policy, p)) {
                    outcome.complete(found(raw));
                    return;
                }
                AsyncSteps.after(tryLease(), false, (next, leaseFailure, ignored) -> {
                    if (leaseFailure != null || next == null) {
                        failOpen(leaseFailure);
                        return;
                    }
                    if (!next.equals(holder)) {
                        holder = next;
                        deadline = System.nanoTime() + leaseNanos;
                    }
                    next();
                });
            });
        }

        /** This caller holds the lease: the previous holder may have stored and released between our read and our lease. */
        private void readAsHolder() {
            AsyncFleetLease mine = new AsyncFleetLease(null, b, leases, lockKey, token);
            AsyncSteps.after(read(), false, (raw, failure, onCaller) -> {
                if (failure != null) {
                    b.counters.backendErrors.increment();
                    b.log.failed("read", AsyncReadThrough.unwrap(failure));
                    outcome.complete(mine); // load, and release the lease after
                    return;
                }
                if (ProtectedReadThrough.fresh(raw, policy, p)) {
                    mine.release();
                    outcome.complete(found(raw));
                    return;
                }
                outcome.complete(mine);
            });
        }

        private CompletableFuture<String> tryLease() {
            try {
                return leases.tryLeaseAsync(lockKey, token, p.lease);
            } catch (Throwable e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        private CompletableFuture<Object> read() {
            try {
                return b.async.get(key);
            } catch (Throwable e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        /** A failed lease or poll: counted and logged, and the caller loads without a lease. */
        private void failOpen(Throwable failure) {
            Throwable cause = failure == null
                    ? new IllegalStateException("the lease backend answered no holder for " + lockKey)
                    : AsyncReadThrough.unwrap(failure);
            b.counters.backendErrors.increment();
            b.log.failed("fleet lease", cause);
            outcome.complete(NONE);
        }
    }
}
