package io.cachetory.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the memory backend does beyond the {@link MemoryBackendContractTest contract}. */
class MemoryBackendTest {
    private final FakeTicker ticker = new FakeTicker();
    private final MemoryBackend<Object> backend = new MemoryBackend<>(100, ticker);

    @Test
    void entryIsPresentJustBeforeItsTtlAndMissingAfter() {
        backend.set("foo", 42, Duration.ofSeconds(59), false);

        ticker.advance(Duration.ofSeconds(58));
        assertThat(backend.get("foo")).isEqualTo(42);

        ticker.advance(Duration.ofSeconds(2));
        assertThat(backend.get("foo")).isNull();
    }

    @Test
    void expireInCountsFromNow() {
        backend.set("foo", 42, null, false);
        ticker.advance(Duration.ofMinutes(5));

        backend.expireIn("foo", Duration.ofSeconds(59));
        ticker.advance(Duration.ofSeconds(58));
        assertThat(backend.get("foo")).isEqualTo(42);

        ticker.advance(Duration.ofSeconds(2));
        assertThat(backend.get("foo")).isNull();
    }

    @Test
    void storesTheObjectItIsGivenWithoutCopy() {
        List<String> value = new ArrayList<>();

        backend.set("k", value, null, false);

        assertThat(backend.get("k")).isSameAs(value);
    }

    @Test
    void aTtlBeyondCaffeinesRangeIsClampedToEternal() {
        backend.set("huge", "v", Duration.ofSeconds(Long.MAX_VALUE), false);
        backend.set("long", "v", Duration.ofDays(365L * 1000), false);

        ticker.advance(Duration.ofDays(3650));

        assertThat(backend.get("huge")).isEqualTo("v");
        assertThat(backend.get("long")).isEqualTo("v");
    }

    @Test
    void expireInWithATtlBeyondCaffeinesRangeIsClampedToEternal() {
        backend.set("k", "v", Duration.ofSeconds(1), false);

        backend.expireIn("k", Duration.ofSeconds(Long.MAX_VALUE));
        ticker.advance(Duration.ofDays(3650));

        assertThat(backend.get("k")).isEqualTo("v");
    }

    @Test
    void maxSizeBoundsTheNumberOfEntries() {
        MemoryBackend<Object> small = new MemoryBackend<>(3, ticker);

        EvictionWait.assertBoundHoldsAfterWriting(small, 50, 3);
    }

    @Test
    void nonPositiveMaxSizeIsRejected() {
        assertThatThrownBy(() -> new MemoryBackend<>(0, ticker)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MemoryBackend<>(-1, ticker)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultConstructorBoundsAtTheDefaultMaxSize() {
        assertThat(new MemoryBackend<>()).hasToString("memory://?max-size=10000");
    }

    @Test
    void closeEmptiesTheBackend() {
        backend.set("k", "v", null, false);

        backend.close();

        assertThat(backend.get("k")).isNull();
    }

    // ---- the lagging clock: a hit far from its deadline reads no clock of its own -----------------

    /** The real clock of these tests, counting its reads. */
    private final AtomicLong realReads = new AtomicLong();
    private final FakeTicker real = new FakeTicker();
    private final FakeTicker lagging = new FakeTicker();
    private final MemoryBackend<Object> onLaggingClock = new MemoryBackend<>(100, () -> {
        realReads.incrementAndGet();
        return real.getAsLong();
    }, lagging, Duration.ofSeconds(1).toNanos(), CaffeineStart.JVM);

    @Test
    void aHitMoreThanTheTrustedSpanFromItsDeadlineDoesNotReadTheRealClock() {
        onLaggingClock.set("k", "v", Duration.ofMinutes(1), false);
        long readsAfterSet = realReads.get();

        for (int i = 0; i < 1_000; i++) {
            assertThat(onLaggingClock.get("k")).isEqualTo("v");
        }

        assertThat(realReads.get()).isEqualTo(readsAfterSet);
    }

    @Test
    void withinTheTrustedSpanOfItsDeadlineAHitReadsTheRealClockAndExpiresExactly() {
        onLaggingClock.set("k", "v", Duration.ofSeconds(10), false);
        real.advance(Duration.ofSeconds(10).minusNanos(1));
        lagging.advance(Duration.ofSeconds(9)); // a second behind the real clock, as a starved ticker

        long readsBefore = realReads.get();
        assertThat(onLaggingClock.get("k")).isEqualTo("v");
        assertThat(realReads.get()).isEqualTo(readsBefore + 1);

        real.advance(Duration.ofNanos(1));
        assertThat(onLaggingClock.get("k")).isNull();
    }

    @Test
    void aTtlShorterThanTheTrustedSpanIsCheckedOnTheRealClock() {
        onLaggingClock.set("k", "v", Duration.ofMillis(100), false);

        real.advance(Duration.ofMillis(100));

        assertThat(onLaggingClock.get("k")).isNull();
    }

    @Test
    void eternalEntriesReadNoClock() {
        onLaggingClock.set("k", "v", null, false);
        long readsBefore = realReads.get();

        assertThat(onLaggingClock.get("k")).isEqualTo("v");

        assertThat(realReads.get()).isEqualTo(readsBefore);
    }

    @Test
    void onTheSystemClockAnEntryExpiresAtItsTtl() throws InterruptedException {
        MemoryBackend<Object> system = new MemoryBackend<>(10);
        system.set("short", "v", Duration.ofMillis(30), false);
        system.set("long", "v", Duration.ofMinutes(10), false);
        long start = System.nanoTime();

        assertThat(system.get("short")).isEqualTo("v");
        while (System.nanoTime() - start < Duration.ofMillis(30).toNanos()) {
            Thread.sleep(5);
        }

        assertThat(system.get("short")).isNull();
        assertThat(system.get("long")).isEqualTo("v");
    }
}
