package io.cachetory.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import io.cachetory.memo.Memo;
import io.cachetory.memo.Memoized;
import io.cachetory.redis.hostile.Traces;
import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Memoization, {@link AsyncCache} and safety over a real Redis Cluster behave as over one server,
 * with entries spread over every master.
 */
class RedisClusterMemoizationTest {
    static final AtomicInteger RUNS = new AtomicInteger();
    private static RedisCluster cluster;

    public static class Quotes {
        @Cached(cache = "cluster-memo", prefix = "cq", ttl = "1m")
        public String quote(String ticker) {
            RUNS.incrementAndGet();
            return "quote:" + ticker;
        }

        @Cached(cache = "cluster-memo-async", prefix = "cqa", ttl = "1m")
        public CompletableFuture<String> quoteAsync(String ticker) {
            RUNS.incrementAndGet();
            return CompletableFuture.completedFuture("async:" + ticker);
        }
    }

    private Cache<Object> cache;
    private AsyncCache<Object> async;
    private Quotes quotes;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.get();
    }

    @BeforeEach
    void setUp() {
        RUNS.set(0);
        cluster.flushAll();
        String url = cluster.url("timeout=5s");
        cache = Cache.fromUrl(url, "kryo://");
        async = AsyncCache.fromUrl(url, "kryo://");
        Cachetory.registry().register("cluster-memo", cache);
        Cachetory.registry().register("cluster-memo-async", async);
        quotes = Cachetory.create(Quotes.class);
    }

    @AfterEach
    void tearDown() {
        cache.close();
        async.close();
    }

    private static List<String> tickers() {
        return IntStream.range(0, 60).mapToObj(i -> "T" + i).toList();
    }

    @Test
    void memoizedCallsAreServedFromEveryMaster() {
        for (String t : tickers()) {
            assertThat(quotes.quote(t)).isEqualTo("quote:" + t);
        }
        for (String t : tickers()) {
            assertThat(quotes.quote(t)).isEqualTo("quote:" + t);
        }
        assertThat(RUNS).hasValue(tickers().size());
        assertThat(Cachetory.registry().stats("cluster-memo").hits()).isEqualTo(tickers().size());
        for (RedisServer master : cluster.masters()) {
            assertThat(cluster.admin(master).sync().dbsize()).as("keys on master " + master.port()).isPositive();
        }
    }

    @Test
    void futureMethodsAreMemoizedThroughTheAsyncCache() throws Exception {
        for (String t : tickers()) {
            assertThat(quotes.quoteAsync(t).get(5, TimeUnit.SECONDS)).isEqualTo("async:" + t);
        }
        // the store completes after the future: wait until the last one is there
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (RUNS.get() == tickers().size() && System.nanoTime() < deadline
                && cluster.masters().stream().mapToLong(m -> cluster.admin(m).sync().dbsize()).sum() < tickers().size()) {
            RedisServer.sleep(10);
        }
        for (String t : tickers()) {
            assertThat(quotes.quoteAsync(t).get(5, TimeUnit.SECONDS)).isEqualTo("async:" + t);
        }
        assertThat(RUNS).hasValue(tickers().size());
    }

    @Test
    void asyncCacheBatchesAcrossMastersRoundTripObjects() throws Exception {
        Map<String, Object> items = new LinkedHashMap<>();
        for (String t : tickers()) {
            items.put(t, List.of(t, t.length(), new java.math.BigDecimal("1.50")));
        }
        async.setMany(items, Duration.ofMinutes(1)).get(5, TimeUnit.SECONDS);

        assertThat(async.getMany(items.keySet()).get(5, TimeUnit.SECONDS)).isEqualTo(items);
        async.deleteMany(items.keySet().toArray(new String[0])).get(5, TimeUnit.SECONDS);
        assertThat(async.getMany(items.keySet()).get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void plantedValueNamingAClassOutsideTheAllowListIsAMissAndNoneOfItsCodeRuns() {
        try (Cache<String> strings = Cache.fromUrl(cluster.url("timeout=5s"), "kryo://")) {
            Memoized<String, String> memo = Memo.of((String t) -> {
                RUNS.incrementAndGet();
                return "quote:" + t;
            }).cache(strings).prefix("planted").build();
            Serializer<Object, byte[]> permissive = Serializers.fromUrl("kryo://?allow=io.cachetory.redis.hostile.NiceOne");
            byte[] evil = rename(permissive.serialize(new io.cachetory.redis.hostile.NiceOne()), "NiceOne", "EvilOne");
            String key = memo.keyOf("AAPL");
            cluster.admin(cluster.masterOf(key)).sync().set(key, evil);

            assertThat(memo.apply("AAPL")).isEqualTo("quote:AAPL");

            assertThat(RUNS).hasValue(1);
            assertThat(Traces.COUNT).as("EvilOne's static initializer or constructor ran").hasValue(0);
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
