package io.cachetory.memo;

/**
 * Refresh-ahead: reloads an entry older than {@code refresh} in the background while callers keep
 * getting the stored value. One reload per key at a time in a JVM, and under fleet single-flight
 * one per fleet (the reload takes the key's lease, and skips when another JVM holds it or already
 * refreshed the entry). A failed reload keeps the old entry and is logged (rate-limited).
 */
final class Reload {
    private Reload() {}

    static void start(Binding b, String key, StorePolicy policy, LoadProtection p, ProtectedReadThrough.Body body) {
        if (!p.refreshing.add(key)) {
            return;
        }
        try {
            LoadProtection.executor().execute(() -> {
                try {
                    run(b, key, policy, p, body);
                } finally {
                    p.refreshing.remove(key);
                }
            });
        } catch (Throwable e) {
            p.refreshing.remove(key);
            b.log.failed("starting a background refresh", e);
        }
    }

    private static void run(Binding b, String key, StorePolicy policy, LoadProtection p, ProtectedReadThrough.Body body) {
        FleetLease lease = p.fleet ? FleetLease.tryTake(b, key, p) : null;
        if (p.fleet && lease == null) {
            return; // another JVM is loading or reloading this key
        }
        try {
            if (!stillOld(b, key, p)) {
                // refreshed between the read that started this reload and now: by another JVM, or
                // by the reload before this one, which ended after that read (checked with or
                // without a lease: a fleet reload over a backend without leases races like a JVM one)
                return;
            }
            Object result;
            try {
                result = body.run();
            } catch (Throwable t) {
                b.counters.loadFailures.increment();
                b.log.failed("background refresh (the old entry stays)", t);
                return;
            }
            b.counters.loads.increment();
            ProtectedReadThrough.store(b, key, policy, p, result, true);
        } finally {
            if (lease != null) {
                lease.release();
            }
        }
    }

    private static boolean stillOld(Binding b, String key, LoadProtection p) {
        Object raw = ReadThrough.read(b, key);
        return raw == null || ProtectedReadThrough.ageOf(raw) >= p.refreshMillis;
    }
}
