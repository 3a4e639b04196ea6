package io.cachetory.samples.boot;

import io.cachetory.annotations.Cached;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Service;

/** Quotes from a slow upstream, memoized by Cachetory for a minute in the cache {@code quotes}. */
@Service
public class QuoteService {
    private final AtomicInteger upstreamCalls = new AtomicInteger();

    @Cached(cache = "quotes", prefix = "quote", ttl = "1m")
    public Quote quote(String ticker) {
        upstreamCalls.incrementAndGet();
        SlowUpstream.pause();
        return new Quote(ticker, BigDecimal.valueOf(100 + Math.abs(ticker.hashCode() % 900), 1), Instant.now());
    }

    /** How often the upstream was asked: the cache's effect, for the demo. */
    public int upstreamCalls() {
        return upstreamCalls.get();
    }
}
