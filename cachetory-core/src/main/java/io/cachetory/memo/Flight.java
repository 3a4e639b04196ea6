package io.cachetory.memo;

import java.util.concurrent.CountDownLatch;

/** A synchronous load in progress for one key: the loader's thread, and the outcome waiters receive. */
final class Flight {
    final Thread owner = Thread.currentThread();
    private final CountDownLatch done = new CountDownLatch(1);
    private Object result;
    private Throwable failure;

    void complete(Object result, Throwable failure) {
        this.result = result;
        this.failure = failure;
        done.countDown();
    }

    /** Waits (uninterruptibly, keeping the interrupt flag) and answers the loader's result or rethrows its exception. */
    Object await() {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw Sneaky.<RuntimeException>rethrow(failure);
        }
        return result;
    }
}
