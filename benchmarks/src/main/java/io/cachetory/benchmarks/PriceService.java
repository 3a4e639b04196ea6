package io.cachetory.benchmarks;

import io.cachetory.annotations.Cached;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memoized service of {@link HitBenchmark}: made through {@code Cachetory.create} (proxy) or with
 * {@code new} under the Java agent. The body returns a precomputed value and counts its runs, so a
 * benchmark can check that every measured call was a hit. Entries live 10 minutes, as in the
 * hand-written {@code expireAfterWrite(10, MINUTES)} cache it is compared with: both read the clock on
 * a hit.
 */
public class PriceService {
    static final BigDecimal PRICE = new BigDecimal("187.42");

    private final AtomicInteger bodyRuns = new AtomicInteger();

    @Cached(prefix = "prefix", ttl = "10m")
    public BigDecimal price(String ticker, int day) {
        bodyRuns.incrementAndGet();
        return PRICE;
    }

    public int bodyRuns() {
        return bodyRuns.get();
    }
}
