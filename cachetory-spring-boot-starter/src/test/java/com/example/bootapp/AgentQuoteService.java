package com.example.bootapp;

import io.cachetory.annotations.Cached;
import java.util.concurrent.atomic.AtomicInteger;

/** A memoized bean of the forked application; counts the runs of its body. */
public class AgentQuoteService {
    static final AtomicInteger RUNS = new AtomicInteger();

    @Cached(cache = "sb-agent", prefix = "quotes")
    public String quote(String ticker) {
        return ticker + "=" + RUNS.incrementAndGet();
    }
}
