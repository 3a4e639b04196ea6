package io.cachetory.benchmarks;

import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
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
 * A memoized hit ({@code Cachetory.create} proxy, {@code @Cached} {@code Quote quote(String, int)})
 * over three caches in one run:
 * <ul>
 *   <li>{@code memoizedHitNear}: {@code redis://127.0.0.1:PORT/0?near=10000} + Kryo: the near cache;</li>
 *   <li>{@code memoizedHitMemory}: {@code memory://} + {@code noop://};</li>
 *   <li>{@code memoizedHitRedis}: plain {@code redis://127.0.0.1:PORT/0} + Kryo (a loopback round trip).</li>
 * </ul>
 * The set-up checks that the near row really is a near hit: 100 calls send no command to the server
 * ({@code INFO stats total_commands_processed}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class NearCacheBenchmark {
    static final String NEAR = "near-bench-near";
    static final String MEMORY = "near-bench-memory";
    static final String REDIS = "near-bench-redis";
    static final String SERIALIZER = "kryo://?allow=io.cachetory.benchmarks";

    public String ticker = "AAPL";
    public int day = 7;

    RedisServer server;
    Cache<Object> near;
    Cache<Object> memory;
    Cache<Object> redis;
    NearPriceService service;
    RedisClient adminClient;
    StatefulRedisConnection<String, String> admin;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = RedisServer.start();
        near = Cache.fromUrl(server.url() + "?near=10000&timeout=5s", SERIALIZER);
        memory = Cache.fromUrl("memory://", null);
        redis = Cache.fromUrl(server.url() + "?timeout=5s", SERIALIZER);
        Cachetory.registry().register(NEAR, near);
        Cachetory.registry().register(MEMORY, memory);
        Cachetory.registry().register(REDIS, redis);
        service = Cachetory.create(NearPriceService.class);
        adminClient = RedisClient.create(server.url());
        admin = adminClient.connect();

        service.overMemory(ticker, day);
        service.overRedis(ticker, day);
        service.overNear(ticker, day);
        // tracking is armed shortly after the first connect: wait until hits are near hits
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!nearHitsSendNothing()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("memoizedHitNear: hits over " + server.url() + "?near=10000 still reach Redis");
            }
            Thread.sleep(10);
        }
        checkBodyRuns();
    }

    private boolean nearHitsSendNothing() {
        service.overNear(ticker, day);
        long before = commandsProcessed();
        for (int i = 0; i < 100; i++) {
            service.overNear(ticker, day);
        }
        return commandsProcessed() - before == 1; // the first INFO itself
    }

    private long commandsProcessed() {
        for (String line : admin.sync().info("stats").split("\r?\n")) {
            if (line.startsWith("total_commands_processed:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IllegalStateException("no total_commands_processed in INFO stats");
    }

    private void checkBodyRuns() {
        if (service.bodyRuns() != 3) {
            throw new IllegalStateException("the bodies ran " + service.bodyRuns() + " times, expected 3 (one warm-up miss each)");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            if (service != null) {
                checkBodyRuns();
            }
        } finally {
            if (admin != null) {
                admin.close();
                adminClient.shutdown();
            }
            for (Cache<Object> c : new Cache[] {near, memory, redis}) {
                if (c != null) {
                    c.close();
                }
            }
            server.close();
        }
    }

    @Benchmark
    public Quote memoizedHitNear() {
        return service.overNear(ticker, day);
    }

    @Benchmark
    public Quote memoizedHitMemory() {
        return service.overMemory(ticker, day);
    }

    @Benchmark
    public Quote memoizedHitRedis() {
        return service.overRedis(ticker, day);
    }
}
