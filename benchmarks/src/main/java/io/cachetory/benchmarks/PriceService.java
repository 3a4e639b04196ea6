package io.cachetory.benchmarks;

import io.cachetory.annotations.Cached;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memoized service of {@link HitBenchmark}: made through {@code Cachetory.create} (proxy) or with
 * {@code new} under the Java agent. The body returns a precomputed value and counts its runs, so a
 * benchmark can check that every measured call was a hit.
 */
public class PriceService {
    static final BigDecimal PRICE = new BigDecimal("187.42");

    private final AtomicInteger bodyRuns = new AtomicInteger();

    @Cached(prefix = "prefix")
    public BigDecimal price(String ticker, int day) {
        bodyRuns.incrementAndGet();
        return PRICE;
    }

    public int bodyRuns() {
        return bodyRuns.get();
    }
}
