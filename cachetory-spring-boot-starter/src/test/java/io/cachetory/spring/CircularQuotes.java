package io.cachetory.spring;

import io.cachetory.annotations.Cached;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.annotation.Cacheable;

/** A memoized bean in a circular reference with {@link CircularClient}: Spring hands it out early. */
public class CircularQuotes {
    final AtomicInteger runs = new AtomicInteger();

    @Autowired
    CircularClient client;

    /** Makes Spring proxy this bean when caching is enabled. */
    @Cacheable("sb-rates")
    public String spring(String k) {
        return k;
    }

    @Cached(cache = "sb-quotes", prefix = "circular")
    public String quote(String ticker) {
        return ticker + "=" + runs.incrementAndGet();
    }
}
