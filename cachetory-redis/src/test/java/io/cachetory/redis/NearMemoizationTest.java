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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Memoization over a near cache: {@code @Cached} through {@code Cachetory.create}, {@code Memo.of}
 * and a future-returning method work as over any cache; repeat hits send nothing to Redis and are
 * counted as hits; another client's overwrite of an entry is seen within 100 ms.
 */
class NearMemoizationTest {
    static final AtomicInteger RUNS = new AtomicInteger();
    private static final Serializer<Object, byte[]> KRYO = Serializers.fromUrl("kryo://");

    public static class Quotes {
        @Cached(cache = "near-memo", prefix = "nq", ttl = "1m")
        public String quote(String ticker) {
            RUNS.incrementAndGet();
            return "quote:" + ticker;
        }

        @Cached(cache = "near-memo-async", prefix = "nqa", ttl = "1m")
        public CompletableFuture<String> quoteAsync(String ticker) {
            RUNS.incrementAndGet();
            return CompletableFuture.completedFuture("async:" + ticker);
        }
    }

    private RedisServer server;
    private RedisServer.Admin admin;
    private RedisBackend backend;
    private AsyncRedisBackend asyncBackend;
    private Cache<Object> cache;
    private AsyncCache<Object> async;
    private Quotes quotes;

    @BeforeEach
    void setUp() throws Exception {
        RUNS.set(0);
        server = RedisServer.start();
        admin = server.admin();
        String url = server.url() + "?near=1000&timeout=300ms";
        backend = RedisBackend.fromUrl(url);
        asyncBackend = AsyncRedisBackend.fromUrl(url);
        cache = Cache.of(KRYO, backend);
        async = AsyncCache.of(KRYO, asyncBackend);
        NearCacheTest.awaitArmed(backend.near(), backend);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!asyncBackend.near().armed() && System.nanoTime() < deadline) {
            async.get("warm-up").get(5, TimeUnit.SECONDS);
            RedisServer.sleep(5);
        }
        Cachetory.registry().register("near-memo", cache);
        Cachetory.registry().register("near-memo-async", async);
        quotes = Cachetory.create(Quotes.class);
    }

    @AfterEach
    void tearDown() {
        cache.close();
        async.close();
        admin.close();
        server.close();
    }

    private long commands() {
        return admin.stat("stats", "total_commands_processed");
    }

    @Test
    void repeatHitsOfAMemoizedMethodSendNothingAndCountAsHits() {
        CacheStats before = Cachetory.registry().stats("near-memo");
        assertThat(quotes.quote("AAPL")).isEqualTo("quote:AAPL");
        String first = quotes.quote("AAPL");
        long commandsBefore = commands();
        for (int i = 0; i < 100; i++) {
            assertThat(quotes.quote("AAPL")).isSameAs(first);
        }
        assertThat(commands() - commandsBefore).as("commands besides the INFO itself").isEqualTo(1);
        assertThat(RUNS).hasValue(1);
        CacheStats after = Cachetory.registry().stats("near-memo");
        assertThat(after.hits() - before.hits()).isEqualTo(101);
        assertThat(after.misses() - before.misses()).isEqualTo(1);
    }

    @Test
    void anotherClientsOverwriteOfAMemoizedEntryIsSeenWithin100ms() {
        quotes.quote("AAPL");
        assertThat(quotes.quote("AAPL")).isEqualTo("quote:AAPL");
        List<String> keys = admin.sync().keys("nq*");
        assertThat(keys).hasSize(1);
        admin.sync().set(keys.get(0), KRYO.serialize("theirs"));
        long start = System.nanoTime();
        while (!"theirs".equals(quotes.quote("AAPL"))) {
            assertThat((System.nanoTime() - start) / 1e6).isLessThanOrEqualTo(NearCacheTest.STALENESS_BOUND_MS);
            NearCacheTest.pause();
        }
        assertThat(RUNS).hasValue(1);
    }

    @Test
    void purgeInThisJvmIsSeenAtOnce() {
        quotes.quote("AAPL");
        assertThat(Cachetory.purge(() -> quotes.quote("AAPL"))).isTrue();
        quotes.quote("AAPL");
        assertThat(RUNS).hasValue(2);
    }

    @Test
    void memoOfOverANearCache() {
        AtomicInteger calls = new AtomicInteger();
        Memoized<String, String> upper = Memo.<String, String>of(s -> {
            calls.incrementAndGet();
            return s.toUpperCase();
        }).cache(Cache.of(Serializers.<String, byte[]>fromUrl("kryo://"), backend)).prefix("up").ttl(Duration.ofMinutes(1)).build();
        assertThat(upper.apply("abc")).isEqualTo("ABC");
        long commandsBefore = commands();
        assertThat(upper.apply("abc")).isEqualTo("ABC");
        assertThat(commands() - commandsBefore).isEqualTo(1);
        assertThat(calls).hasValue(1);
    }

    @Test
    void futureMethodOverANearCacheRunsItsBodyOnceAndHitsSendNothing() throws Exception {
        assertThat(quotes.quoteAsync("MSFT").get(5, TimeUnit.SECONDS)).isEqualTo("async:MSFT");
        // the store of a future's value completes in the background
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> keys = admin.sync().keys("nqa*");
        while ((keys.isEmpty() || asyncBackend.getNear(keys.get(0)) == null) && System.nanoTime() < deadline) {
            RedisServer.sleep(5);
            keys = admin.sync().keys("nqa*");
        }
        long commandsBefore = commands();
        assertThat(quotes.quoteAsync("MSFT").get(5, TimeUnit.SECONDS)).isEqualTo("async:MSFT");
        assertThat(commands() - commandsBefore).isEqualTo(1);
        assertThat(RUNS).hasValue(1);
    }
}
