package io.cachetory.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import io.cachetory.CacheStats;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import io.cachetory.memo.Memo;
import io.cachetory.memo.Memoized;
import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Memoization over {@code redis-cluster://…?near=1000}: {@code @Cached} (plain and future methods)
 * and {@code Memo.of} work as over any cache; repeat hits send no read to any master and count as
 * hits; another client's overwrite on the entry's master is seen within 100 ms.
 */
class NearClusterMemoizationTest {
    static final AtomicInteger RUNS = new AtomicInteger();
    private static final Serializer<Object, byte[]> KRYO = Serializers.fromUrl("kryo://");
    private static RedisCluster cluster;

    public static class Quotes {
        @Cached(cache = "near-cluster-memo", prefix = "ncq", ttl = "1m")
        public String quote(String ticker) {
            RUNS.incrementAndGet();
            return "quote:" + ticker;
        }

        @Cached(cache = "near-cluster-memo-async", prefix = "ncqa", ttl = "1m")
        public CompletableFuture<String> quoteAsync(String ticker) {
            RUNS.incrementAndGet();
            return CompletableFuture.completedFuture("async:" + ticker);
        }
    }

    private RedisBackend backend;
    private AsyncClusterBackend asyncBackend;
    private Cache<Object> cache;
    private AsyncCache<Object> async;
    private Quotes quotes;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.get();
        cluster.awaitHealthy(Duration.ofSeconds(30));
    }

    @BeforeEach
    void setUp() throws Exception {
        RUNS.set(0);
        cluster.flushAll();
        String url = cluster.url("near=1000&timeout=500ms");
        backend = RedisBackend.fromUrl(url);
        asyncBackend = new AsyncClusterBackend(RedisSettings.parse(io.cachetory.backend.BackendUrl.parse(url)));
        cache = Cache.of(KRYO, backend);
        async = AsyncCache.of(KRYO, asyncBackend);
        NearClusterTest.awaitArmed(backend);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!asyncBackend.near().armed() && System.nanoTime() < deadline) {
            async.get("warm-up").get(5, TimeUnit.SECONDS);
            RedisServer.sleep(5);
        }
        assertThat(asyncBackend.near().armed()).isTrue();
        Cachetory.registry().register("near-cluster-memo", cache);
        Cachetory.registry().register("near-cluster-memo-async", async);
        quotes = Cachetory.create(Quotes.class);
    }

    @AfterEach
    void tearDown() {
        cache.close();
        async.close();
    }

    /** GETs, PTTLs and EVALs processed by all masters so far. */
    private static long readsAndWrites() {
        long n = 0;
        for (RedisServer master : cluster.masters()) {
            RedisServer.Admin a = cluster.admin(master);
            n += a.calls("get") + a.calls("pttl") + a.calls("eval") + a.calls("set");
        }
        return n;
    }

    /** The one key under {@code pattern}, found on whichever master holds it. */
    private static String onlyKey(String pattern) {
        List<String> keys = cluster.masters().stream().flatMap(m -> cluster.admin(m).sync().keys(pattern).stream()).toList();
        assertThat(keys).hasSize(1);
        return keys.get(0);
    }

    @Test
    void repeatHitsOfAMemoizedMethodSendNothingAndCountAsHits() {
        CacheStats before = Cachetory.registry().stats("near-cluster-memo");
        assertThat(quotes.quote("AAPL")).isEqualTo("quote:AAPL");
        String first = quotes.quote("AAPL");
        long commandsBefore = readsAndWrites();
        for (int i = 0; i < 100; i++) {
            assertThat(quotes.quote("AAPL")).isSameAs(first);
        }
        assertThat(readsAndWrites() - commandsBefore).as("reads or writes on any master").isZero();
        assertThat(RUNS).hasValue(1);
        CacheStats after = Cachetory.registry().stats("near-cluster-memo");
        assertThat(after.hits() - before.hits()).isEqualTo(101);
        assertThat(after.misses() - before.misses()).isEqualTo(1);
    }

    @Test
    void anotherClientsOverwriteOnTheEntrysMasterIsSeenWithin100ms() {
        quotes.quote("MSFT");
        assertThat(quotes.quote("MSFT")).isEqualTo("quote:MSFT");
        String key = onlyKey("ncq#*");
        cluster.admin(cluster.masterOf(key)).sync().set(key, KRYO.serialize("theirs"));
        long start = System.nanoTime();
        while (!"theirs".equals(quotes.quote("MSFT"))) {
            assertThat((System.nanoTime() - start) / 1e6).isLessThanOrEqualTo(NearCacheTest.STALENESS_BOUND_MS);
            NearCacheTest.pause();
        }
        assertThat(RUNS).hasValue(1);
    }

    @Test
    void futureMethodRunsItsBodyOnceAndHitsSendNothing() throws Exception {
        assertThat(quotes.quoteAsync("IBM").get(5, TimeUnit.SECONDS)).isEqualTo("async:IBM");
        // the store of a future's value completes in the background
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            List<String> keys = cluster.masters().stream().flatMap(m -> cluster.admin(m).sync().keys("ncqa*").stream()).toList();
            if (!keys.isEmpty() && asyncBackend.getNear(keys.get(0)) != null) {
                break;
            }
            RedisServer.sleep(5);
        }
        long commandsBefore = readsAndWrites();
        assertThat(quotes.quoteAsync("IBM")).isCompletedWithValue("async:IBM");
        assertThat(readsAndWrites() - commandsBefore).isZero();
        assertThat(RUNS).hasValue(1);
    }

    @Test
    void memoOfOverANearClusterCache() {
        AtomicInteger calls = new AtomicInteger();
        Memoized<String, String> upper = Memo.<String, String>of(s -> {
            calls.incrementAndGet();
            return s.toUpperCase();
        }).cache(Cache.of(Serializers.<String, byte[]>fromUrl("kryo://"), backend)).prefix("up").ttl(Duration.ofMinutes(1)).build();
        for (String word : List.of("abc", "def", "ghi", "jkl")) {
            assertThat(upper.apply(word)).isEqualTo(word.toUpperCase());
        }
        long commandsBefore = readsAndWrites();
        for (String word : List.of("abc", "def", "ghi", "jkl")) {
            assertThat(upper.apply(word)).isEqualTo(word.toUpperCase());
        }
        assertThat(readsAndWrites() - commandsBefore).isZero();
        assertThat(calls).hasValue(4);
    }
}
