package io.cachetory.backend;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link System#nanoTime()} reading published by a daemon thread every {@link #TICK_NANOS}, so that a
 * memory hit far from its entry's deadline needs no clock read of its own. On the virtual machines
 * this library is measured on, {@code System.nanoTime()} costs about half of a hand-written Caffeine
 * hit; reading this field costs a plain load.
 *
 * <p>The reading only ever lags the real clock (by a tick, plus however long the thread waits to be
 * scheduled), never leads it, so a reader may trust it to say "the deadline is still more than
 * {@link #TRUSTED_NANOS} away" and must read the real clock otherwise.
 *
 * <p>The thread runs while some user {@linkplain #register registered} with the clock is alive: it
 * starts with the first registration, and ends once every user has been garbage-collected for
 * {@link #IDLE_TICKS} ticks (so an application undeployed from a container does not keep it, and its
 * class loader, alive); a later registration starts another. It holds no context class loader.
 * Thread-safe.
 */
final class CoarseClock {
    /** How often the reading is refreshed. */
    static final long TICK_NANOS = 50_000_000L;
    /**
     * How far ahead of the reading a deadline must lie for a reader to skip the real clock: the
     * reading may lag by this much (20 ticks) before a reader could serve an expired entry.
     */
    static final long TRUSTED_NANOS = 1_000_000_000L; // a constant: building a backend loads no clock
    /** Ticks without a live user after which the thread ends: 1 s. */
    static final int IDLE_TICKS = 20;

    /** The clock of {@code memory://} backends, thread {@code cachetory-clock}. */
    static final CoarseClock SYSTEM = new CoarseClock("cachetory-clock", TICK_NANOS, IDLE_TICKS);

    private final String threadName;
    private final long tickNanos;
    private final int idleTicks;
    private volatile long now = System.nanoTime();
    /** The users, weakly: a user nobody else holds no longer keeps the thread. Guarded by {@code this}. */
    private final Map<Object, Boolean> users = new WeakHashMap<>();
    /** The running thread, or {@code null}. Guarded by {@code this}. */
    private Thread ticker;

    CoarseClock(String threadName, long tickNanos, int idleTicks) {
        this.threadName = threadName;
        this.tickNanos = tickNanos;
        this.idleTicks = idleTicks;
    }

    /**
     * The last published reading: at most a tick old on a live JVM while a registered user is alive.
     * Read it only through a user that has {@linkplain #register registered}.
     */
    long now() {
        return now;
    }

    /**
     * Makes the reading current and keeps it ticking while {@code user} is alive: starts the thread
     * when none runs. Idempotent.
     */
    synchronized void register(Object user) {
        users.put(user, Boolean.TRUE);
        if (ticker == null) {
            now = System.nanoTime(); // the thread may have been gone for a while: no stale reading
            Thread thread = new Thread(this::tick, threadName);
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            ticker = thread;
            thread.start();
        }
    }

    /** Whether the thread runs (tests). */
    synchronized boolean ticking() {
        return ticker != null;
    }

    private void tick() {
        int idle = 0;
        while (true) {
            LockSupport.parkNanos(tickNanos);
            Thread.interrupted(); // an interrupt would make every later park return at once: a spin
            now = System.nanoTime();
            synchronized (this) {
                if (!users.isEmpty()) {
                    idle = 0;
                } else if (++idle >= idleTicks) {
                    ticker = null;
                    return;
                }
            }
        }
    }
}
