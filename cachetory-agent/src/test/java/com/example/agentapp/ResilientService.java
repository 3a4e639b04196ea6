package com.example.agentapp;

import io.cachetory.annotations.Cached;
import io.cachetory.annotations.SingleFlight;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Load-protected shapes under the agent: private, static, final, primitive and future methods. */
public class ResilientService {
    static final AtomicInteger RUNS = new AtomicInteger();
    static volatile boolean failing;
    static volatile String answer = "v1";

    private static String body(String key) {
        RUNS.incrementAndGet();
        if (failing) {
            throw new IllegalStateException("down");
        }
        return key + ":" + answer;
    }

    @Cached(ttl = "200ms", staleIfError = "1m", prefix = "r-private")
    private String stalePrivate(String key) {
        return body(key);
    }

    String callStalePrivate(String key) {
        return stalePrivate(key);
    }

    @Cached(ttl = "200ms", staleIfError = "1m", prefix = "r-static")
    static String staleStatic(String key) {
        return body(key);
    }

    @Cached(ttl = "200ms", staleIfError = "1m", prefix = "r-primitive")
    public final long stalePrimitive(String key) {
        return body(key).length();
    }

    @Cached(ttl = "200ms", staleIfError = "1m", prefix = "r-future")
    public CompletableFuture<String> staleFuture(String key) {
        return CompletableFuture.supplyAsync(() -> body(key));
    }

    @Cached(ttl = "1m", refresh = "100ms", singleFlight = SingleFlight.FLEET, prefix = "r-refresh")
    public final String refreshed(String key) {
        return body(key);
    }
}
