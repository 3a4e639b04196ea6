package io.cachetory.benchmarks;

import io.cachetory.annotations.Cached;
import java.util.concurrent.atomic.AtomicInteger;

/** The memoized service of {@link NearCacheBenchmark}: one method per cache compared (prefixes differ: two share one server). */
public class NearPriceService {
    private final AtomicInteger bodyRuns = new AtomicInteger();

    @Cached(cache = NearCacheBenchmark.NEAR, prefix = "near-quote")
    public Quote overNear(String ticker, int day) {
        bodyRuns.incrementAndGet();
        return Quote.sample(ticker, day);
    }

    @Cached(cache = NearCacheBenchmark.MEMORY, prefix = "memory-quote")
    public Quote overMemory(String ticker, int day) {
        bodyRuns.incrementAndGet();
        return Quote.sample(ticker, day);
    }

    @Cached(cache = NearCacheBenchmark.REDIS, prefix = "redis-quote")
    public Quote overRedis(String ticker, int day) {
        bodyRuns.incrementAndGet();
        return Quote.sample(ticker, day);
    }

    public int bodyRuns() {
        return bodyRuns.get();
    }
}
