package io.cachetory.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CoarseClockTest {
    @Test
    void theReadingMovesOnWithoutReaders() throws InterruptedException {
        long first = CoarseClock.now();
        long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();

        while (CoarseClock.now() == first && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }

        assertThat(CoarseClock.now()).isGreaterThan(first);
    }

    @Test
    void theReadingNeverLeadsTheSystemClock() {
        for (int i = 0; i < 10_000; i++) {
            long published = CoarseClock.now();
            assertThat(System.nanoTime() - published).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void itsThreadIsADaemonThatHoldsNoClassLoader() {
        CoarseClock.now();

        Thread ticker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("cachetory-clock")).findFirst().orElseThrow();

        assertThat(ticker.isDaemon()).isTrue();
        assertThat(ticker.getContextClassLoader()).isNull();
    }
}
