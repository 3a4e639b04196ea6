package io.cachetory.samples;

import io.cachetory.Cache;
import java.time.Duration;

/** A minimal demonstration of the cache facade on the in-memory default. */
public final class SamplesApp {
    public static void main(String[] args) {
        try (Cache<String> cache = Cache.memory()) {
            cache.set("greeting", "hello", Duration.ofMinutes(5));
            System.out.println("greeting = " + cache.get("greeting"));
            System.out.println("missing  = " + cache.get("missing", "(default)"));
        }
    }
}
