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

    @Cached(cache = CACHE, prefix = "stale", ttl = "300ms", staleIfError = "600ms")
    public String stale(String key) {
        return body("stale", key);
    }
}
