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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A cache HIT on {@code price(String ticker, int day)}, every way we offer and the alternatives.
 *
 * <p>Every row cycles through the same {@value #KEYS} keys (8 tickers × 8 days, one per call, in the
 * same order), all stored during {@code @Setup}: one key would let the JIT specialise the path to it.
 * {@link Args#firstDay} sets the days: {@code 0} keeps them in the {@code Integer} box cache
 * (-128..127), so paths that box the argument allocate nothing for it; {@code 1000} makes every box a
 * fresh 16-byte {@code Integer} unless the JIT removes it.
 *
 * <p>Each state stores every key with one miss each (the body runs {@value #KEYS} times), checks in
 * {@code @Setup} that a second pass is all hits, and in {@code @TearDown} that the body never ran
 * again: every measured call was a hit. Runs with {@code -t 1} and {@code -t 2} (each thread cycles
 * the keys with its own cursor). Run from the repository root: the agent fork finds the agent jar at
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
    static final int KEYS = 64;
    static final String[] TICKERS = {"AAPL", "MSFT", "GOOG", "AMZN", "NVDA", "META", "TSLA", "ORCL"};

    /** The arguments of the {@value #KEYS} keys, in arrays so the JIT cannot fold them into constants. */
    @State(Scope.Benchmark)
    public static class Args {
        /** The first of the 8 days: 0 (boxes cached) or 1000 (boxing allocates). */
        @Param({"0", "1000"})
        public int firstDay;

        public final String[] tickers = new String[KEYS];
        public final int[] days = new int[KEYS];

        @Setup(Level.Trial)
        public void setUp() {
            for (int i = 0; i < KEYS; i++) {
                // a fresh String per key, as arguments arriving from elsewhere would be
                tickers[i] = new String(TICKERS[i % 8].toCharArray());
                days[i] = firstDay + i / 8;
            }
        }
    }

    /** Each thread's position in the key sequence. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            int i = next;
            next = (i + 1) & (KEYS - 1);
            return i;
        }
    }

    /** Calls every key once: the first pass stores them all, later passes must all be hits. */
    interface PriceCall {
        BigDecimal price(String ticker, int day);
    }

    static void warm(String what, Args a, PriceCall call, java.util.function.IntSupplier bodyRuns) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < KEYS; i++) {
                BigDecimal price = call.price(a.tickers[i], a.days[i]);
                if (!PriceService.PRICE.equals(price)) {
                    throw new IllegalStateException(what + ": wrong value " + price);
                }
            }
        }
        checkHits(what, bodyRuns.getAsInt());
    }

    static void checkHits(String what, int bodyRuns) {
        if (bodyRuns != KEYS) {
            throw new IllegalStateException(what + ": the body ran " + bodyRuns + " times, expected exactly " + KEYS
                    + " (one warm-up miss per key): measured calls were not all hits");
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
    public BigDecimal direct(Direct s, Args a, Cursor c) {
        int i = c.advance();
        return s.price(a.tickers[i], a.days[i]);
    }

    // ---- hand-written Caffeine ----------------------------------------------------------------

    /** The hand-written lookup both Caffeine rows share: the default key string, then {@code getIfPresent}. */
    abstract static class HandWrittenBase {
        final AtomicInteger bodyRuns = new AtomicInteger();
        com.github.benmanes.caffeine.cache.Cache<String, Object> cache;

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

        /** The Caffeine cache of this row. */
        abstract com.github.benmanes.caffeine.cache.Cache<String, Object> newCache();

        @Setup(Level.Trial)
        public void setUp(Args a) {
            cache = newCache();
            warm(getClass().getSimpleName(), a, this::price, bodyRuns::get);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checkHits(getClass().getSimpleName(), bodyRuns.get());
        }
    }

    /**
     * What a careful developer writes by hand for one ttl: {@code Caffeine.newBuilder().maximumSize(10_000)
     * .expireAfterWrite(10, MINUTES)} and {@code getIfPresent(prefix + ":" + ticker + ":" + day)}.
     */
    @State(Scope.Benchmark)
    public static class HandWritten extends HandWrittenBase {
        @Override
        com.github.benmanes.caffeine.cache.Cache<String, Object> newCache() {
            return Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(10, TimeUnit.MINUTES).build();
        }
    }

    @Benchmark
    public BigDecimal handWrittenCaffeine(HandWritten s, Args a, Cursor c) {
        int i = c.advance();
        return s.price(a.tickers[i], a.days[i]);
    }

    /**
     * The hand-written lookup over a cache that also counts its hits and misses, as Cachetory's caches
     * do ({@code CacheStats}): {@code expireAfterWrite(10, MINUTES).recordStats()}. It shows what an
     * exact hit counter costs by itself (Caffeine's is a {@code LongAdder}, as Cachetory's is).
     */
    @State(Scope.Benchmark)
    public static class HandWrittenWithStats extends HandWrittenBase {
        @Override
        com.github.benmanes.caffeine.cache.Cache<String, Object> newCache() {
            return Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(10, TimeUnit.MINUTES).recordStats().build();
        }
    }

    @Benchmark
    public BigDecimal handWrittenCaffeineWithStats(HandWrittenWithStats s, Args a, Cursor c) {
        int i = c.advance();
        return s.price(a.tickers[i], a.days[i]);
    }

    /**
     * The same lookup over a Caffeine cache with variable expiry ({@code expireAfter(Expiry)}, one ttl
     * per entry): what a hand-written cache needs when entries carry different ttls.
     */
    @State(Scope.Benchmark)
    public static class HandWrittenVariableExpiry extends HandWrittenBase {
        @Override
        com.github.benmanes.caffeine.cache.Cache<String, Object> newCache() {
            return variableExpiryCaffeine();
        }
    }

    @Benchmark
    public BigDecimal handWrittenCaffeineVariableExpiry(HandWrittenVariableExpiry s, Args a, Cursor c) {
        int i = c.advance();
        return s.price(a.tickers[i], a.days[i]);
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
            warm("cachetoryFunctional", a, (t, d) -> price.apply(new PriceQuery(t, d)), bodyRuns::get);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checkHits("cachetoryFunctional", bodyRuns.get());
        }
    }

    @Benchmark
    public BigDecimal cachetoryFunctional(Functional s, Args a, Cursor c) {
        int i = c.advance();
        return s.price.apply(new PriceQuery(a.tickers[i], a.days[i]));
    }

    // ---- cachetory: Byte Buddy proxy -----------------------------------------------------------

    /** {@code Cachetory.create(PriceService.class)}: the default cache ({@code memory://} + {@code noop://}). */
    @State(Scope.Benchmark)
    public static class Proxy {
        PriceService service;

        @Setup(Level.Trial)
        public void setUp(Args a) {
            service = Cachetory.create(PriceService.class);
            warm("cachetoryProxy", a, service::price, service::bodyRuns);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checkHits("cachetoryProxy", service.bodyRuns());
        }
    }

    @Benchmark
    public BigDecimal cachetoryProxy(Proxy s, Args a, Cursor c) {
        int i = c.advance();
        return s.service.price(a.tickers[i], a.days[i]);
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
            service.price(a.tickers[0], a.days[0]);
            service.price(a.tickers[0], a.days[0]);
            if (service.bodyRuns() != 1) {
                throw new IllegalStateException("cachetoryAgent: the agent is on the command line but did not memoize "
                        + "PriceService.price (body ran " + service.bodyRuns() + " times in 2 calls)");
            }
            warm("cachetoryAgent", a, service::price, service::bodyRuns);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checkHits("cachetoryAgent", service.bodyRuns());
        }
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-javaagent:" + AGENT_JAR)
    public BigDecimal cachetoryAgent(Agent s, Args a, Cursor c) {
        int i = c.advance();
        return s.service.price(a.tickers[i], a.days[i]);
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
            warm("springCacheable", a, service::price, service::bodyRuns);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checkHits("springCacheable", service.bodyRuns());
            context.close();
        }
    }

    @Benchmark
    public BigDecimal springCacheable(Spring s, Args a, Cursor c) {
        int i = c.advance();
        return s.service.price(a.tickers[i], a.days[i]);
    }

    /**
     * A Caffeine cache with a size bound and a variable {@code Expiry} of 10 minutes per entry, as
     * {@code MemoryBackend} once built it: the hand-written variable-expiry row and its breakdown.
     */
    static <V> com.github.benmanes.caffeine.cache.Cache<String, V> variableExpiryCaffeine() {
        return Caffeine.newBuilder().maximumSize(10_000).expireAfter(new Expiry<String, V>() {
            @Override
            public long expireAfterCreate(String key, V value, long currentTime) {
                return TimeUnit.MINUTES.toNanos(10);
            }

            @Override
            public long expireAfterUpdate(String key, V value, long currentTime, long currentDuration) {
                return currentDuration;
            }

            @Override
            public long expireAfterRead(String key, V value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

}
