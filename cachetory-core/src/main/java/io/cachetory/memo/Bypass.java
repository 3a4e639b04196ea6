package io.cachetory.memo;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Marks the one re-invocation of a memoized method whose body must run without the cache (a
 * future-returning method, whose advice cannot wait, and a method with load protection, whose body
 * the runtime runs itself): its enter advice consumes the mark and lets the body run. A global count
 * of marks set keeps every other call to one volatile read.
 */
final class Bypass {
    private static final ThreadLocal<CachedMethod> NEXT = new ThreadLocal<>();
    private static final AtomicInteger ARMED = new AtomicInteger();

    private Bypass() {}

    /** Marks the next call of {@code method} on this thread; pair it with {@link #clear()}. */
    static void set(CachedMethod method) {
        ARMED.incrementAndGet();
        NEXT.set(method);
    }

    /** @return true, once, when the current call is the marked re-invocation of {@code method} */
    static boolean consume(CachedMethod method) {
        if (ARMED.get() == 0) {
            return false;
        }
        if (NEXT.get() == method) {
            NEXT.remove();
            return true;
        }
        return false;
    }

    /** Ends the mark {@link #set} made, consumed or not. */
    static void clear() {
        NEXT.remove();
        ARMED.decrementAndGet();
    }
}
