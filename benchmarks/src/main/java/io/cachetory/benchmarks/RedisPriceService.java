package io.cachetory.benchmarks;

import io.cachetory.annotations.Cached;
import java.util.concurrent.atomic.AtomicInteger;

/** The memoized service of {@link RedisBenchmark}, on the cache registered as {@code redis-bench}. */
public class RedisPriceService {
    private final AtomicInteger bodyRuns = new AtomicInteger();

    @Cached(cache = RedisBenchmark.CACHE, prefix = "quote")
    public Quote quote(String ticker, int day) {
        bodyRuns.incrementAndGet();
        return Quote.sample(ticker, day);
    }

    public int bodyRuns() {
        return bodyRuns.get();
    }
}
