package io.cachetory.memo;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs memoization failures of one cache at most once per failure kind per interval, so an outage
 * does not flood the log. The interval is {@code cachetory.failure-log-interval} (default 30s).
 */
final class FailureLog {
    /** Loaded on the first failure only: starting a logging backend is a start-up cost a healthy run need not pay. */
    private static final class Holder {
        static final Logger LOG = LoggerFactory.getLogger("io.cachetory.memo");
    }
    private static final long INTERVAL_NANOS = interval().toNanos();

    private final String cacheName;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    FailureLog(String cacheName) {
        this.cacheName = cacheName;
    }

    private static Duration interval() {
        String text = System.getProperty("cachetory.failure-log-interval");
        try {
            return text == null ? Duration.ofSeconds(30) : io.cachetory.Durations.parse(text);
        } catch (IllegalArgumentException e) {
            return Duration.ofSeconds(30);
        }
    }

    private static final class Window {
        final AtomicLong last = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong suppressed = new AtomicLong();
    }

    /**
     * @param operation what failed, e.g. "read", "write", "delete corrupt entry"
     * @param failure the exception; its class is the failure kind
     */
    void failed(String operation, Throwable failure) {
        String kind = operation + ':' + failure.getClass().getName();
        Window w = windows.computeIfAbsent(kind, k -> new Window());
        long now = System.nanoTime();
        long last = w.last.get();
        if (last != Long.MIN_VALUE && now - last < INTERVAL_NANOS) {
            w.suppressed.incrementAndGet();
            return;
        }
        if (!w.last.compareAndSet(last, now)) {
            w.suppressed.incrementAndGet();
            return;
        }
        long suppressed = w.suppressed.getAndSet(0);
        Holder.LOG.warn("cache '{}': {} failed, the call goes on without the cache: {}{}", cacheName, operation, describe(failure),
                suppressed == 0 ? "" : " (" + suppressed + " more of this kind since the last report)");
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(t.toString());
        Throwable cause = t.getCause();
        for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
            sb.append("; caused by ").append(cause);
        }
        return sb.toString();
    }
}
