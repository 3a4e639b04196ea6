package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Steps of the asynchronous protected path run on the common pool's workers, never on a thread
 * started for one task (what {@code CompletableFuture} does with the common pool itself on a machine
 * of two cores, such as CI's).
 */
class AsyncStepsTest {
    @Test
    void aStepAfterALaterCompletionRunsOnACommonPoolWorker() throws Exception {
        CompletableFuture<String> later = new CompletableFuture<>();
        CompletableFuture<String> ranOn = new CompletableFuture<>();
        AsyncSteps.after(later, true, (value, failure, onCaller) -> ranOn.complete(Thread.currentThread().getName() + " " + onCaller));
        new Thread(() -> later.complete("done"), "completer").start();
        assertThat(ranOn.get(10, TimeUnit.SECONDS)).startsWith("ForkJoinPool.commonPool-worker-").endsWith(" false");
    }

    @Test
    void aDelayedStepRunsOnACommonPoolWorker() throws Exception {
        CompletableFuture<String> ranOn = new CompletableFuture<>();
        AsyncSteps.later(TimeUnit.MILLISECONDS.toNanos(5), () -> ranOn.complete(Thread.currentThread().getName()));
        assertThat(ranOn.get(10, TimeUnit.SECONDS)).startsWith("ForkJoinPool.commonPool-worker-");
    }

    @Test
    void aStepAfterACompletedFutureRunsOnTheCallersThread() {
        String[] ranOn = new String[1];
        AsyncSteps.after(CompletableFuture.completedFuture("now"), true, (value, failure, onCaller) -> ranOn[0] = Thread.currentThread().getName() + " " + onCaller);
        assertThat(ranOn[0]).isEqualTo(Thread.currentThread().getName() + " true");
    }
}
