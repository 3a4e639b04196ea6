package com.example.agentapp;

import io.cachetory.annotations.Cached;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Every shape of @Cached method the agent must handle. Body run counts are public for the apps. */
public class QuoteService {
    public static final AtomicInteger QUOTE = new AtomicInteger();
    public static final AtomicInteger STATIC = new AtomicInteger();
    public static final AtomicInteger PRIVATE = new AtomicInteger();
    public static final AtomicInteger FINAL = new AtomicInteger();
    public static final AtomicInteger PRIMITIVE = new AtomicInteger();
    public static final AtomicInteger TTL = new AtomicInteger();
    public static final AtomicInteger FUTURE = new AtomicInteger();
    public static final AtomicInteger FAILING = new AtomicInteger();
    public static final AtomicInteger INNER = new AtomicInteger();

    private final String currency;

    public QuoteService(String currency) {
        this.currency = currency;
    }

    @Cached
    public String quote(String sku, int qty) {
        QUOTE.incrementAndGet();
        return sku + "x" + qty + currency;
    }

    @Cached(prefix = "static-rate")
    public static long rate(String from, String to) {
        STATIC.incrementAndGet();
        return (from + to).length() * 100L;
    }

    /** Public entry to a private cached method. */
    public String secret(String key) {
        return hidden(key);
    }

    @Cached
    private String hidden(String key) {
        PRIVATE.incrementAndGet();
        return "hidden-" + key;
    }

    @Cached
    public final String fixed(String key) {
        FINAL.incrementAndGet();
        return "fixed-" + key;
    }

    @Cached
    public int length(String text) {
        PRIMITIVE.incrementAndGet();
        return text.length();
    }

    @Cached(ttl = "300ms")
    public String shortLived(String key) {
        TTL.incrementAndGet();
        return "ttl-" + key + "-" + TTL.get();
    }

    @Cached
    public CompletableFuture<String> later(String key) {
        FUTURE.incrementAndGet();
        return CompletableFuture.completedFuture("later-" + key);
    }

    @Cached
    public String failing(String key) {
        FAILING.incrementAndGet();
        throw new IllegalStateException("boom " + key);
    }

    /** Self-invocation: calls its own @Cached method through {@code this}. */
    public String outer(String key) {
        return inner(key) + "/" + inner(key);
    }

    @Cached
    public String inner(String key) {
        INNER.incrementAndGet();
        return "inner-" + key;
    }
}
