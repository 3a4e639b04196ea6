package io.cachetory.spring.bench;

import io.cachetory.annotations.Cached;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;

/** The memoized service of {@link StarterHitBenchmark}; its body returns a precomputed value and counts its runs. */
public class BenchPriceService {
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
