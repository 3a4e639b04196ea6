package io.cachetory.samples;

import io.cachetory.annotations.Cached;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pretend remote exchange-rate service: every lookup takes {@value #LATENCY_MS} ms. The
 * {@code @Cached} methods are memoized by the agent (objects made with {@code new}, static methods)
 * or by {@code Cachetory.create} (no JVM flag needed).
 */
public class ExchangeRates {
    static final long LATENCY_MS = 400;
    static final AtomicInteger REMOTE_CALLS = new AtomicInteger();

    @Cached(prefix = "rates", ttl = "1s")
    public Rate rate(String from, String to) {
        return new Rate(from, to, fetch(from, to), Instant.now());
    }

    @Cached(prefix = "rates-async", ttl = "1m")
    public CompletableFuture<Rate> rateAsync(String from, String to) {
        return CompletableFuture.supplyAsync(() -> new Rate(from, to, fetch(from, to), Instant.now()));
    }

    @Cached(prefix = "currencies")
    public static String currencyName(String code) {
        slow();
        switch (code) {
            case "EUR": return "Euro";
            case "USD": return "US dollar";
            case "JPY": return "Japanese yen";
            default: return code;
        }
    }

    private static BigDecimal fetch(String from, String to) {
        slow();
        double seed = Math.abs((from + to).hashCode() % 1000) / 1000.0;
        return BigDecimal.valueOf(0.5 + seed).setScale(4, RoundingMode.HALF_UP);
    }

    private static void slow() {
        REMOTE_CALLS.incrementAndGet();
        try {
            Thread.sleep(LATENCY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
