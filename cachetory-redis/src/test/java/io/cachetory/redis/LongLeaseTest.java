package io.cachetory.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import io.cachetory.annotations.SingleFlight;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lease the options allow (positive, at most the longest ttl) but whose nanoseconds overflow a
 * long: a fleet miss still loads, and a future-returning method leaves no flight behind (a real
 * redis-server, both faces registered).
 */
class LongLeaseTest {
    static final String CACHE = "long-lease-test";
    static final AtomicInteger RUNS = new AtomicInteger();
    static RedisServer server;
    static Cache<Object> cache;
    static AsyncCache<Object> async;

    public static class Service {
        // 110 000 days, about 301 years: beyond Long.MAX_VALUE nanoseconds
        @Cached(cache = CACHE, prefix = "fl", singleFlight = SingleFlight.FLEET, lease = "110000d")
        public CompletableFuture<String> later(String key) {
            RUNS.incrementAndGet();
            return CompletableFuture.completedFuture("v:" + key);
        }

        @Cached(cache = CACHE, prefix = "sl", singleFlight = SingleFlight.FLEET, lease = "110000d")
        public String now(String key) {
            RUNS.incrementAndGet();
            return "v:" + key;
        }
    }

    @BeforeAll
    static void start() {
        server = RedisServer.start();
        cache = Cache.fromUrl(server.url() + "?timeout=5s", null);
        async = AsyncCache.fromUrl(server.url() + "?timeout=5s", null);
    }

    @AfterAll
    static void stop() {
        cache.close();
        async.close();
        server.close();
    }

    @BeforeEach
    void register() {
        RUNS.set(0);
        Cachetory.registry().register(CACHE, cache, async);
    }

    @Test
    void aFutureFleetMissWithALeaseOfCenturiesLoadsAndTheNextCallHits() throws Exception {
        Service s = Cachetory.create(Service.class);
        assertThat(s.later("a").get(10, TimeUnit.SECONDS)).isEqualTo("v:a");
        assertThat(s.later("a").get(10, TimeUnit.SECONDS)).isEqualTo("v:a");
        assertThat(RUNS.get()).isEqualTo(1);
    }

    @Test
    void aSyncFleetMissWithALeaseOfCenturiesLoadsAndTheNextCallHits() {
        Service s = Cachetory.create(Service.class);
        assertThat(s.now("a")).isEqualTo("v:a");
        assertThat(s.now("a")).isEqualTo("v:a");
        assertThat(RUNS.get()).isEqualTo(1);
    }
}
