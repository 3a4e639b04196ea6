package io.cachetory.memo;

/** A memoized call whose body is running: what the exit advice completes. */
abstract class Call {
    /** Stores the result or releases waiters with the exception; never throws. */
    abstract void exit(Object result, Throwable thrown);
}
