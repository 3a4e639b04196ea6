package io.cachetory.benchmarks;

import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
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
 * Redis on loopback (a {@code redis-server} from PATH started for the trial, no persistence):
 * <ul>
 *   <li>{@code memoizedHit}: a hit of a {@code @Cached} method of a {@code Cachetory.create} proxy whose
 *       cache is {@code Cache.fromUrl("redis://127.0.0.1:PORT/0", "kryo://?allow=io.cachetory.benchmarks")};
 *   <li>{@code rawLettuceGetKryo}: what one writes by hand: a Lettuce sync {@code GET} ({@code ByteArrayCodec})
 *       and a hand-rolled {@code Kryo} ({@code readClassAndObject}) of the same value (written in that Kryo's format);
 *   <li>{@code cacheGetMany100} ({@code Cache.getMany} of 100 keys) vs {@code rawLettuce100Gets} (100
 *       sequential GETs + Kryo) and {@code rawLettuceMget100} (one MGET + Kryo).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RedisBenchmark {
    static final String CACHE = "redis-bench";
    static final String SERIALIZER = "kryo://?allow=io.cachetory.benchmarks";
    static final int MANY = 100;

    public String ticker = "AAPL";
    public int day = 7;

    RedisServer server;
    Cache<Object> cache;
    RedisPriceService service;
    RedisClient client;
    StatefulRedisConnection<byte[], byte[]> connection;
    HandWrittenRedisReads raw;
    List<String> manyKeys;
    byte[][] rawManyKeys;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = RedisServer.start();
        try {
            // a generous timeout: a cold client on a busy machine may need more than the default 500 ms to
            // connect, which would turn the warm-up hit into a miss (a hit never waits on it)
            cache = Cache.fromUrl(server.url() + "?timeout=5s", SERIALIZER);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Cache.fromUrl(\"" + server.url() + "\", \"" + SERIALIZER + "\") failed: "
                    + e.getMessage() + " (the redis backend or the kryo serializer has not landed on this branch yet?)", e);
        }
        Cachetory.registry().register(CACHE, cache);
        service = Cachetory.create(RedisPriceService.class);
        service.quote(ticker, day);
        service.quote(ticker, day);
        checkHits("memoizedHit", service.bodyRuns());

        client = RedisClient.create(server.url());
        connection = client.connect(ByteArrayCodec.INSTANCE);
        raw = new HandWrittenRedisReads(connection.sync());
        raw.quote(ticker, day);
        raw.quote(ticker, day);
        checkHits("rawLettuceGetKryo", raw.bodyRuns);

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
        if (cache.getMany(manyKeys).size() != MANY || rawLettuce100Gets().size() != MANY) {
            throw new IllegalStateException("getMany set-up: not every key is present");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            checkHits("memoizedHit", service == null ? 1 : service.bodyRuns());
            checkHits("rawLettuceGetKryo", raw == null ? 1 : raw.bodyRuns);
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
            server.close();
        }
    }

    static void checkHits(String what, int bodyRuns) {
        if (bodyRuns != 1) {
            throw new IllegalStateException(what + ": the body ran " + bodyRuns + " times, expected once (the warm-up miss)");
        }
    }

    @Benchmark
    public Quote memoizedHit() {
        return service.quote(ticker, day);
    }

    @Benchmark
    public Quote rawLettuceGetKryo() {
        return raw.quote(ticker, day);
    }

    @Benchmark
    public Map<String, Object> cacheGetMany100() {
        return cache.getMany(manyKeys);
    }

    @Benchmark
    public List<Object> rawLettuce100Gets() {
        return raw.gets(rawManyKeys);
    }

    @Benchmark
    public List<Object> rawLettuceMget100() {
        return raw.mget(rawManyKeys);
    }
}
