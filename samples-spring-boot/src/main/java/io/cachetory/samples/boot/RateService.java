package io.cachetory.samples.boot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** Exchange rates from a slow upstream, cached with Spring's annotations in the Cachetory cache {@code rates}. */
@Service
public class RateService {
    private final AtomicInteger upstreamCalls = new AtomicInteger();

    @Cacheable("rates")
    public Rate rate(String pair) {
        upstreamCalls.incrementAndGet();
        SlowUpstream.pause();
        return new Rate(pair, BigDecimal.valueOf(10_000 + Math.abs(pair.hashCode() % 5_000), 4), Instant.now());
    }

    @CacheEvict("rates")
    public void forget(String pair) {}

    public int upstreamCalls() {
        return upstreamCalls.get();
    }
}
