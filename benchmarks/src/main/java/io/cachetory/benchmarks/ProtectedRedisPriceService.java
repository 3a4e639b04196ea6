package io.cachetory.benchmarks;

import io.cachetory.annotations.Cached;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link RedisPriceService} with and without load protection, for {@link ProtectedHitBenchmark}. */
public class ProtectedRedisPriceService {
    private final AtomicInteger bodyRuns = new AtomicInteger();

    @Cached(cache = ProtectedHitBenchmark.REDIS_CACHE, prefix = "plain-quote", ttl = "1h")
    public Quote plainQuote(String ticker, int day) {
        bodyRuns.incrementAndGet();
        return Quote.sample(ticker, day);
    }

    @Cached(cache = ProtectedHitBenchmark.REDIS_CACHE, prefix = "guard-quote", ttl = "1h", refresh = "50m", staleIfError = "1h")
    public Quote protectedQuote(String ticker, int day) {
        bodyRuns.incrementAndGet();
        return Quote.sample(ticker, day);
    }

    public int bodyRuns() {
        return bodyRuns.get();
    }
}
