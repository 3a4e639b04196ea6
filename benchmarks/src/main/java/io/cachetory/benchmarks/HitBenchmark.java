package io.cachetory.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.cachetory.memo.Memo;
import io.cachetory.memo.Memoized;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A cache HIT on {@code price(String ticker, int day)} with ticker {@code "AAPL"} and day {@code 7},
 * every way we offer and the alternatives. {@code day = 7} lies in the {@code Integer} box cache
 * (-128..127), so paths that box the argument allocate nothing for it; a day of 128 or more would add
 * a 16-byte {@code Integer} per call to the proxy and agent paths.
 *
 * <p>Each state warms its path with one miss (the body runs once) and checks in {@code @Setup} that
 * the next call is a hit, and in {@code @TearDown} that the body never ran again: every measured call
 * was a hit. Run from the repository root: the agent fork finds the agent jar at
 * {@code cachetory-agent/target/cachetory-agent.jar} (benchmarks/run.sh does this).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HitBenchmark {
    static final String AGENT_JAR = "cachetory-agent/target/cachetory-agent.jar";
    static final String PREFIX = "prefix";

    /** The arguments, in fields so the JIT cannot fold them into constants. */
    @State(Scope.Benchmark)
    public static class Args {
        public String ticker = "AAPL";
        public int day = 7;
    }

    static void checkHits(String what, int bodyRuns) {
        if (bodyRuns != 1) {
            throw new IllegalStateException(what + ": the body ran " + bodyRuns
                    + " times, expected exactly once (the warm-up miss): measured calls were not all hits");
        }
    }

    // ---- direct: no cache ---------------------------------------------------------------------

    @State(Scope.Benchmark)
    public static class Direct {
        /** The body alone: returns the precomputed value (no counter, no cache). */
        BigDecimal price(String ticker, int day) {
            return PriceService.PRICE;
        }

        @Setup(Level.Trial)
        public void setUp() {
            if (isAgentActive()) {
                throw new IllegalStateException("the direct benchmark must not run under the agent");
            }
        }
    }

    @Benchmark
    public BigDecimal direct(Direct s, Args a) {
        return s.price(a.ticker, a.day);
    }

    // ---- hand-written Caffeine ----------------------------------------------------------------

    /**
     * What a careful developer writes by hand: a Caffeine cache with a size bound and variable expiry
     * (as cachetory's {@code MemoryBackend} builds it) and the same string key as cachetory's default.
     */
    @State(Scope.Benchmark)
    public static class HandWritten {
        final AtomicInteger bodyRuns = new AtomicInteger();
        final com.github.benmanes.caffeine.cache.Cache<String, Object> cache = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfter(new Expiry<String, Object>() {
                    @Override
                    public long expireAfterCreate(String key, Object value, long currentTime) {
                        return TimeUnit.MINUTES.toNanos(10);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Object value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String key, Object value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();

        BigDecimal price(String ticker, int day) {
            String key = PREFIX + ":" + ticker + ":" + day;
            Object cached = cache.getIfPresent(key);
            if (cached != null) {
                return (BigDecimal) cached;
            }
            bodyRuns.incrementAndGet();
            BigDecimal value = PriceService.PRICE;
            cache.put(key, value);
            return value;
        }

        @Setup(Level.Trial)
        public void setUp(Args a) {
            price(a.ticker, a.day);
            price(a.ticker, a.day);
            checkHits("handWrittenCaffeine", bodyRuns.get());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checkHits("handWrittenCaffeine", bodyRuns.get());
        }
    }

    @Benchmark
    public BigDecimal handWrittenCaffeine(HandWritten s, Args a) {
        return s.price(a.ticker, a.day);
    }

    // ---- cachetory: functional wrapper ----------------------------------------------------------

    /** The argument of the one-argument function {@code Memo.of} wraps. */
    public record PriceQuery(String ticker, int day) {}

    /**
     * {@code Memo.of} over {@code Cache.memory()} with {@code .prefix("prefix")} and the key function
     * {@code q -> q.ticker() + ":" + q.day()}: the same key string as the hand-written one. The caller
     * makes a {@link PriceQuery} per call, as real code would.
     */
    @State(Scope.Benchmark)
    public static class Functional {
        final AtomicInteger bodyRuns = new AtomicInteger();
        Memoized<PriceQuery, BigDecimal> price;

        @Setup(Level.Trial)
        public void setUp(Args a) {
            price = Memo.<PriceQuery, BigDecimal>of(q -> {
                        bodyRuns.incrementAndGet();
                        return PriceService.PRICE;
                    })
                    .cache(Cache.memory())
                    .prefix(PREFIX)
                    .key(q -> q.ticker() + ":" + q.day())
                    .build();
            price.apply(new PriceQuery(a.ticker, a.day));
            price.apply(new PriceQuery(a.ticker, a.day));
            checkHits("cachetoryFunctional", bodyRuns.get());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checkHits("cachetoryFunctional", bodyRuns.get());
        }
    }

    @Benchmark
    public BigDecimal cachetoryFunctional(Functional s, Args a) {
        return s.price.apply(new PriceQuery(a.ticker, a.day));
    }

    // ---- cachetory: Byte Buddy proxy -----------------------------------------------------------

    /** {@code Cachetory.create(PriceService.class)}: the default cache ({@code memory://} + {@code noop://}). */
    @State(Scope.Benchmark)
    public static class Proxy {
        PriceService service;

        @Setup(Level.Trial)
        public void setUp(Args a) {
            service = Cachetory.create(PriceService.class);
            service.price(a.ticker, a.day);
            service.price(a.ticker, a.day);
            checkHits("cachetoryProxy", service.bodyRuns());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checkHits("cachetoryProxy", service.bodyRuns());
        }
    }

    @Benchmark
    public BigDecimal cachetoryProxy(Proxy s, Args a) {
        return s.service.price(a.ticker, a.day);
    }

    // ---- cachetory: Java agent -----------------------------------------------------------------

    static boolean isAgentActive() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(arg -> arg.startsWith("-javaagent:") && arg.contains("cachetory-agent"));
    }

    /** {@code new PriceService()} in a JVM started with {@code -javaagent:cachetory-agent.jar}. */
    @State(Scope.Benchmark)
    public static class Agent {
        PriceService service;

        @Setup(Level.Trial)
        public void setUp(Args a) {
            if (!isAgentActive()) {
                throw new IllegalStateException("cachetoryAgent needs -javaagent:" + AGENT_JAR
                        + " (run from the repository root after building the agent; benchmarks/run.sh does)");
            }
            service = new PriceService();
            service.price(a.ticker, a.day);
            service.price(a.ticker, a.day);
            if (service.bodyRuns() != 1) {
                throw new IllegalStateException("cachetoryAgent: the agent is on the command line but did not memoize "
                        + "PriceService.price (body ran " + service.bodyRuns() + " times in 2 calls)");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checkHits("cachetoryAgent", service.bodyRuns());
        }
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-javaagent:" + AGENT_JAR)
    public BigDecimal cachetoryAgent(Agent s, Args a) {
        return s.service.price(a.ticker, a.day);
    }

    // ---- Spring @Cacheable ---------------------------------------------------------------------

    /** Spring {@code @Cacheable} over {@code CaffeineCacheManager} ({@link SpringCacheConfig}). */
    @State(Scope.Benchmark)
    public static class Spring {
        AnnotationConfigApplicationContext context;
        SpringPriceService service;

        @Setup(Level.Trial)
        public void setUp(Args a) {
            context = new AnnotationConfigApplicationContext(SpringCacheConfig.class);
            service = context.getBean(SpringPriceService.class);
            service.price(a.ticker, a.day);
            service.price(a.ticker, a.day);
            checkHits("springCacheable", service.bodyRuns());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checkHits("springCacheable", service.bodyRuns());
            context.close();
        }
    }

    @Benchmark
    public BigDecimal springCacheable(Spring s, Args a) {
        return s.service.price(a.ticker, a.day);
    }

}
