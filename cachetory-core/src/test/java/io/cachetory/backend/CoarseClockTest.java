package io.cachetory.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class CoarseClockTest {
    /** A clock of its own (not the shared one other tests keep busy): 5 ms ticks, ends after 4 idle ones. */
    private final CoarseClock clock = new CoarseClock("coarse-clock-test", 5_000_000L, 4);

    @Test
    void theReadingMovesOnWithoutReaders() throws InterruptedException {
        Object user = new Object();
        clock.register(user);
        long first = clock.now();

        await(() -> clock.now() != first);

        assertThat(clock.now()).isGreaterThan(first);
        assertThat(user).isNotNull(); // keeps the user alive until here
    }

    @Test
    void theReadingNeverLeadsTheSystemClock() {
        Object user = new Object();
        clock.register(user);
        for (int i = 0; i < 10_000; i++) {
            long published = clock.now();
            assertThat(System.nanoTime() - published).isGreaterThanOrEqualTo(0);
        }
        assertThat(user).isNotNull();
    }

    @Test
    void theThreadEndsOnceNoUserIsAliveAndANewUserStartsAnother() throws InterruptedException {
        clock.register(new Object());
        assertThat(clock.ticking()).isTrue();

        await(() -> {
            System.gc();
            return !clock.ticking();
        });
        assertThat(clock.ticking()).as("ended once its only user was collected").isFalse();

        Object next = new Object();
        long beforeRegistering = System.nanoTime();
        clock.register(next);

        assertThat(clock.ticking()).isTrue();
        assertThat(clock.now()).as("the reading is made current, not left from before").isGreaterThanOrEqualTo(beforeRegistering);
    }

    @Test
    void theMemoryBackendsClockIsADaemonThatHoldsNoClassLoader() {
        MemoryBackend<Object> backend = new MemoryBackend<>(10);
        backend.set("k", "v", Duration.ofMinutes(1), false);
        assertThat(backend.get("k")).isEqualTo("v"); // the first read of a ttl'd entry registers it

        Thread ticker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("cachetory-clock")).findFirst().orElseThrow();

        assertThat(ticker.isDaemon()).isTrue();
        assertThat(ticker.getContextClassLoader()).isNull();
        assertThat(CoarseClock.SYSTEM.ticking()).isTrue();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }
    }
}
