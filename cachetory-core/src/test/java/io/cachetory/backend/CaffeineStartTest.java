package io.cachetory.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A memory backend made while another thread starts Caffeine begins on an interim map and moves onto
 * Caffeine when that thread is done; nothing written meanwhile is lost, undone or left unbounded.
 */
class CaffeineStartTest {
    private final FakeTicker ticker = new FakeTicker();
    private final CaffeineStart start = new CaffeineStart();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private MemoryBackend<Object> backend(long maxSize) {
        return new MemoryBackend<>(maxSize, ticker, ticker, Long.MAX_VALUE, start);
    }

    @Test
    void theFirstBackendBuildsCaffeineItselfAndLaterOnesDoToo() {
        MemoryBackend<Object> first = backend(10);
        assertThat(start.underWay()).as("done once built").isFalse();
        MemoryBackend<Object> second = backend(10);

        first.set("k", "v", null, false);
        second.set("k", "w", null, false);
        assertThat(first.get("k")).isEqualTo("v");
        assertThat(second.get("k")).isEqualTo("w");
    }

    @Test
    void entriesWrittenWhileCaffeineStartsElsewhereMoveWithTheirTtls() {
        assertThat(start.buildNow(null)).as("this thread is now the one starting Caffeine").isTrue();
        MemoryBackend<Object> backend = backend(100);
        backend.set("eternal", "e", null, false);
        backend.set("short", "s", Duration.ofSeconds(10), false);
        backend.set("gone", "g", null, false);
        backend.delete("gone");
        backend.expireIn("eternal", Duration.ofMinutes(5));

        start.done(true);

        assertThat(backend.get("eternal")).isEqualTo("e");
        assertThat(backend.get("short")).isEqualTo("s");
        assertThat(backend.get("gone")).isNull();
        ticker.advance(Duration.ofSeconds(10));
        assertThat(backend.get("short")).as("the deadline moved with the entry").isNull();
        ticker.advance(Duration.ofMinutes(5));
        assertThat(backend.get("eternal")).isNull();
        backend.set("after", "a", null, true);
        assertThat(backend.get("after")).isEqualTo("a");
    }

    @Test
    void theBoundHoldsWhileCaffeineStartsElsewhere() {
        start.buildNow(null);
        MemoryBackend<Object> small = backend(3);

        EvictionWait.assertBoundHoldsAfterWriting(small, 50, 3);
    }

    @Test
    void whenTheStartFailsAWaitingBackendMovesOnItsNextWriteWithItsEntries() {
        start.buildNow(null);
        MemoryBackend<Object> backend = backend(100);
        backend.set("before", "b", null, false);

        start.done(false);
        backend.set("after", "a", null, false);

        assertThat(backend.get("before")).isEqualTo("b");
        assertThat(backend.get("after")).isEqualTo("a");
        EvictionWait.assertBoundHoldsAfterWriting(backend, 300, 100);
    }

    @Test
    void writesRacingTheMoveAreNeitherLostNorUndone() throws Exception {
        for (int round = 0; round < 20; round++) {
            CaffeineStart racing = new CaffeineStart();
            racing.buildNow(null);
            MemoryBackend<Object> backend = new MemoryBackend<>(100_000, ticker, ticker, Long.MAX_VALUE, racing);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Map<String, Object>>> writers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int writer = t;
                writers.add(pool.submit(() -> {
                    Map<String, Object> expected = new HashMap<>();
                    go.await();
                    for (int i = 0; i < 500; i++) {
                        String key = writer + ":" + i;
                        backend.set(key, "v1", null, false);
                        expected.put(key, "v1");
                        if (i % 3 == 0) {
                            backend.delete(key);
                            expected.put(key, null);
                        } else if (i % 3 == 1) {
                            backend.set(key, "v2", Duration.ofHours(1), false);
                            expected.put(key, "v2");
                        }
                    }
                    return expected;
                }));
            }
            go.countDown();
            racing.done(true); // the move races the writers
            for (Future<Map<String, Object>> writer : writers) {
                for (Map.Entry<String, Object> e : writer.get().entrySet()) {
                    assertThat(backend.get(e.getKey())).as("round %d key %s", round, e.getKey()).isEqualTo(e.getValue());
                }
            }
        }
    }
}
