package io.cachetory.spring;

import io.cachetory.annotations.Cached;
import java.util.concurrent.atomic.AtomicInteger;

/** A bean with a memoized method over the cache {@code sb-quotes}; counts the runs of its body. */
public class QuoteService {
    final AtomicInteger runs = new AtomicInteger();

    @Cached(cache = "sb-quotes", prefix = "quotes")
    public String quote(String ticker) {
        runs.incrementAndGet();
        if (ticker.equals("BAD")) {
            throw new IllegalStateException("no quote for " + ticker);
        }
        return ticker + "=" + runs.get();
    }

    /** How many times the body of {@link #quote} ran; through any proxy, this reaches the real bean. */
    public int bodyRuns() {
        return runs.get();
    }
}
