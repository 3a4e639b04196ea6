package io.cachetory.memo;


/**
 * Memoization of a method with load protection (fleet single-flight, refresh-ahead,
 * stale-if-error): one synchronous algorithm for proxies, the agent and {@code Memo.of}. Unlike
 * plain memoization it runs the body itself (through {@link Body}), because it may have to replace
 * the body's exception with a stale value, or run the body again in the background.
 */
final class ProtectedReadThrough {
    private ProtectedReadThrough() {}

    /** The method's body for one call; run on the caller's thread, or on a background thread to refresh. */
    interface Body {
        Object run() throws Throwable;
    }

    /**
     * The whole protected call: {@link #enter}, then {@link #resume} unless the entry answered.
     *
     * @return the method's result (the null marker for {@code null}, {@code skipDefault} for a purged
     *     call)
     * @throws Throwable what the body threw, unless a stale value answers instead
     */
    static Object call(Binding b, String key, StorePolicy policy, LoadProtection p, Object skipDefault, Body body) {
        Object answer = enter(b, key, policy, p);
        return answer instanceof Unanswered u ? resume(b, key, policy, p, skipDefault, body, u) : answer;
    }

    /**
     * What {@link #enter} answers when the entry alone does not answer the call: what it read, for
     * {@link #resume} to go on from. Made only off the hit path.
     */
    static final class Unanswered {
        /** A call under {@code Cachetory.purge}/{@code refresh}: nothing was read. */
        static final Unanswered UNDER_MODE = new Unanswered(null);
        static final Unanswered NOTHING = new Unanswered(null);
        final Object raw;

        Unanswered(Object raw) {
            this.raw = raw;
        }
    }

    /**
     * The hit path, which needs no body (so callers make none, nor an argument array, for a hit): a
     * returnable entry that is certainly fresh and not yet due for a reload is counted as a hit and
     * returned, judged without reading the clock while its limits are more than a second away.
     *
     * @return the stored value (the null marker for null), or an {@link Unanswered} for {@link #resume}
     */
    static Object enter(Binding b, String key, StorePolicy policy, LoadProtection p) {
        if (CallMode.current() != null) {
            return Unanswered.UNDER_MODE;
        }
        Object raw = ReadThrough.read(b, key);
        if (raw == null) {
            return Unanswered.NOTHING;
        }
        if (raw instanceof Stamped s) {
            Object value = s.value();
            if (policy.returnable(value) && p.surelyFresh(s.writtenAtMillis())) {
                b.counters.hits.increment();
                return value;
            }
        } else if (policy.returnable(raw)) {
            // stored bare (before the method had refresh or staleIfError): no age, a plain hit
            b.counters.hits.increment();
            return raw;
        }
        return new Unanswered(raw);
    }

    /**
     * Goes on from an {@link #enter} that did not answer: the entry's age on the real clock, a
     * reload, the load under single-flight, a stale value when the body fails.
     *
     * @return the method's result (the null marker for {@code null}, {@code skipDefault} for a purged
     *     call)
     * @throws Throwable what the body threw, unless a stale value answers instead
     */
    static Object resume(Binding b, String key, StorePolicy policy, LoadProtection p, Object skipDefault, Body body,
                         Unanswered read) {
        if (read == Unanswered.UNDER_MODE) {
            CallMode mode = CallMode.current();
            if (mode.purge) {
                return mode.purge(b.cache.delete(key), skipDefault);
            }
            mode.claimRefresh();
            Object result = run(body);
            store(b, key, policy, p, result, true);
            return marked(result);
        }
        Object raw = read.raw;
        Object stale = null;
        if (raw != null) {
            Object value = valueOf(raw);
            if (!policy.returnable(value)) {
                ReadThrough.refuseWrongType(b, key, policy, value);
            } else {
                long age = ageOf(raw);
                if (age < 0 || p.ttlMillis < 0 || age < p.ttlMillis) {
                    b.counters.hits.increment();
                    if (p.refreshMillis > 0 && age >= p.refreshMillis) {
                        Reload.start(b, key, policy, p, body);
                    }
                    return value;
                }
                if (p.staleMillis > 0 && age < p.ttlMillis + p.staleMillis) {
                    stale = value;
                }
            }
        }
        b.counters.misses.increment();
        return load(b, key, policy, p, body, stale);
    }

