package io.cachetory.backend;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * {@code memory://?max-size=N}: an in-process store on Caffeine with a ttl per entry and a bound on
 * the number of entries (default 10000, least valuable evicted first). Stores the objects it is given
 * (no copy). Thread-safe; reads take no lock.
 *
 * <p>Caffeine's first cache in a JVM takes ~0.1 s to build. A backend made while another thread is
 * building that first cache (the Java agent's warm-up thread, while the application starts) does not
 * wait for it: it begins on an interim map, written under a lock and bounded alike, and moves onto its
 * own Caffeine cache, entries and all, as soon as Caffeine is up.
 */
public final class MemoryBackend<W> implements Backend<W> {
    /** Default bound on the number of entries. */
    public static final long DEFAULT_MAX_SIZE = 10_000;

    /** The deadline of an entry that never expires. */
    private static final long ETERNAL = Long.MAX_VALUE;

    /**
     * The entries: Caffeine's map, or, until Caffeine is up in this JVM, an interim {@link
     * ConcurrentHashMap} that is read without a lock but written only under {@link #moving}, which
     * also guards the move; once moved, the interim map is never written again.
     */
    private volatile ConcurrentMap<String, Entry<W>> map;
    private final Object moving = new Object();
    private final CaffeineStart start;
    /** Nanoseconds, as {@link System#nanoTime()} reads them (a fake clock in tests). */
    private final LongSupplier nanoClock;
    /**
     * A reading of {@link #nanoClock} that may lag it but never leads it, {@code null} for {@link
     * CoarseClock} (on the system clock): a hit whose deadline lies more than {@link #trustedNanos}
     * beyond it is live without a read of {@link #nanoClock}.
     */
    private final LongSupplier laggingClock;
    private final long trustedNanos;
    /**
     * Whether this backend has registered with {@link CoarseClock#SYSTEM} (on its first read of an
     * entry with a ttl): from then on that clock ticks while this backend is alive. Volatile so that a
     * reader who sees it set also sees the reading the registration made current.
     */
    private volatile boolean onSystemClock;
    private final long maxSize;

    /**
     * A stored value and the clock reading after which it is gone. Expiry is checked when an entry
     * is read, not kept in Caffeine's variable-expiry wheel: a hit then costs a plain size-bounded
     * lookup (the wheel's bookkeeping on every read cost more than the rest of a memoized hit). An
     * expired entry that is never read again still counts toward the bound until it is evicted.
     */
    private record Entry<W>(W value, long deadline) {
        boolean expiredAt(long now) {
            return deadline != ETERNAL && now - deadline >= 0;
        }
    }

    /** A store of at most {@link #DEFAULT_MAX_SIZE} entries on the system clock. */
    public MemoryBackend() {
        this(DEFAULT_MAX_SIZE);
    }

    /**
     * A store on the system clock. A hit on an entry more than a second from its deadline reads the
     * clock the daemon thread {@code cachetory-clock} publishes (started by the first such read, it
     * ends once no such backend is alive) instead of calling {@link System#nanoTime()}; within that
     * second it reads the real clock, so entries expire exactly at their ttl.
     *
     * @param maxSize the bound on the number of entries, positive
     * @throws IllegalArgumentException when {@code maxSize} is not positive
     */
    public MemoryBackend(long maxSize) {
        this(maxSize, System::nanoTime, null, CoarseClock.TRUSTED_NANOS, CaffeineStart.JVM);
    }

    /**
     * A store on the given clock, read on every hit of an entry with a ttl.
     *
     * @param maxSize the bound on the number of entries, positive
     * @param nanoClock the clock of expiry in nanoseconds (a fake clock in tests)
     * @throws IllegalArgumentException when {@code maxSize} is not positive
     */
    public MemoryBackend(long maxSize, LongSupplier nanoClock) {
        this(maxSize, nanoClock, nanoClock, Long.MAX_VALUE, CaffeineStart.JVM); // no deadline is that far: always exact
    }

    /** @param laggingClock {@code null} for {@link CoarseClock} */
    MemoryBackend(long maxSize, LongSupplier nanoClock, LongSupplier laggingClock, long trustedNanos, CaffeineStart start) {
        if (maxSize <= 0) {
            throw new IllegalArgumentException("max-size must be positive, got " + maxSize);
        }
        this.maxSize = maxSize;
        this.nanoClock = java.util.Objects.requireNonNull(nanoClock, "nanoClock");
        this.laggingClock = laggingClock;
        this.trustedNanos = trustedNanos;
        this.start = start;
        this.map = new ConcurrentHashMap<>();
        // last: the start may hand this backend to another thread (under its lock: all of it visible)
        if (start.buildNow(this)) {
            boolean built = false;
            try {
                map = caffeineMap();
                built = true;
            } finally {
                start.done(built);
            }
        }
    }

    private ConcurrentMap<String, Entry<W>> caffeineMap() {
        return Caffeine.newBuilder().maximumSize(maxSize).<String, Entry<W>>build().asMap();
    }

    /** Moves the entries of the interim map onto a Caffeine cache, unless they are there already. */
    void moveToCaffeine() {
        synchronized (moving) {
            moveLocked();
        }
    }

    private void moveLocked() {
        ConcurrentMap<String, Entry<W>> interim = map;
        if (interim instanceof ConcurrentHashMap) {
            ConcurrentMap<String, Entry<W>> caffeine = caffeineMap();
            caffeine.putAll(interim);
            map = caffeine;
        }
    }

    /**
     * The map to write to, with {@link #moving} held: the interim map while Caffeine is still being
     * started elsewhere and the bound is not reached, else (after moving there) Caffeine's.
     */
    private ConcurrentMap<String, Entry<W>> writableLocked() {
        ConcurrentMap<String, Entry<W>> m = map;
        if (m instanceof ConcurrentHashMap && (m.size() >= maxSize || !start.underWay())) {
            moveLocked(); // the bound holds on the interim map too; a failed start is retried here
            m = map;
        }
        return m;
    }

    private long deadline(Duration ttl) {
        if (ttl == null) {
            return ETERNAL;
        }
        long nanos;
        try {
            nanos = ttl.toNanos();
        } catch (ArithmeticException tooLong) {
            return ETERNAL;
        }
        long deadline = nanoClock.getAsLong() + nanos;
        return deadline < 0 || deadline == ETERNAL ? ETERNAL : deadline; // overflow: as good as eternal
    }

    /** The live entry of a key, removing it (only it, never a newer one) when it has expired. */
    private Entry<W> live(String key, Entry<W> entry, long now) {
        if (entry != null && entry.expiredAt(now)) {
            remove(key, entry);
            return null;
        }
        return entry;
    }

    @Override
    public W get(String key) {
        Entry<W> entry = map.get(key);
        if (entry == null) {
            return null;
        }
        long deadline = entry.deadline;
        if (deadline == ETERNAL) {
            return entry.value;
        }
        // kept small so that it inlines into memoized hits (no supplier on the system clock: a call
        // level less); the exact check lives apart
        long lagging = laggingClock == null ? systemReading() : laggingClock.getAsLong();
        return deadline - lagging > trustedNanos ? entry.value : checked(key, entry);
    }

    /** {@link CoarseClock#SYSTEM}'s reading, registering this backend with it on first use. */
    private long systemReading() {
        if (!onSystemClock) {
            CoarseClock.SYSTEM.register(this);
            onSystemClock = true;
        }
        return CoarseClock.SYSTEM.now();
    }

    /** The value of an entry the lagging clock could not vouch for, on the exact clock. */
    private W checked(String key, Entry<W> entry) {
        Entry<W> live = live(key, entry, nanoClock.getAsLong());
        return live == null ? null : live.value;
    }

    @Override
    public Map<String, W> getMany(Collection<String> keys) {
        long now = nanoClock.getAsLong();
        ConcurrentMap<String, Entry<W>> m = map;
        Map<String, W> found = new LinkedHashMap<>();
        for (String key : keys) {
            Entry<W> entry = live(key, m.get(key), now);
            if (entry != null) {
                found.put(key, entry.value);
            }
        }
        return found;
    }

    /*
     * Each write runs on the map it reads; when that is the interim map, under the lock that a move
     * takes, on the map the lock leaves (a move may just have happened).
     */

    private void remove(String key, Entry<W> entry) {
        ConcurrentMap<String, Entry<W>> m = map;
        if (m instanceof ConcurrentHashMap) {
            synchronized (moving) {
                writableLocked().remove(key, entry);
            }
        } else {
            m.remove(key, entry);
        }
    }

    @Override
    public boolean set(String key, W value, Duration ttl, boolean ifNotExists) {
        Entry<W> entry = new Entry<>(value, deadline(ttl));
        ConcurrentMap<String, Entry<W>> m = map;
        if (m instanceof ConcurrentHashMap) {
            synchronized (moving) {
                return set(writableLocked(), key, entry, ifNotExists);
            }
        }
        return set(m, key, entry, ifNotExists);
    }

    private boolean set(ConcurrentMap<String, Entry<W>> m, String key, Entry<W> entry, boolean ifNotExists) {
        if (!ifNotExists) {
            m.put(key, entry);
            return true;
        }
        boolean[] stored = {false};
        m.compute(key, (k, old) -> {
            if (old == null || old.expiredAt(nanoClock.getAsLong())) {
                stored[0] = true;
                return entry;
            }
            return old;
        });
        return stored[0];
    }

    @Override
    public void setMany(Map<String, ? extends W> items, Duration ttl) {
        long deadline = deadline(ttl);
        for (Map.Entry<String, ? extends W> e : items.entrySet()) {
            Entry<W> entry = new Entry<>(e.getValue(), deadline);
            ConcurrentMap<String, Entry<W>> m = map;
            if (m instanceof ConcurrentHashMap) {
                synchronized (moving) {
                    writableLocked().put(e.getKey(), entry);
                }
            } else {
                m.put(e.getKey(), entry);
            }
        }
    }

    @Override
    public void expireIn(String key, Duration ttl) {
        long deadline = deadline(ttl);
        ConcurrentMap<String, Entry<W>> m = map;
        if (m instanceof ConcurrentHashMap) {
            synchronized (moving) {
                expireIn(writableLocked(), key, deadline);
            }
        } else {
            expireIn(m, key, deadline);
        }
    }

    private void expireIn(ConcurrentMap<String, Entry<W>> m, String key, long deadline) {
        m.computeIfPresent(key, (k, old) -> old.expiredAt(nanoClock.getAsLong()) ? null : new Entry<>(old.value, deadline));
    }

    @Override
    public boolean delete(String key) {
        Entry<W> removed = removeKey(key);
        return removed != null && !removed.expiredAt(nanoClock.getAsLong());
    }

    private Entry<W> removeKey(String key) {
        ConcurrentMap<String, Entry<W>> m = map;
        if (m instanceof ConcurrentHashMap) {
            synchronized (moving) {
                return writableLocked().remove(key);
            }
        }
        return m.remove(key);
    }

    @Override
    public void deleteMany(Collection<String> keys) {
        for (String key : keys) {
            removeKey(key);
        }
    }

    @Override
    public void clear() {
        ConcurrentMap<String, Entry<W>> m = map;
        if (m instanceof ConcurrentHashMap) {
            synchronized (moving) {
                writableLocked().clear();
            }
        } else {
            m.clear();
        }
    }

    @Override
    public void clearPrefix(String prefix) {
        ConcurrentMap<String, Entry<W>> m = map;
        if (m instanceof ConcurrentHashMap) {
            synchronized (moving) {
                writableLocked().keySet().removeIf(k -> k.startsWith(prefix));
            }
        } else {
            m.keySet().removeIf(k -> k.startsWith(prefix));
        }
    }

    @Override
    public void close() {
        clear();
    }

    @Override
    public String toString() {
        return "memory://?max-size=" + maxSize;
    }
}
