package io.cachetory.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Waits, polling briefly, for a size-bounded in-process store to evict down to its bound: Caffeine
 * evicts in its maintenance, which runs after writes on another thread, so the bound holds soon
 * after the writes, not at once. Gives up after five seconds and lets the caller's assertion fail.
 */
final class EvictionWait {
    private EvictionWait() {}

    static void untilAtMost(int bound, IntSupplier size) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (size.getAsInt() > bound && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Writes {@code count} eternal entries {@code k0…} to a backend bounded to {@code bound} entries,
     * then asserts that, once evictions have run, between 1 and {@code bound} of them are left.
     */
    static void assertBoundHoldsAfterWriting(Backend<Object> backend, int count, int bound) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            backend.set("k" + i, i, null, false);
            keys.add("k" + i);
        }
        untilAtMost(bound, () -> backend.getMany(keys).size());
        assertThat(backend.getMany(keys)).hasSizeBetween(1, bound);
    }
}
