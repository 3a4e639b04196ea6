package io.cachetory.spring.bench;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.Cacheable;

/** The same service for Spring's {@code @Cacheable} (default key: {@code SimpleKey(ticker, day)}). */
public class BenchSpringPriceService {
    private final AtomicInteger bodyRuns = new AtomicInteger();

    @Cacheable("prices")
    public BigDecimal price(String ticker, int day) {
        bodyRuns.incrementAndGet();
        return BenchPriceService.PRICE;
    }

    public int bodyRuns() {
        return bodyRuns.get();
    }
}
