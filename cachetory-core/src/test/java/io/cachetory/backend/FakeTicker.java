package io.cachetory.backend;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A Caffeine clock that moves only when told: expiry tests without sleeping. Thread-safe. */
public final class FakeTicker implements Ticker, java.util.function.LongSupplier {
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long read() {
        return nanos.get();
    }

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    /** Moves the clock forward by {@code duration}. */
    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
