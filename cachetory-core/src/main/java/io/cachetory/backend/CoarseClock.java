package io.cachetory.backend;

import java.util.concurrent.locks.LockSupport;

/**
 * A {@link System#nanoTime()} reading published by one daemon thread ({@code cachetory-clock}) every
 * {@link #TICK_NANOS}, so that a memory hit far from its entry's deadline needs no clock read of its
 * own. On the virtual machines this library is measured on, {@code System.nanoTime()} costs about half
 * of a hand-written Caffeine hit; reading this field costs a plain load.
 *
 * <p>The reading only ever lags the real clock (by a tick, plus however long the thread waits to be
 * scheduled), never leads it, so a reader may trust it to say "the deadline is still more than
 * {@link #TRUSTED_NANOS} away" and must read the real clock otherwise. The thread starts when the
 * clock is first read and runs until the JVM exits; it holds no class loader as its context.
 * Thread-safe.
 */
final class CoarseClock {
    /** How often the reading is refreshed. */
    static final long TICK_NANOS = 50_000_000L;
    /**
     * How far ahead of the reading a deadline must lie for a reader to skip the real clock: the
     * reading may lag by this much (20 ticks) before a reader could serve an expired entry.
     */
    static final long TRUSTED_NANOS = 1_000_000_000L; // a constant: building a backend starts no thread

    private static volatile long now = System.nanoTime();

    static {
        Thread ticker = new Thread(CoarseClock::tick, "cachetory-clock");
        ticker.setDaemon(true);
        ticker.setContextClassLoader(null);
        ticker.start();
    }

    private CoarseClock() {
    }

    /** The last published {@code System.nanoTime()} reading: at most a tick old on a live JVM. */
    static long now() {
        return now;
    }

    private static void tick() {
        while (true) {
            LockSupport.parkNanos(TICK_NANOS);
            Thread.interrupted(); // an interrupt would make every later park return at once: a spin
            now = System.nanoTime();
        }
    }
}
