package io.cachetory.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import io.cachetory.CacheStats;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import io.cachetory.redis.hostile.Traces;
import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Memoization over a real Redis (futures, fail-open, the read allow-list): calls keep their right results whatever the
 * server does, caching resumes when it returns, futures never block the caller, and planted bytes
 * are misses that run no code. Time bounds are generous: they prove "returns", not speed.
 */
class RedisMemoizationTest {
    static final AtomicInteger RUNS = new AtomicInteger();
    static volatile Runnable whileLoading = () -> {};
    private static final Duration BOUND = Duration.ofSeconds(10);

    public static class Quotes {
        @Cached(cache = "redis-memo", prefix = "q", ttl = "1m")
        public String quote(String ticker) {
            RUNS.incrementAndGet();
            return "quote:" + ticker;
        }

        @Cached(cache = "redis-memo", prefix = "missing", cacheNull = true)
        public String missing(String ticker) {
            RUNS.incrementAndGet();
            return null;
        }

        @Cached(cache = "redis-memo", prefix = "nx", ifNotExists = true)
        public String firstWriterWins(String ticker) {
            RUNS.incrementAndGet();
            whileLoading.run();
            return "mine:" + ticker;
        }

        @Cached(cache = "redis-memo-async", prefix = "qa", ttl = "1m")
        public CompletableFuture<String> quoteAsync(String ticker) {
            RUNS.incrementAndGet();
            return CompletableFuture.completedFuture("async:" + ticker);
        }
    }

    private RedisServer server;
    private Cache<Object> cache;
    private AsyncCache<Object> async;
    private Quotes quotes;

    @BeforeEach
    void setUp() {
        RUNS.set(0);
        server = RedisServer.start();
        String url = server.url() + "?timeout=300ms";
        cache = Cache.fromUrl(url, "kryo://");
        async = AsyncCache.fromUrl(url, "kryo://");
        Cachetory.registry().register("redis-memo", cache);
        Cachetory.registry().register("redis-memo-async", async);
        quotes = Cachetory.create(Quotes.class);
    }

    @AfterEach
    void tearDown() {
        server.resume();
        cache.close();
        async.close();
        server.close();
    }

    private static CacheStats stats() {
        return Cachetory.registry().stats("redis-memo");
    }

