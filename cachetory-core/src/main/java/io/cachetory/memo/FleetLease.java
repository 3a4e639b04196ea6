package io.cachetory.memo;

import io.cachetory.backend.LeaseBackend;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One caller's part in fleet-wide single-flight for one key: either it holds the key's lease in the
 * backend (and loads), or it found the value another JVM's holder stored, or it loads without a
 * lease (the backend has no leases, failed, or the wait ran out). Backend failures are fail-open:
 * they end the wait at once and the caller loads.
 */
final class FleetLease {
    private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final FleetLease NONE = new FleetLease(null, null, null, null, null);

    /** A fresh value another caller stored while this one waited (the null marker for null), or null. */
    final Object found;
    private final Binding binding;
    private final LeaseBackend leases;
    private final String lockKey;
    private final String token;

    private FleetLease(Object found, Binding binding, LeaseBackend leases, String lockKey, String token) {
        this.found = found;
        this.binding = binding;
        this.leases = leases;
        this.lockKey = lockKey;
        this.token = token;
    }

    boolean held() {
        return token != null;
    }

    /**
     * Takes the key's lease, or waits for its holder's value: polls the entry with a short backoff
     * for at most the lease (restarted when the lease changes hands), taking the lease whenever it
     * is free. Returns when this caller holds the lease, found a fresh value, or should load anyway.
     */
    static FleetLease acquireOrWait(Binding b, String key, StorePolicy policy, LoadProtection p) {
        LeaseBackend leases = b.cache.leases();
        if (leases == null) {
            return NONE;
        }
        String lockKey = lockKey(b, key);
        String token = UUID.randomUUID().toString();
        long leaseNanos = p.leaseNanos;
        try {
            String holder = leases.tryLease(lockKey, token, p.lease);
            long deadline = System.nanoTime() + leaseNanos;
            long pause = FIRST_POLL_NANOS;
            while (true) {
                if (token.equals(holder)) {
                    FleetLease mine = new FleetLease(null, b, leases, lockKey, token);
                    // the previous holder may have stored and released between our read and our lease
                    Object raw;
                    try {
                        raw = b.cache.get(key);
                    } catch (Throwable e) {
                        b.counters.backendErrors.increment();
                        b.log.failed("read", e);
                        return mine; // load, and release the lease after
                    }
                    if (ProtectedReadThrough.fresh(raw, policy, p)) {
                        mine.release();
                        return new FleetLease(ProtectedReadThrough.valueOf(raw), null, null, null, null);
                    }
                    return mine;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return NONE;
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
                pause = Math.min(pause * 2, MAX_POLL_NANOS);
                Object raw = b.cache.get(key);
                if (ProtectedReadThrough.fresh(raw, policy, p)) {
                    return new FleetLease(ProtectedReadThrough.valueOf(raw), null, null, null, null);
                }
                String next = leases.tryLease(lockKey, token, p.lease);
                if (!next.equals(holder)) {
                    holder = next;
                    deadline = System.nanoTime() + leaseNanos;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NONE;
        } catch (Throwable e) {
            b.counters.backendErrors.increment();
            b.log.failed("fleet lease", e);
            return NONE;
        }
    }

    /** Takes the key's lease if it is free, without waiting (background reloads); fail-open to no lease. */
    static FleetLease tryTake(Binding b, String key, LoadProtection p) {
        LeaseBackend leases = b.cache.leases();
        if (leases == null) {
            return NONE;
        }
        String lockKey = lockKey(b, key);
        String token = UUID.randomUUID().toString();
        try {
            return token.equals(leases.tryLease(lockKey, token, p.lease)) ? new FleetLease(null, b, leases, lockKey, token) : null;
        } catch (Throwable e) {
            b.counters.backendErrors.increment();
            b.log.failed("fleet lease", e);
            return null;
        }
    }

    /** Releases the lease if this caller holds it (compare-and-delete); never throws. */
    void release() {
        if (token == null) {
            return;
        }
        try {
            leases.releaseLease(lockKey, token);
        } catch (Throwable e) {
            binding.counters.backendErrors.increment();
            binding.log.failed("fleet lease release", e);
        }
    }

    private static String lockKey(Binding b, String key) {
        return b.cache.prefix() + key + ".lock";
    }

}
