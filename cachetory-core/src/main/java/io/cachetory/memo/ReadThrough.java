package io.cachetory.memo;

import io.cachetory.SerializationException;
import io.cachetory.StructureMismatchException;
import java.time.Duration;

/**
 * The synchronous memoization algorithm shared by proxies, the agent and {@code Memo.of}: read
 * (fail-open), count, single-flight, and store after the load.
 */
final class ReadThrough {
    private ReadThrough() {}

    /**
     * @param skipDefault what a purged call returns in place of running (boxed zero, or the null marker)
     * @return a stored value or a waited-for result (skip the body), or a {@link SyncCall} (run it)
     */
    static Object enter(Binding b, String key, StorePolicy policy, Object skipDefault) {
        CallMode mode = CallMode.current();
        if (mode != null) {
            return underMode(mode, b, key, policy, skipDefault);
        }
        Object value = read(b, key);
        if (value != null && policy.returnable(value)) {
            b.counters.hits.increment();
            return value;
        }
        // the rest is out of line: the hit path above stays small enough for the JIT to inline whole
        return miss(b, key, policy, value);
    }

    private static Object underMode(CallMode mode, Binding b, String key, StorePolicy policy, Object skipDefault) {
        if (mode.purge) {
            return mode.purge(b.cache.delete(key), skipDefault);
        }
        mode.claimRefresh();
        return new SyncCall(b, key, policy, null, true);
    }

    /** @param value what the read found: null, or a stored value the method cannot return */
    private static Object miss(Binding b, String key, StorePolicy policy, Object value) {
        if (value != null) {
            refuseWrongType(b, key, policy, value);
        }
        b.counters.misses.increment();
        Flight mine = new Flight();
        Flight running = b.flights.putIfAbsent(key, mine);
        if (running == null) {
            return new SyncCall(b, key, policy, mine, false);
        }
        if (running.owner == mine.owner) {
            // a recursive call with the same key: waiting for ourselves would never end
            return new SyncCall(b, key, policy, null, false);
        }
        Object result = running.await();
        return result == null ? CachedNull.INSTANCE : result;
    }

    /**
     * Reads an entry; a failure is a miss (logged, counted), and an entry that does not decode is
     * deleted. Any {@code Throwable} of the cache path counts, {@code Error}s included (a class that
     * fails to link, a stack or heap exhausted by what was read): the caller's call never fails for it.
     */
    static Object read(Binding b, String key) {
        try {
            return b.cache.get(key);
        } catch (StructureMismatchException e) {
            // Another version's value (a facade answers null for it; a cache of other making may
            // throw): a plain miss. It is left in place, since the JVMs of that version still use it.
            return null;
        } catch (SerializationException e) {
            b.counters.backendErrors.increment();
            b.log.failed("reading a stored value", e);
            deleteQuietly(b, key);
            return null;
        } catch (Throwable e) {
            b.counters.backendErrors.increment();
            b.log.failed("read", e);
            return null;
        }
    }

    /**
     * A stored value the method cannot return (written by another release or another service under
     * the same key): a miss, logged and counted as a failed read, and deleted so the load replaces it.
     */
    static void refuseWrongType(Binding b, String key, StorePolicy policy, Object value) {
        b.counters.backendErrors.increment();
        b.log.failed("reading a stored value", new io.cachetory.SerializationException("the entry holds a "
                + value.getClass().getName() + " where " + policy.valueType.getName() + " is returned"));
        deleteQuietly(b, key);
    }

    static void deleteQuietly(Binding b, String key) {
        try {
            b.cache.delete(key);
        } catch (Throwable e) {
            b.counters.backendErrors.increment();
            b.log.failed("delete of an unreadable entry", e);
        }
    }

    /** @return the value to store for a result, or null when the policy says not to store it */
    static Object storable(Binding b, String key, StorePolicy policy, Object result) {
        if (result == null && !policy.cacheNull) {
            return null;
        }
        if (policy.exclude != null) {
            try {
                if (policy.exclude.test(key, result)) {
                    return null;
                }
            } catch (RuntimeException e) {
                b.log.failed("exclude test", e);
                return null;
            }
        }
        return result == null ? CachedNull.INSTANCE : result;
    }

    static void store(Binding b, String key, StorePolicy policy, Object result, boolean refresh) {
        Object value = storable(b, key, policy, result);
        try {
            if (value == null) {
                if (refresh) {
                    b.cache.delete(key);
                }
                return;
            }
            Duration ttl = policy.ttl(key);
            b.cache.set(key, value, ttl, policy.ifNotExists && !refresh);
        } catch (Throwable e) {
            b.counters.backendErrors.increment();
            b.log.failed("write", e);
        }
    }
}
