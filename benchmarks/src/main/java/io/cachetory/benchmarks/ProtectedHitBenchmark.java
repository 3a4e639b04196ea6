package io.cachetory.benchmarks;

import io.cachetory.Cache;
import io.cachetory.Cachetory;
import java.math.BigDecimal;
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
 * The cost of load protection on a hit (proxy; memory and Redis): a method with {@code refresh} and
 * {@code staleIfError} (its entry carries its write time, read on every hit) against the same
 * method without them. The two methods' prefixes have the same length ({@code plain}/{@code guard}), so
 * their keys cost the same to build and hash.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProtectedHitBenchmark {
    static final String REDIS_CACHE = "protected-redis-bench";

    @State(Scope.Benchmark)
    public static class Service {
        public String ticker = "AAPL";
        public int day = 7;
        ProtectedPriceService service;

        @Setup(Level.Trial)
        public void setUp() {
            service = Cachetory.create(ProtectedPriceService.class);
            service.plain(ticker, day);
            service.protectedPrice(ticker, day);
            service.plain(ticker, day);
            service.protectedPrice(ticker, day);
            checkOneMissPerMethod(service.bodyRuns());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checkOneMissPerMethod(service.bodyRuns());
        }
    }

    /** The same over a real redis-server (kryo://): the stamped entry is a few bytes longer. */
    @State(Scope.Benchmark)
    public static class Redis {
        public String ticker = "AAPL";
        public int day = 7;
        RedisServer server;
        Cache<Object> cache;
        ProtectedRedisPriceService service;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            server = RedisServer.start();
            cache = Cache.fromUrl(server.url() + "?timeout=5s", "kryo://");
            Cachetory.registry().register(REDIS_CACHE, cache);
            service = Cachetory.create(ProtectedRedisPriceService.class);
            service.plainQuote(ticker, day);
            service.protectedQuote(ticker, day);
            service.plainQuote(ticker, day);
            service.protectedQuote(ticker, day);
            checkOneMissPerMethod(service.bodyRuns());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checkOneMissPerMethod(service.bodyRuns());
            cache.close();
            server.close();
        }
    }

    /** Each method missed once in the warm-up; any other body run means a measured call was not a hit. */
    static void checkOneMissPerMethod(int bodyRuns) {
        if (bodyRuns != 2) {
            throw new IllegalStateException("the bodies ran " + bodyRuns
                    + " times, expected exactly 2 (one warm-up miss per method): measured calls were not all hits");
        }
    }

    @Benchmark
    public Quote redisPlainHit(Redis s) {
        return s.service.plainQuote(s.ticker, s.day);
    }

    @Benchmark
    public Quote redisProtectedHit(Redis s) {
        return s.service.protectedQuote(s.ticker, s.day);
    }

    @Benchmark
    public BigDecimal plainHit(Service s) {
        return s.service.plain(s.ticker, s.day);
    }

    @Benchmark
    public BigDecimal protectedHit(Service s) {
        return s.service.protectedPrice(s.ticker, s.day);
    }
}
