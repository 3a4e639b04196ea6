package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A protected hit judges its entry's age on a lagging clock it may trust only far from the entry's
 * limits: on the real clock (no fake one here), entries near or past their refresh period must go by
 * the exact clock. Entries are planted with chosen write times, as another JVM would have written them.
 */
class ProtectedHitClockTest {
    static final String CACHE = "protected-hit-clock-test";
    static final AtomicInteger RUNS = new AtomicInteger();

    public static class Service {
        @Cached(cache = CACHE, prefix = "clock", ttl = "1m", refresh = "5s")
        public String refreshed(String symbol) {
            return symbol + ":" + RUNS.incrementAndGet();
        }

        @Cached(cache = CACHE, prefix = "stale", ttl = "5s", staleIfError = "1m")
        public String failing(String symbol) {
            RUNS.incrementAndGet();
            throw new IllegalStateException("service down");
        }
    }

    private Cache<Object> cache;
    private Service service;

    @BeforeEach
    void setUp() {
        RUNS.set(0);
        LoadProtection.clock = LoadProtection.SYSTEM_CLOCK;
        cache = Cache.memory();
        Cachetory.registry().register(CACHE, cache);
        service = Cachetory.create(Service.class);
    }

    private void plant(String key, long ageMillis, String value) {
        cache.set(key, new Stamped(System.currentTimeMillis() - ageMillis, value), Duration.ofMinutes(2));
    }

    @Test
    void anEntryFarFromItsRefreshPeriodIsAHitWithoutReload() throws Exception {
        plant("clock:A", 1_000, "A:planted");
        assertThat(service.refreshed("A")).isEqualTo("A:planted");
        Thread.sleep(200); // a reload, had one started, would have run by now
        assertThat(RUNS.get()).isZero();
        assertThat(cache.get("clock:A")).isInstanceOf(Stamped.class).extracting(s -> ((Stamped) s).value()).isEqualTo("A:planted");
    }

    @Test
    void anEntryJustPastItsRefreshPeriodIsReloadedThoughTheLaggingClockCouldNotTell() throws Exception {
        plant("clock:A", 5_100, "A:planted");
        assertThat(service.refreshed("A")).isEqualTo("A:planted");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!"A:1".equals(service.refreshed("A")) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(service.refreshed("A")).isEqualTo("A:1");
        assertThat(RUNS.get()).isEqualTo(1);
    }

    @Test
    void anEntryJustShortOfItsRefreshPeriodIsNotReloaded() throws Exception {
        plant("clock:A", 4_500, "A:planted");
        assertThat(service.refreshed("A")).isEqualTo("A:planted");
        Thread.sleep(200);
        assertThat(RUNS.get()).isZero();
    }

    @Test
    void anEntryJustPastItsTtlIsAMissThatServesItStaleWhenTheBodyFails() {
        plant("stale:A", 5_100, "A:planted");
        assertThat(service.failing("A")).isEqualTo("A:planted");
        assertThat(RUNS.get()).isEqualTo(1);
        assertThat(Cachetory.registry().stats(CACHE).staleServed()).isEqualTo(1);
    }

    @Test
    void theLaggingEpochClockNeverLeadsTheRealOneAndLagsItLittle() throws Exception {
        LaggingEpochClock clock = new LaggingEpochClock();
        for (int i = 0; i < 20; i++) {
            long before = System.currentTimeMillis();
            long lagging = clock.epochNanos();
            long after = System.currentTimeMillis();
            assertThat(lagging).isLessThanOrEqualTo((after + 1) * 1_000_000L);
            assertThat(lagging).isGreaterThan((before - 5_000) * 1_000_000L);
            Thread.sleep(20);
        }
    }
}
