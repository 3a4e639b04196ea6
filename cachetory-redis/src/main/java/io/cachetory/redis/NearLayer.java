package io.cachetory.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.cachetory.backend.NearBackend;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * The near layer of a Redis backend: decoded values of recent reads and writes, bounded in number
 * and in age, kept in this JVM and served only while the server's invalidations are known to reach
 * it. It does no I/O and knows nothing of connections: whoever owns the tracked connection(s)
 * reports to it ({@link #invalidate}, {@link #invalidateAll}, {@link #streamLost},
 * {@link #streamArmed}), and the backend brackets its reads and writes with {@link #stamp} /
 * {@link #keepRead} and {@link #beforeWrite} / {@link #keepWritten}. So the same layer serves a
 * single connection, a sentinel-found master or the node connections of a cluster.
 *
 * <p>Rules it keeps:
 * <ul>
 *   <li>It answers only while armed: from {@link #streamArmed} (tracking confirmed on the
 *       connection the backend reads through) until {@link #streamLost}. Losing the stream empties
 *       it at once; nothing read before re-arming is ever kept.</li>
 *   <li>A value is kept only if nothing invalidated its key since the read or write was sent: each
 *       key hashes to one of {@value #STRIPES} invalidation counters, and every global event
 *       (flush, loss, re-arm) changes the epoch; a {@link Stamp} taken before sending records both,
 *       and keeping re-checks them under the entry's lock. A reply that arrives after an
 *       invalidation of its key therefore never puts the old value back.</li>
 *   <li>An entry lives at most until the deadline the backend gives (its Redis ttl, measured from
 *       before the command was sent, so never beyond the server's) and at most {@code ttl}. The
 *       deadline is kept in the entry and checked when it is read, not by Caffeine's variable
 *       expiry: a hit then costs a size-bounded lookup and, for an entry whose deadline is far off,
 *       a read of a lagging clock instead of the real one (the expiry wheel and the clock read cost
 *       more than the rest of a memoized near hit). Within {@code trustedNanos} of its deadline an
 *       entry is checked on the exact clock, so it is never served past the deadline.</li>
 * </ul>
 * Thread-safe; {@link #get} takes no lock.
 */
final class NearLayer {
    /** Number of invalidation counters keys are spread over (a power of two). */
    static final int STRIPES = 1024;
    /** "No expiry" for an entry: a century, so that a deadline (a clock reading plus it) stays far from overflowing. */
    static final long ETERNAL = Duration.ofDays(36_500).toNanos();

    /** What a read or write noted before it was sent. */
    record Stamp(int stripe, long sequence, long epoch) {}

    /**
     * A kept value. Not a record: an expired entry is removed by identity, never by comparing values
     * (which could run user code, or remove an equal newer entry).
     */
    private static final class Entry {
        final Object value;
        final long deadline;
        final long epoch;

        Entry(Object value, long deadline, long epoch) {
            this.value = value;
            this.deadline = deadline;
            this.epoch = epoch;
        }
    }

    private final Cache<String, Entry> entries;
    /**
     * {@link #entries} as a map, which hits read: its {@code get} is Caffeine's smaller lookup (no
     * statistics branch), and a hit must stay small enough to be inlined into a memoized call.
     */
    private final ConcurrentMap<String, Entry> map;
    private final AtomicLongArray sequences = new AtomicLongArray(STRIPES);
    /** Even: armed (served); odd: not armed. Changes on every flush, loss and arming. */
    private final AtomicLong epoch = new AtomicLong(1);
    /** The exact clock of deadlines. */
    private final Ticker ticker;
    /**
     * A reading of {@link #ticker} that may lag it but never leads it: an entry whose deadline lies
     * more than {@link #trustedNanos} beyond it is live without a read of {@link #ticker}.
     */
    private final LongSupplier laggingClock;
    private final long trustedNanos;
    private final long ttlNanos;
    private final long maxEntries;

    /** A layer on the system clock that reads it on a hit only near the entry's deadline. */
    static NearLayer onSystemClock(long maxEntries, Duration ttl) {
        return new NearLayer(maxEntries, ttl, Ticker.systemTicker(), NearBackend.laggingNanoClock(),
                NearBackend.LAGGING_CLOCK_TRUSTED_NANOS);
    }

    /** A layer that reads {@code ticker} on every hit (tests on a fake clock). */
    NearLayer(long maxEntries, Duration ttl, Ticker ticker) {
        this(maxEntries, ttl, ticker, ticker::read, Long.MAX_VALUE); // no deadline is that far: always exact
    }

    /**
     * @param laggingClock a reading of {@code ticker} that never leads it and lags it by less than
     *     {@code trustedNanos}
     */
    NearLayer(long maxEntries, Duration ttl, Ticker ticker, LongSupplier laggingClock, long trustedNanos) {
        this.maxEntries = maxEntries;
        this.ticker = ticker;
        this.laggingClock = laggingClock;
        this.trustedNanos = trustedNanos;
        this.ttlNanos = Math.min(ttl.toNanos(), ETERNAL);
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).build();
        this.map = entries.asMap();
    }

    /** @return now on the layer's clock, for deadlines */
    long now() {
        return ticker.read();
    }

    /** @return the value kept for the key, or {@code null} (none, expired, or the layer not armed) */
    Object get(String key) {
        long ep = epoch.get();
        if ((ep & 1) != 0) {
            return null;
        }
        Entry e = map.get(key);
        if (e == null || e.epoch != ep) {
            return null;
        }
        // kept small so that it inlines into memoized hits; the exact check lives apart
        return e.deadline - laggingClock.getAsLong() > trustedNanos ? e.value : checked(key, e);
    }

    /** The value of an entry the lagging clock could not vouch for, on the exact clock; removes it once expired. */
    private Object checked(String key, Entry e) {
        if (e.deadline - ticker.read() > 0) {
            return e.value;
        }
        map.remove(key, e);
        return null;
    }

    /** @return whether the layer is armed (serving) now */
    boolean armed() {
        return (epoch.get() & 1) == 0;
    }

    private static int stripe(String key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }

    /** Taken before a read is sent. @return the stamp, or {@code null} when not armed (nothing will be kept) */
    Stamp stamp(String key) {
        long ep = epoch.get();
        if ((ep & 1) != 0) {
            return null;
        }
        int i = stripe(key);
        return new Stamp(i, sequences.get(i), ep);
    }

    private boolean current(Stamp s) {
        return sequences.get(s.stripe()) == s.sequence() && epoch.get() == s.epoch();
    }

    private long cap(long deadline, long now) {
        return Math.min(deadline, now + ttlNanos);
    }

    /**
     * Keeps a value just read, if nothing invalidated its key since {@code stamp}.
     *
     * @param deadline when the entry dies at the latest on the layer's clock (its Redis ttl)
     */
    void keepRead(String key, Object value, Stamp stamp, long deadline) {
        long now = ticker.read();
        long d = cap(deadline, now);
        if (stamp == null || d - now <= 0) {
            return;
        }
        entries.asMap().compute(key, (k, old) -> current(stamp) ? new Entry(value, d, stamp.epoch()) : old);
    }

    /**
     * Taken before this JVM writes a key: drops what is kept for it, and makes every read of it still
     * in flight unable to keep its (older) value.
     *
     * @return the stamp for {@link #keepWritten}, or {@code null} when not armed
     */
    Stamp beforeWrite(String key) {
        int i = stripe(key);
        long seq = sequences.incrementAndGet(i);
        entries.invalidate(key);
        long ep = epoch.get();
        return (ep & 1) != 0 ? null : new Stamp(i, seq, ep);
    }

    /**
     * Keeps a value this JVM just wrote (and the server now tracks for this client), if nothing
     * invalidated its key since {@link #beforeWrite}; then makes reads of it still in flight unable
     * to keep their older values.
     */
    void keepWritten(String key, Object value, Stamp stamp, long deadline) {
        long now = ticker.read();
        long d = cap(deadline, now);
        if (stamp == null || d - now <= 0) {
            return;
        }
        entries.asMap().compute(key, (k, old) -> {
            if (!current(stamp)) {
                return old;
            }
            sequences.incrementAndGet(stamp.stripe());
            return new Entry(value, d, stamp.epoch());
        });
    }

    /** The server (or this JVM) changed the key: stop serving it, and keep no read in flight of it. */
    void invalidate(String key) {
        sequences.incrementAndGet(stripe(key));
        entries.invalidate(key);
    }

    /** Everything may have changed (a flush, a null-key invalidation, a prefix cleared): drop all. */
    void invalidateAll() {
        synchronized (epoch) {
            epoch.addAndGet(2);
        }
        entries.invalidateAll();
    }

    /** Invalidations may no longer arrive: empty the layer and stop serving until {@link #streamArmed}. */
    void streamLost() {
        synchronized (epoch) {
            long ep = epoch.get();
            epoch.set((ep & 1) == 0 ? ep + 1 : ep + 2);
        }
        entries.invalidateAll();
    }

    /** Tracking is confirmed on the connection reads go through: serve again, from empty. */
    void streamArmed() {
        synchronized (epoch) {
            long ep = epoch.get();
            epoch.set((ep & 1) != 0 ? ep + 1 : ep + 2);
        }
        entries.invalidateAll();
    }

    /** @return an estimate of the number of entries kept (for tests and diagnostics) */
    long size() {
        return entries.estimatedSize();
    }

    /** Runs pending evictions; for tests of the bound. */
    void cleanUp() {
        entries.cleanUp();
    }

    @Override
    public String toString() {
        return "near=" + maxEntries + "&near-ttl=" + Duration.ofNanos(ttlNanos);
    }
}
