package io.cachetory.benchmarks;

import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A Redis Cluster of three masters on loopback, started for the trial:
 * <ul>
 *   <li>{@code memoizedHit}: a hit of the {@code @Cached} method of {@link RedisPriceService} whose cache
 *       is {@code Cache.fromUrl("redis-cluster://…", "kryo://?allow=io.cachetory.benchmarks")};
 *   <li>{@code rawLettuceClusterGetKryo}: the same by hand: a Lettuce {@code RedisClusterClient} sync
 *       {@code GET} ({@code ByteArrayCodec}) and a hand-rolled {@code Kryo} read;
 *   <li>{@code cacheGetMany100}: {@code Cache.getMany} of 100 keys on all three masters (one
 *       {@code EVAL} per master, in parallel) vs {@code rawLettuceCluster100Gets} (100 sequential
 *       cluster {@code GET}s + Kryo) and {@code rawLettuceClusterMget100} (Lettuce's cross-slot
 *       {@code MGET}, which it splits into one {@code MGET} per slot).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RedisClusterBenchmark {
    static final int MANY = 100;

    public String ticker = "AAPL";
    public int day = 7;

    RedisClusterServers cluster;
    Cache<Object> cache;
    RedisPriceService service;
    RedisClusterClient client;
    StatefulRedisClusterConnection<byte[], byte[]> connection;
    HandWrittenRedisReads raw;
    List<String> manyKeys;
    byte[][] rawManyKeys;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        cluster = RedisClusterServers.start(3);
        cache = Cache.fromUrl(cluster.url() + "?timeout=2s", RedisBenchmark.SERIALIZER);
        Cachetory.registry().register(RedisBenchmark.CACHE, cache);
        service = Cachetory.create(RedisPriceService.class);
        // The first calls may meet a cold JVM's first cluster connection: warm up until a hit.
        for (int i = 0; i < 50 && service.bodyRuns() < 2; i++) {
            service.quote(ticker, day);
        }
        int runsAfterWarmUp = service.bodyRuns();
        service.quote(ticker, day);
        if (service.bodyRuns() != runsAfterWarmUp) {
            throw new IllegalStateException("memoizedHit: not a hit after warm-up");
        }

        client = RedisClusterClient.create(cluster.seeds().stream().map(RedisURI::create).toList());
        connection = client.connect(ByteArrayCodec.INSTANCE);
        raw = new HandWrittenRedisReads(connection.sync());
        raw.quote(ticker, day);
        raw.quote(ticker, day);
        RedisBenchmark.checkHits("rawLettuceClusterGetKryo", raw.bodyRuns);

        Map<String, Object> items = new LinkedHashMap<>();
        manyKeys = new ArrayList<>(MANY);
        rawManyKeys = new byte[MANY][];
        for (int i = 0; i < MANY; i++) {
            String key = "many:TCK" + i;
            manyKeys.add(key);
            items.put(key, Quote.sample("TCK" + i, i));
            rawManyKeys[i] = ("raw" + key).getBytes(StandardCharsets.UTF_8);
            raw.set(rawManyKeys[i], Quote.sample("TCK" + i, i));
        }
        cache.setMany(items);
        if (cache.getMany(manyKeys).size() != MANY || rawLettuceCluster100Gets().size() != MANY
                || rawLettuceClusterMget100().size() != MANY) {
            throw new IllegalStateException("getMany set-up: not every key is present");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            RedisBenchmark.checkHits("rawLettuceClusterGetKryo", raw == null ? 1 : raw.bodyRuns);
        } finally {
            if (connection != null) {
                connection.close();
            }
            if (client != null) {
                client.shutdown();
            }
            if (cache != null) {
                cache.close();
            }
            cluster.close();
        }
    }

    @Benchmark
    public Quote memoizedHit() {
        return service.quote(ticker, day);
    }

    @Benchmark
    public Quote rawLettuceClusterGetKryo() {
        return raw.quote(ticker, day);
    }

    @Benchmark
    public Map<String, Object> cacheGetMany100() {
        return cache.getMany(manyKeys);
    }

    @Benchmark
    public List<Object> rawLettuceCluster100Gets() {
        return raw.gets(rawManyKeys);
    }

    @Benchmark
    public List<Object> rawLettuceClusterMget100() {
        return raw.mget(rawManyKeys);
    }
}
