package io.cachetory.micrometer;

import io.cachetory.CacheRegistry;
import io.cachetory.CacheStats;
import io.cachetory.Cachetory;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Micrometer meters over the memoization counters ({@link CacheStats}) of every cache of a
 * {@link CacheRegistry}, the caches it gains later included. Each cache gets function counters tagged
 * {@code cache=<name>}, named after Micrometer's cache conventions:
 *
 * <ul>
 *   <li>{@code cache.gets{result=hit}} and {@code cache.gets{result=miss}}: memoized calls answered
 *       from the cache / not;
 *   <li>{@code cache.loads{result=success}} and {@code cache.loads{result=failure}}: body runs that
 *       returned / threw;
 *   <li>{@code cachetory.backend.errors}: failed backend or serializer operations, each one
 *       fail-open;
 *   <li>{@code cachetory.stale.served}: calls answered with a stale entry because the body threw.
 * </ul>
 *
 * <p>A meter reads the counters when it is read (a scrape); a memoized call pays nothing for it.
 * Registering a cache name again starts its counters at zero, which a monitoring system sees as a
 * counter reset. Only memoization ({@code @Cached}, {@code Memo}) is counted, not explicit calls on a
 * {@link io.cachetory.Cache}.
 *
 * <p>Thread-safe. The meters hold the cache registry weakly, as Micrometer function meters do; the
 * global registry of {@link Cachetory#registry()} is always reachable.
 */
public final class CachetoryMetrics implements AutoCloseable {
    private final MeterRegistry meters;
    private final CacheRegistry caches;
    private final Tags tags;
    private final Consumer<String> listener = this::bindCache;
    private final List<Meter> registered = new CopyOnWriteArrayList<>();

    private CachetoryMetrics(MeterRegistry meters, CacheRegistry caches, Iterable<Tag> tags) {
        this.meters = meters;
        this.caches = caches;
        this.tags = Tags.of(tags);
    }

    /**
     * Binds the caches of {@link Cachetory#registry()} to {@code meters}: those held now and every one
     * added later.
     *
     * @return a handle whose {@link #close()} stops adding meters and removes those added
     */
    public static CachetoryMetrics bindTo(MeterRegistry meters) {
        return bindTo(meters, Cachetory.registry(), Tags.empty());
    }

    /**
     * Binds the caches of {@code caches} to {@code meters}, each meter carrying {@code tags} besides
     * {@code cache=<name>}.
     *
     * @return a handle whose {@link #close()} stops adding meters and removes those added
     */
    public static CachetoryMetrics bindTo(MeterRegistry meters, CacheRegistry caches, Iterable<Tag> tags) {
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(caches, "caches");
        Objects.requireNonNull(tags, "tags");
        CachetoryMetrics metrics = new CachetoryMetrics(meters, caches, tags);
        // listener first, then the names held now: a name added in between is bound twice, harmlessly
        caches.addNameListener(metrics.listener);
        for (String name : caches.names()) {
            metrics.bindCache(name);
        }
        return metrics;
    }

    private void bindCache(String name) {
        Tags cacheTags = tags.and("cache", name);
        counter("cache.gets", "Memoized calls answered from the cache (hit) or not (miss)",
                cacheTags.and("result", "hit"), name, CacheStats::hits);
        counter("cache.gets", "Memoized calls answered from the cache (hit) or not (miss)",
                cacheTags.and("result", "miss"), name, CacheStats::misses);
        counter("cache.loads", "Runs of a memoized method's body that returned (success) or threw (failure)",
                cacheTags.and("result", "success"), name, CacheStats::loads);
        counter("cache.loads", "Runs of a memoized method's body that returned (success) or threw (failure)",
                cacheTags.and("result", "failure"), name, CacheStats::loadFailures);
        counter("cachetory.backend.errors", "Failed backend or serializer operations on the memoization path",
                cacheTags, name, CacheStats::backendErrors);
        counter("cachetory.stale.served", "Calls answered with a stale entry because the body threw",
                cacheTags, name, CacheStats::staleServed);
    }

    private void counter(String meterName, String description, Tags meterTags, String cacheName,
                         ToLongFunction<CacheStats> field) {
        registered.add(FunctionCounter.builder(meterName, caches, r -> field.applyAsLong(r.stats(cacheName)))
                .tags(meterTags)
                .description(description)
                .register(meters));
    }

    /** Stops binding caches added from now on and removes the meters this binding added. Idempotent. */
    @Override
    public void close() {
        caches.removeNameListener(listener);
        for (Meter meter : registered) {
            meters.remove(meter);
        }
        registered.clear();
    }
}
