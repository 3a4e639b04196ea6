package io.cachetory.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The lagging clock {@link NearBackend#laggingNanoClock()} hands to near layers. */
class CoarseClockReadingTest {

    @Test
    void neverLeadsTheSystemClock() {
        LongSupplier clock = NearBackend.laggingNanoClock();
        for (int i = 0; i < 10_000; i++) {
            long reading = clock.getAsLong();
            assertThat(System.nanoTime() - reading).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void lagsTheSystemClockByLessThanTheTrustedWindowFromItsFirstReading() {
        LongSupplier clock = NearBackend.laggingNanoClock();
        clock.getAsLong(); // registers: the published reading is current, and kept so while the clock is reachable
        assertThat(System.nanoTime() - clock.getAsLong()).isLessThan(NearBackend.LAGGING_CLOCK_TRUSTED_NANOS);
        assertThat(CoarseClock.SYSTEM.ticking()).isTrue();
    }
}
