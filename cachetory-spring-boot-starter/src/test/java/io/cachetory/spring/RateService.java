package io.cachetory.spring;

import io.cachetory.annotations.Cached;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;

/**
 * A bean with Spring's cache annotations over the cache {@code sb-rates} and a memoized method over
 * {@code sb-quotes}: Spring proxies it, and the starter must memoize it all the same.
 */
public class RateService {
    final AtomicInteger rateRuns = new AtomicInteger();
    final AtomicInteger quoteRuns = new AtomicInteger();

    @Cacheable("sb-rates")
    public Rate rate(String pair) {
        rateRuns.incrementAndGet();
        return new Rate(pair, rateRuns.get());
    }

    @Cacheable("sb-rates")
    public Rate unknown(String pair) {
        rateRuns.incrementAndGet();
        return null;
    }

    @Cacheable(cacheNames = "sb-rates", sync = true)
    public Rate synced(String pair) {
        rateRuns.incrementAndGet();
        return new Rate(pair, rateRuns.get());
    }

    @Cacheable("sb-rates")
    public java.util.concurrent.CompletableFuture<Rate> rateLater(String pair) {
        rateRuns.incrementAndGet();
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> new Rate(pair, rateRuns.get()));
    }

    @CacheEvict("sb-rates")
    public void forget(String pair) {}

    @Cached(cache = "sb-quotes", prefix = "proxied")
    public String quote(String ticker) {
        quoteRuns.incrementAndGet();
        return ticker + "=" + quoteRuns.get();
    }

    /** How many times the bodies of the {@code @Cacheable} methods ran; through any proxy, this reaches the real bean. */
    public int rateBodyRuns() {
        return rateRuns.get();
    }

    /** How many times the body of {@link #quote} ran. */
    public int quoteBodyRuns() {
        return quoteRuns.get();
    }

    /** A value type of the application, which the serializer must be allowed to read back. */
    public record Rate(String pair, int version) {}
}
