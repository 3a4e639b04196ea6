package io.cachetory.redis;

import io.cachetory.Cache;
import io.cachetory.annotations.Cached;
import io.cachetory.memo.Memo;
import io.cachetory.memo.Memoized;
import java.time.Duration;
import io.cachetory.annotations.SingleFlight;

/** Memoized methods shared by the JVMs of a fleet test; each body run prints a {@code BODY} line. */
public class FleetService {
    static final String CACHE = "fleet";
    /** How long a body takes in this JVM. */
    static volatile long bodyMillis = 500;
    /** Set in this JVM to make bodies throw. */
    static volatile boolean failing;
    /** Asked by every body run after its work: true makes that run throw. */
    static volatile java.util.function.BooleanSupplier failThisRun = () -> false;
    /** The thread whose calls must never run a body (refresh: callers do not wait for reloads). */
    static volatile Thread caller;
    static volatile int bodiesOnCaller;

    /** The stampede function as every JVM of a fleet test builds it (Memo.of: no bytecode generation, quick JVM starts). */
    static Memoized<String, String> loader(Cache<String> cache) {
        return Memo.<String, String>of(k -> body("load", k)).cache(cache).prefix("m-stampede")
                .singleFlight(SingleFlight.FLEET).lease(Duration.ofSeconds(3)).build();
    }

    /** The refresh-ahead function as every JVM of a fleet test builds it. */
    static Memoized<String, String> refresher(Cache<String> cache, boolean fleet) {
        return Memo.<String, String>of(k -> body("refresh", k)).cache(cache).prefix(fleet ? "m-refresh" : "m-jvm-refresh")
                .ttl(Duration.ofSeconds(3)).refresh(Duration.ofMillis(500))
                .singleFlight(fleet ? SingleFlight.FLEET : SingleFlight.JVM).lease(Duration.ofSeconds(2)).build();
    }

    static String body(String what, String key) {
        System.out.println("BODY " + what + " " + ProcessHandle.current().pid() + " " + System.currentTimeMillis());
        if (Thread.currentThread() == caller) {
            bodiesOnCaller++;
        }
        try {
            Thread.sleep(bodyMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failing || failThisRun.getAsBoolean()) {
            throw new IllegalStateException("service down");
        }
        return key + "@" + ProcessHandle.current().pid();
    }

    @Cached(cache = CACHE, prefix = "stampede", singleFlight = SingleFlight.FLEET, lease = "3s")
    public String load(String key) {
        return body("load", key);
    }

    @Cached(cache = CACHE, prefix = "refresh", ttl = "3s", refresh = "500ms", singleFlight = SingleFlight.FLEET, lease = "2s")
    public String refreshed(String key) {
        return body("refresh", key);
    }

    @Cached(cache = CACHE, prefix = "jvm-refresh", ttl = "3s", refresh = "500ms")
    public String refreshedPerJvm(String key) {
        return body("refresh", key);
    }

    /**
     * A future method with every load protection at once; its n-th body run completes with
     * {@code key=n}, every run after the first only once {@link #gate} opens.
     */
    public static class FutureQuotes {
        final java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);

        @Cached(cache = CACHE, prefix = "future-protected", ttl = "10s", refresh = "200ms", staleIfError = "1m",
                singleFlight = SingleFlight.FLEET, lease = "2s")
        public java.util.concurrent.CompletableFuture<String> quote(String key) throws InterruptedException {
            int run = runs.incrementAndGet();
            if (run > 1 && !gate.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
            return java.util.concurrent.CompletableFuture.completedFuture(key + "=" + run);
        }
    }

    @Cached(cache = CACHE, prefix = "stale", ttl = "300ms", staleIfError = "600ms")
    public String stale(String key) {
        return body("stale", key);
    }
}
