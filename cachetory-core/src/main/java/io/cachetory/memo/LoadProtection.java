package io.cachetory.memo;

import io.cachetory.Durations;
import io.cachetory.annotations.SingleFlight;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The load-protection options of one memoized method (fleet single-flight, refresh-ahead,
 * stale-if-error), validated once. Only methods with at least one of them have one: the hit path of
 * other methods does not change. Thread-safe.
 */
final class LoadProtection {
    static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);
    /** The latest write time whose nanoseconds since the epoch fit a long. */
    private static final long LATEST_MILLIS = Long.MAX_VALUE / 1_000_000L;

    /** The real clock: milliseconds since the epoch. */
    static final LongSupplier SYSTEM_CLOCK = System::currentTimeMillis;
    /** Milliseconds since the epoch; replaced by tests that need to move time. */
    static volatile LongSupplier clock = SYSTEM_CLOCK;

    /**
     * Runs background reloads: the body of a synchronous method's reload, and the start of a
     * future-returning method's (the body then returns its future; nothing here waits for it).
     * Made on first use: a JVM whose methods use no load protection never starts its machinery.
     */
    static ExecutorService executor() {
        return Executor.INSTANCE;
    }

    private static final class Executor {
        static final ExecutorService INSTANCE = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "cachetory-load-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            }
        });
    }

    final boolean fleet;
    /** The ttl in ms, or -1 for eternal entries (allowed only without refresh and staleIfError). */
    final long ttlMillis;
    /** 0 = off. */
    final long refreshMillis;
    /** 0 = off. */
    final long staleMillis;
    final Duration lease;
    /** The lease in nanoseconds, saturated: a lease of centuries (allowed) overflows {@code toNanos()}. */
    final long leaseNanos;
    /** What entries are stored with: ttl + staleIfError (null = eternal). */
    final Duration storeTtl;
    /** Whether entries carry their write time ({@link Stamped}): with refresh or staleIfError. */
    final boolean stamped;
    /** Keys whose background reload runs in this JVM: one at a time per key. */
    final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    /**
     * How young (by {@link #laggingEpochNanos()}) a stamped entry must be for a hit to need neither the
     * real clock nor a reload: the refresh period (else the ttl) less what that clock may lag by.
     */
    private final long surelyFreshNanos;
    private final LaggingEpochClock laggingClock = new LaggingEpochClock();

    private LoadProtection(boolean fleet, Duration ttl, Duration refresh, Duration stale, Duration lease) {
        this.fleet = fleet;
        this.ttlMillis = ttl == null ? -1 : ttl.toMillis();
        this.refreshMillis = refresh == null ? 0 : refresh.toMillis();
        this.staleMillis = stale == null ? 0 : stale.toMillis();
        this.lease = lease;
        this.leaseNanos = lease.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : lease.toNanos();
        this.storeTtl = ttl == null ? null : stale == null ? ttl : ttl.plus(stale);
        this.stamped = refresh != null || stale != null;
        long limitMillis = refreshMillis > 0 ? refreshMillis : ttlMillis;
        this.surelyFreshNanos = limitMillis < 0 ? Long.MAX_VALUE : limitMillis * 1_000_000L - LaggingEpochClock.TRUSTED_NANOS;
    }

    /**
     * Whether an entry written at {@code writtenAtMillis} is certainly within its ttl and not yet due
     * for a reload, judged on the lagging clock (no clock call); false means "read the real clock".
     */
    boolean surelyFresh(long writtenAtMillis) {
        if (surelyFreshNanos == Long.MAX_VALUE) {
            return true;
        }
        if (writtenAtMillis < 0 || writtenAtMillis > LATEST_MILLIS) {
            return false; // nothing a real writer wrote: the exact path decides
        }
        return laggingEpochNanos() - writtenAtMillis * 1_000_000L < surelyFreshNanos;
    }

    /** {@link #clock} in nanoseconds, lagging when it is the real clock; exact when a test set its own. */
    private long laggingEpochNanos() {
        LongSupplier c = clock;
        return c == SYSTEM_CLOCK ? laggingClock.epochNanos() : c.getAsLong() * 1_000_000L;
    }

    /**
     * @param where names the method in messages, e.g. {@code "@Cached on com.example.Q.quote(java.lang.String)"}
     * @param ttl the method's fixed ttl, null when eternal or computed per key
     * @param ttlPerKey whether the ttl is computed from the key (refresh and staleIfError need a fixed one)
     * @return the options, or null when none is set (plain memoization)
     * @throws IllegalArgumentException naming {@code where} on an invalid combination or duration
     */
    static LoadProtection of(String where, SingleFlight singleFlight, Duration ttl, boolean ttlPerKey,
                             Duration refresh, Duration stale, Duration lease) {
        if (singleFlight == null) {
            throw new IllegalArgumentException(where + ": singleFlight must not be null");
        }
        if (refresh != null) {
            positive(where, "refresh", refresh);
            if (ttl == null) {
                throw new IllegalArgumentException(where + ": refresh " + refresh + " needs a " + (ttlPerKey ? "fixed " : "") + "ttl");
            }
            if (refresh.compareTo(ttl) >= 0) {
                throw new IllegalArgumentException(where + ": refresh " + refresh + " must be shorter than the ttl " + ttl);
            }
        }
        if (stale != null) {
            positive(where, "staleIfError", stale);
            if (ttl == null) {
                throw new IllegalArgumentException(where + ": staleIfError " + stale + " needs a " + (ttlPerKey ? "fixed " : "") + "ttl");
            }
            Durations.checkTtl(ttl.plus(stale), where + ": ttl + staleIfError");
        }
        if (lease != null) {
            positive(where, "lease", lease);
        }
        if (singleFlight == SingleFlight.JVM && refresh == null && stale == null) {
            return null;
        }
        return new LoadProtection(singleFlight == SingleFlight.FLEET, ttl, refresh, stale, lease == null ? DEFAULT_LEASE : lease);
    }

    /** The options of an annotated method. @throws IllegalArgumentException naming the method */
    static LoadProtection of(CachedAttributes cached, String where, Duration ttl) {
        String at = "@Cached on " + where;
        return of(at, cached.singleFlight, ttl, false, durationAttribute(at, "refresh", cached.refresh),
                durationAttribute(at, "staleIfError", cached.staleIfError), durationAttribute(at, "lease", cached.lease));
    }

    /**
     * A duration attribute of {@code @Cached} ({@code ttl}, {@code refresh}, …): empty is none (null);
     * otherwise positive and at most {@link Durations#MAX_TTL}.
     *
     * @throws IllegalArgumentException naming the method, the attribute and its text
     */
    static Duration durationAttribute(String where, String attribute, String text) {
        if (text.isEmpty()) {
            return null;
        }
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + attribute + " '" + text + "': " + e.getMessage(), e);
        }
        return positive(where, attribute + " '" + text + "'", d);
    }

    private static Duration positive(String where, String what, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(where + ": " + what + " must be positive, got " + d);
        }
        if (d.compareTo(Durations.MAX_TTL) > 0) {
            throw new IllegalArgumentException(where + ": " + what + " must be at most " + Durations.MAX_TTL.toDays() + " days, got " + d);
        }
        return d;
    }

    static long now() {
        return clock.getAsLong();
    }
}
