package io.cachetory.spring;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns about fail-open cache failures of one cache, at most one line per failure kind per interval
 * (the rest at debug), so a Redis outage does not flood the log. Thread-safe.
 */
final class FailureWarnings {
    private static final Logger LOG = LoggerFactory.getLogger("io.cachetory.spring");
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String cacheName;
    private final ConcurrentHashMap<String, AtomicLong> lastWarned = new ConcurrentHashMap<>();

    FailureWarnings(String cacheName) {
        this.cacheName = cacheName;
    }

    /** @param operation what failed, e.g. {@code read}; the call goes on without the cache */
    void failed(String operation, RuntimeException e) {
        AtomicLong last = lastWarned.computeIfAbsent(operation, k -> new AtomicLong(System.nanoTime() - INTERVAL_NANOS));
        long now = System.nanoTime();
        long before = last.get();
        if (now - before >= INTERVAL_NANOS && last.compareAndSet(before, now)) {
            LOG.warn("cache '{}': {} failed, the call goes on without the cache: {}", cacheName, operation, e.toString());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("cache '{}': {} failed: {}", cacheName, operation, e.toString());
        }
    }
}
