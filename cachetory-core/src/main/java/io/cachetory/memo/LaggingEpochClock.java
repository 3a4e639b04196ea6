package io.cachetory.memo;

import io.cachetory.backend.NearBackend;
import java.util.function.LongSupplier;

/**
 * Wall-clock time for the age check of a protected hit, without a clock call of its own: the
 * {@linkplain NearBackend#laggingNanoClock() lagging nanoTime} that the {@code cachetory-clock} thread
 * publishes, placed on the epoch by a pair of real readings retaken every {@link #RESYNC_NANOS}. An
 * entry's age must be measured on the epoch (its write time comes from whichever JVM wrote it), and on
 * the virtual machines this library is measured on a {@code System.currentTimeMillis()} costs about as
 * much as the rest of a memory hit.
 *
 * <p>The reading lags the real clock as the published one does, give or take how far the wall clock
 * and the monotonic one drift apart in {@link #RESYNC_NANOS} (NTP slews at most 0.5 ms/s: 5 ms); a
 * step of the wall clock reaches it within {@link #RESYNC_NANOS}. So a reader may trust it only to
 * say that a limit more than {@link #TRUSTED_NANOS} away has not come, and must read the real clock
 * otherwise. Thread-safe; keeps the clock thread running while it is reachable.
 */
final class LaggingEpochClock {
    /** How far ahead of a reading a limit must lie to be trusted not to have come. */
    static final long TRUSTED_NANOS = NearBackend.LAGGING_CLOCK_TRUSTED_NANOS + 50_000_000L;
    private static final long RESYNC_NANOS = 10_000_000_000L;

    private final LongSupplier laggingNanos = NearBackend.laggingNanoClock();
    private volatile Base base;

    /** A wall-clock reading and the monotonic one taken just after it. */
    private record Base(long epochNanos, long nanos) {}

    /** @return nanoseconds since the epoch, lagging the real time (see the class comment) */
    long epochNanos() {
        long now = laggingNanos.getAsLong();
        Base b = base;
        if (b == null || now - b.nanos > RESYNC_NANOS) {
            b = resync();
        }
        return b.epochNanos + (now - b.nanos);
    }

    private Base resync() {
        // the epoch reading first: the pair then places the monotonic clock late, never early
        long epochMillis = System.currentTimeMillis();
        Base b = new Base(epochMillis * 1_000_000L, System.nanoTime());
        base = b;
        return b;
    }
}
