package io.cachetory.benchmarks;

import io.cachetory.annotations.Cached;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link PriceService} with load protection, for {@link ProtectedHitBenchmark}: hits on stamped entries. */
public class ProtectedPriceService {
    private final AtomicInteger bodyRuns = new AtomicInteger();

    @Cached(prefix = "plain", ttl = "1h")
    public BigDecimal plain(String ticker, int day) {
        bodyRuns.incrementAndGet();
        return PriceService.PRICE;
    }

    @Cached(prefix = "guard", ttl = "1h", refresh = "50m", staleIfError = "1h")
    public BigDecimal protectedPrice(String ticker, int day) {
        bodyRuns.incrementAndGet();
        return PriceService.PRICE;
    }

    public int bodyRuns() {
        return bodyRuns.get();
    }
}
