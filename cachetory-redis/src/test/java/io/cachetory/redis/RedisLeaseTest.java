package io.cachetory.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.Cache;
import io.cachetory.backend.Backends;
import io.cachetory.backend.LeaseBackend;
import io.cachetory.memo.Memoized;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The lease capability of the Redis backends, on a single server and on a cluster. */
class RedisLeaseTest {
    private static RedisServer server;

    @BeforeAll
    static void start() {
        server = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<String> urls() {
        return Stream.of(server.url() + "?timeout=5s", RedisCluster.get().url("timeout=5s"));
    }

    private static String kind(String url) {
        return url.startsWith("redis-cluster") ? "cluster" : "single";
    }

    @ParameterizedTest
    @MethodSource("urls")
    void onlyTheHolderReleasesALease(String url) {
        try (var backend = Backends.<byte[]>fromUrl(url)) {
            LeaseBackend leases = (LeaseBackend) backend;
            String key = "lease-test:" + kind(url) + ":" + System.nanoTime() + ".lock";
            assertThat(leases.tryLease(key, "first", Duration.ofSeconds(10))).isEqualTo("first");
            assertThat(leases.tryLease(key, "second", Duration.ofSeconds(10))).isEqualTo("first");
            assertThat(leases.releaseLease(key, "second")).isFalse();
            assertThat(leases.tryLease(key, "third", Duration.ofSeconds(10))).isEqualTo("first");
            assertThat(leases.releaseLease(key, "first")).isTrue();
            assertThat(leases.releaseLease(key, "first")).isFalse();
            assertThat(leases.tryLease(key, "second", Duration.ofSeconds(10))).isEqualTo("second");
        }
    }

    @ParameterizedTest
    @MethodSource("urls")
    void aLeaseExpiresWithItsHolder(String url) throws InterruptedException {
        try (var backend = Backends.<byte[]>fromUrl(url)) {
            LeaseBackend leases = (LeaseBackend) backend;
            String key = "lease-test:" + kind(url) + ":" + System.nanoTime() + ".lock";
            assertThat(leases.tryLease(key, "dead", Duration.ofMillis(100))).isEqualTo("dead");
            Thread.sleep(150); // the expiry in Redis is the point
            assertThat(leases.tryLease(key, "next", Duration.ofSeconds(10))).isEqualTo("next");
        }
    }

    @ParameterizedTest
    @MethodSource("urls")
    void twoClientsShareOneLoadPerKeyOnAnySlot(String url) throws Exception {
        // two caches on their own connections stand for two JVMs
        Cache<String> first = Cache.fromUrl(url, null);
        Cache<String> second = Cache.fromUrl(url, null);
        FleetService.bodyMillis = 200;
        FleetService.failing = false;
        Memoized<String, String> a = FleetService.loader(first);
        Memoized<String, String> b = FleetService.loader(second);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> calls = new ArrayList<>();
            String run = kind(url) + System.nanoTime();
            for (int k = 0; k < 3; k++) {
                String key = run + "-" + k; // keys on different slots of a cluster
                calls.add(pool.submit(() -> a.apply(key)));
                calls.add(pool.submit(() -> b.apply(key)));
            }
            for (Future<String> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS)).startsWith(run);
            }
        } finally {
            pool.shutdownNow();
            first.close();
            second.close();
        }
        assertThat(a.stats().loads() + b.stats().loads()).isEqualTo(3);
    }
}
