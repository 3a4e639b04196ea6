package io.cachetory.backend;

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
}
