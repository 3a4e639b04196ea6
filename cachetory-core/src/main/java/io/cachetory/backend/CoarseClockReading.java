package io.cachetory.backend;

import java.util.function.LongSupplier;

/**
 * {@link CoarseClock#SYSTEM}'s reading for a user outside this package (a near layer): registers
 * itself with the clock on its first reading, so the clock's thread starts only once an entry is read
 * and ticks while this object is reachable. Thread-safe.
 */
final class CoarseClockReading implements LongSupplier {
    /** Volatile so that a reader who sees it set also sees the reading the registration made current. */
    private volatile boolean registered;

    @Override
    public long getAsLong() {
        if (!registered) {
            register();
        }
        return CoarseClock.SYSTEM.now();
    }

    private void register() {
        CoarseClock.SYSTEM.register(this);
        registered = true;
    }
}