    private static Object load(Binding b, String key, StorePolicy policy, LoadProtection p, Body body, Object stale) {
        Flight mine = new Flight();
        Flight running = b.flights.putIfAbsent(key, mine);
        if (running != null && running.owner != mine.owner) {
            try {
                Object result = running.await();
                return result == null ? CachedNull.INSTANCE : result;
            } catch (Throwable t) {
                if (stale != null) {
                    b.counters.staleServed.increment();
                    return stale;
                }
                throw t;
            }
        }
        // running != null here is a recursive call with the same key: it loads by itself
        Flight flight = running == null ? mine : null;
        Object result = null;
        Throwable thrown = null;
        FleetLease lease = null;
        try {
            if (p.fleet) {
                lease = FleetLease.acquireOrWait(b, key, policy, p);
                if (lease.found != null) {
                    result = lease.found == CachedNull.INSTANCE ? null : lease.found;
                    return lease.found;
                }
            }
            try {
                result = body.run();
            } catch (Throwable t) {
                thrown = t;
            }
            if (thrown == null) {
                b.counters.loads.increment();
                store(b, key, policy, p, result, stale != null);
                return marked(result);
            }
            b.counters.loadFailures.increment();
            if (stale != null) {
                b.counters.staleServed.increment();
                return stale;
            }
            throw Sneaky.<RuntimeException>rethrow(thrown);
        } finally {
            if (lease != null) {
                lease.release();
            }
            if (flight != null) {
                b.flights.remove(key, flight);
                flight.complete(result, thrown);
            }
        }
    }

    /** The stored value inside a raw entry. */
    static Object valueOf(Object raw) {
        return raw instanceof Stamped s ? s.value() : raw;
    }

    /** @return the entry's age in ms, or -1 when it was stored without a write time */
    static long ageOf(Object raw) {
        return raw instanceof Stamped s ? Math.max(0, LoadProtection.now() - s.writtenAtMillis()) : -1;
    }

    /** @return whether a raw entry answers a call without loading (present, returnable, within its ttl) */
    static boolean fresh(Object raw, StorePolicy policy, LoadProtection p) {
        if (raw == null || !policy.returnable(valueOf(raw))) {
            return false;
        }
        long age = ageOf(raw);
        return age < 0 || p.ttlMillis < 0 || age < p.ttlMillis;
    }

    private static Object run(Body body) {
        try {
            return body.run();
        } catch (Throwable t) {
            throw Sneaky.<RuntimeException>rethrow(t);
        }
    }

    private static Object marked(Object result) {
        return result == null ? CachedNull.INSTANCE : result;
    }

    /**
     * Stores a result (fail-open): with its write time when the method has refresh or staleIfError,
     * for ttl + staleIfError. {@code overwrite}: a reload or a replacement of a stale entry, which
     * ignores ifNotExists (the old entry must go).
     */
    static void store(Binding b, String key, StorePolicy policy, LoadProtection p, Object result, boolean overwrite) {
        Object value = ReadThrough.storable(b, key, policy, result);
        try {
            if (value == null) {
                if (overwrite) {
                    b.cache.delete(key);
                }
                return;
            }
            Object stored = p.stamped ? new Stamped(LoadProtection.now(), value) : value;
            b.cache.set(key, stored, p.stamped ? p.storeTtl : policy.ttl(key), policy.ifNotExists && !overwrite);
        } catch (Throwable e) {
            b.counters.backendErrors.increment();
            b.log.failed("write", e);
        }
    }
}
