package io.cachetory.benchmarks;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.Cacheable;

/** The same service for Spring's {@code @Cacheable} (default key: {@code SimpleKey(ticker, day)}). */
public class SpringPriceService {
    private final AtomicInteger bodyRuns = new AtomicInteger();

    @Cacheable("prices")
    public BigDecimal price(String ticker, int day) {
        bodyRuns.incrementAndGet();
        return PriceService.PRICE;
    }

    public int bodyRuns() {
        return bodyRuns.get();
    }
}