    /** The key a method storing strings keeps {@code arg} under: {@code <prefix>#<tag>:<arg>}. */
    private static String key(String prefix, String arg) {
        try {
            return prefix + "#" + StoredForm.tag(String.class, "") + ":" + arg;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void hitIsServedFromRedis() {
        assertThat(quotes.quote("AAPL")).isEqualTo("quote:AAPL");
        assertThat(quotes.quote("AAPL")).isEqualTo("quote:AAPL");
        assertThat(RUNS).hasValue(1);
        try (RedisServer.Admin admin = server.admin()) {
            assertThat(admin.sync().get(key("q", "AAPL"))).isNotNull();
        }
    }

    @Test
    void callsReturnTheRightValueWhileRedisIsDownAndCachingResumesWhenItIsBack() {
        quotes.quote("AAPL");
        server.stop();
        assertTimeoutPreemptively(BOUND, () -> {
            assertThat(quotes.quote("AAPL")).isEqualTo("quote:AAPL");
            assertThat(quotes.quote("MSFT")).isEqualTo("quote:MSFT");
        });
        assertThat(stats().backendErrors()).isPositive();
        server.restart();
        long hitsBefore = stats().hits();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stats().hits() == hitsBefore && System.nanoTime() < deadline) {
            assertThat(quotes.quote("AAPL")).isEqualTo("quote:AAPL");
            RedisServer.sleep(50);
        }
        assertThat(stats().hits()).as("caching resumed after the restart").isGreaterThan(hitsBefore);
    }

    @Test
    void callsReturnTheRightValueWhileRedisHangs() {
        quotes.quote("AAPL");
        server.pause();
        assertTimeoutPreemptively(BOUND, () -> assertThat(quotes.quote("AAPL")).isEqualTo("quote:AAPL"));
    }

    @Test
    void futureMethodReturnsAtOnceWhileRedisHangsAndCompletesWithTheBodysValue() throws Exception {
        // a long timeout, so that a caller held for it could not pass for one that was not held
        try (AsyncCache<Object> slow = AsyncCache.fromUrl(server.url() + "?timeout=2s", "kryo://")) {
            Cachetory.registry().register("redis-memo-async", slow);
            assertThat(quotes.quoteAsync("AAPL").get(5, TimeUnit.SECONDS)).isEqualTo("async:AAPL");
            server.pause();
            long start = System.nanoTime();
            CompletableFuture<String> future = quotes.quoteAsync("MSFT");
            long returnedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(returnedAfterMs).as("the caller is not held for the backend's 2 s timeout").isLessThan(1000);
            assertThat(future).isNotDone();
            assertThat(future.get(10, TimeUnit.SECONDS)).isEqualTo("async:MSFT");
        }
    }

    @Test
    void futureMethodStoresTheCompletedValueInRedis() throws Exception {
        quotes.quoteAsync("AAPL").get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (async.get(key("qa", "AAPL")).get(5, TimeUnit.SECONDS) == null && System.nanoTime() < deadline) {
            RedisServer.sleep(10);
        }
        assertThat(async.get(key("qa", "AAPL")).get(5, TimeUnit.SECONDS)).isEqualTo("async:AAPL");
        assertThat(quotes.quoteAsync("AAPL").get(5, TimeUnit.SECONDS)).isEqualTo("async:AAPL");
        assertThat(RUNS).hasValue(1);
    }

    @Test
    void corruptBytesInRedisAreAMissAndAreReplaced() {
        try (RedisServer.Admin admin = server.admin()) {
            // a valid header whose payload no longer matches its checksum
            byte[] corrupt = Serializers.<Object, byte[]>fromUrl("kryo://").serialize("quote:AAPL");
            corrupt[corrupt.length - 1] ^= 0x01;
            admin.sync().set(key("q", "AAPL"), corrupt);
            assertThat(quotes.quote("AAPL")).isEqualTo("quote:AAPL");
            assertThat(RUNS).hasValue(1);
            assertThat(stats().backendErrors()).isEqualTo(1);
            assertThat(quotes.quote("AAPL")).isEqualTo("quote:AAPL");
            assertThat(RUNS).hasValue(1);
        }
    }

    @Test
    void plantedValueNamingAClassOutsideTheAllowListIsAMissAndNoneOfItsCodeRuns() {
        Serializer<Object, byte[]> permissive = Serializers.fromUrl("kryo://?allow=io.cachetory.redis.hostile.NiceOne");
        byte[] nice = permissive.serialize(new io.cachetory.redis.hostile.NiceOne());
        // renamed inside an intact frame, as a hostile writer would do it
        byte[] evil = StoredForm.reframe(nice, payload -> rename(payload, "NiceOne", "EvilOne"));
        try (RedisServer.Admin admin = server.admin()) {
            admin.sync().set(key("q", "AAPL"), evil);
            assertThat(quotes.quote("AAPL")).isEqualTo("quote:AAPL");
        }
        assertThat(RUNS).hasValue(1);
        assertThat(stats().backendErrors()).isEqualTo(1);
        assertThat(Traces.COUNT).as("EvilOne's static initializer or constructor ran").hasValue(0);
    }

    @Test
    void nullResultWithCacheNullIsStoredAsTheMarkerAndReadBackThroughKryo() {
        assertThat(quotes.missing("X")).isNull();
        assertThat(quotes.missing("X")).isNull();
        assertThat(RUNS).hasValue(1);
        assertThat(cache.get(key("missing", "X"))).isSameAs(io.cachetory.memo.CachedNull.INSTANCE);
    }

    @Test
    void ifNotExistsIsSetNxAtTheServer() {
        // the read misses; while the body runs another writer stores first
        whileLoading = () -> cache.set(key("nx", "AAPL"), "other writer");
        assertThat(quotes.firstWriterWins("AAPL")).isEqualTo("mine:AAPL");
        assertThat(cache.get(key("nx", "AAPL"))).isEqualTo("other writer");
    }

    @Test
    void defaultSerializerOverRedisIsKryo() {
        try (Cache<Object> byDefault = Cache.fromUrl(server.url(), null)) {
            byDefault.set("k", java.util.List.of(1, "two", new java.math.BigDecimal("3.50")));
            assertThat(byDefault.get("k")).isEqualTo(java.util.List.of(1, "two", new java.math.BigDecimal("3.50")));
            assertThat(byDefault.toString()).contains("kryo");
        }
    }

    /** Kryo writes ASCII class names with the last character's high bit set; names of equal length swap in place. */
    private static byte[] rename(byte[] data, String from, String to) {
        byte[] f = from.substring(0, from.length() - 1).getBytes(StandardCharsets.US_ASCII);
        byte[] t = to.substring(0, to.length() - 1).getBytes(StandardCharsets.US_ASCII);
        byte[] out = data.clone();
        outer:
        for (int i = 0; i + f.length <= out.length; i++) {
            for (int j = 0; j < f.length; j++) {
                if (out[i + j] != f[j]) {
                    continue outer;
                }
            }
            System.arraycopy(t, 0, out, i, t.length);
            return out;
        }
        throw new AssertionError("class name " + from + " not found in the Kryo bytes");
    }
}
