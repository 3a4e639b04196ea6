package io.cachetory.memo;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * How the asynchronous protected path goes on after a future without any thread waiting for it.
 *
 * <p>The next step runs at once, on the current thread, when the future is already complete (a
 * {@code memory://} read, a near-cache hit): a call answered entirely at once completes its future
 * before it returns. Otherwise the step runs on the common pool when the future completes, never on
 * the thread that completed it: that is often a client's I/O thread (Lettuce's event loop), where
 * neither the method's body nor a blocking call (a synchronous cache seen through {@code
 * AsyncCache.of(cache)}, a third-party {@code LeaseBackend}'s default async lease) may run. So every
 * step runs either on the caller's thread or on a common-pool thread; {@code onCaller} tells which.
 *
 * <p>Stateless and thread-safe.
 */
final class AsyncSteps {
    /**
     * Where steps go on after a future completed later, and where poll delays end: the common pool.
     * Not the pool object itself: on a machine of two cores (a common pool of parallelism 1)
     * {@code CompletableFuture} replaces it, as it does its own default, by a new thread per task.
     */
    static final Executor POOL = task -> ForkJoinPool.commonPool().execute(task);

    private AsyncSteps() {}

    /** One step of an asynchronous algorithm: what to do with a future's outcome. */
    interface Step<T> {
        /**
         * @param value the future's value (null when it failed)
         * @param failure what it failed with (possibly wrapped in a {@code CompletionException}), or null
         * @param onCaller whether this runs on the thread of the call that started the algorithm
         */
        void run(T value, Throwable failure, boolean onCaller);
    }

    /**
     * Runs {@code next} with the outcome of {@code future}: at once if it is complete (still {@code
     * onCaller} when that was so), else on {@link #POOL} when it completes ({@code onCaller} false).
     */
    static <T> void after(CompletableFuture<T> future, boolean onCaller, Step<? super T> next) {
        if (future.isDone()) {
            future.whenComplete((value, failure) -> next.run(value, failure, onCaller));
        } else {
            future.whenCompleteAsync((value, failure) -> next.run(value, failure, false), POOL);
        }
    }

    /** Runs {@code step} on {@link #POOL} after {@code nanos}, holding no thread meanwhile. */
    static void later(long nanos, Runnable step) {
        CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS, POOL).execute(step);
    }
}
