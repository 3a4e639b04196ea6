package io.cachetory.memo;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The thread-local mode of {@code Cachetory.purge} and {@code Cachetory.refresh}: the memoized calls
 * made inside are purged (deleted, body not run) or refreshed (body run, entry overwritten). A
 * global count of active modes keeps the common path to one volatile read.
 */
final class CallMode {
    private static final AtomicInteger ACTIVE = new AtomicInteger();
    private static final ThreadLocal<CallMode> CURRENT = new ThreadLocal<>();

    final boolean purge;
    private final CallMode previous;
    int calls;
    boolean existed;

    private CallMode(boolean purge, CallMode previous) {
        this.purge = purge;
        this.previous = previous;
    }

    /** @return the mode the next memoized call on this thread is under, or null */
    static CallMode current() {
        return ACTIVE.get() == 0 ? null : CURRENT.get();
    }

    /**
     * Purges one call's entry in place of making the call: counts it and records whether it existed.
     *
     * @return what the purged call returns (its type's default)
     */
    Object purge(boolean deleted, Object skipDefault) {
        calls++;
        existed |= deleted;
        return skipDefault;
    }

    /** A refresh applies to the first memoized call only: calls its body makes run normally. */
    void claimRefresh() {
        calls++;
        restore(previous);
    }

    private static void restore(CallMode mode) {
        if (mode == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(mode);
        }
    }

    static boolean purge(Runnable call) {
        CallMode mode = new CallMode(true, CURRENT.get());
        CURRENT.set(mode);
        ACTIVE.incrementAndGet();
        try {
            call.run();
        } finally {
            ACTIVE.decrementAndGet();
            restore(mode.previous);
        }
        if (mode.calls != 1) {
            throw new IllegalArgumentException("Cachetory.purge(call): the call must make exactly one memoized call, it made " + mode.calls);
        }
        return mode.existed;
    }

    static <R> R refresh(Supplier<R> call) {
        CallMode mode = new CallMode(false, CURRENT.get());
        CURRENT.set(mode);
        ACTIVE.incrementAndGet();
        R result;
        try {
            result = call.get();
        } finally {
            ACTIVE.decrementAndGet();
            restore(mode.previous);
        }
        if (mode.calls == 0) {
            throw new IllegalArgumentException("Cachetory.refresh(call): the call made no memoized call");
        }
        return result;
    }
}
