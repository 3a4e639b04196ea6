package io.cachetory.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            small.set("k" + i, i, null, false);
            keys.add("k" + i);
        }

        EvictionWait.untilAtMost(3, () -> small.getMany(keys).size());
        assertThat(small.getMany(keys)).hasSizeBetween(1, 3);
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
}
