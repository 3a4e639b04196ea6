package io.cachetory.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.cachetory.Cache;
import io.cachetory.memo.KeyTemplate;
import io.cachetory.memo.MemoBridge;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where a proxy hit's time goes: the pieces of the hit path measured one by one, through public
 * entry points only ({@code KeyTemplate}, {@code MemoBridge}, {@code Cache}). Not part of the targets;
 * a diagnostic for whoever optimises the runtime.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class HitBreakdownBenchmark {
    static final String SIGNATURE = "price(Ljava/lang/String;I)Ljava/math/BigDecimal;";

    public String ticker = "AAPL";
    public int day = 7;
    public String prebuiltKey = "prefix:AAPL:7";

    KeyTemplate template;
    PriceService plain;
    Cache<Object> facade;
    com.github.benmanes.caffeine.cache.Cache<String, Object> caffeine;
    final LongAdder adder = new LongAdder();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Method price = PriceService.class.getMethod("price", String.class, int.class);
        template = KeyTemplate.of(price);
        plain = new PriceService();
        facade = Cache.memory();
        facade.set(prebuiltKey, PriceService.PRICE);
        caffeine = Caffeine.newBuilder().maximumSize(10_000).expireAfter(new Expiry<String, Object>() {
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
        }).build();
        caffeine.put(prebuiltKey, PriceService.PRICE);
        // warm the runtime's entry for PriceService.price (a miss, then hits)
        Object entered = MemoBridge.enter(PriceService.class, SIGNATURE, plain, new Object[] {ticker, day});
        if (MemoBridge.isCall(entered)) {
            MemoBridge.exit(entered, PriceService.PRICE, null);
        }
        if (MemoBridge.isCall(MemoBridge.enter(PriceService.class, SIGNATURE, plain, new Object[] {ticker, day}))) {
            throw new IllegalStateException("MemoBridge.enter: second call was not a hit");
        }
    }

    /** The hand-written key: {@code "prefix:" + ticker + ":" + day}. */
    @Benchmark
    public String keyHandWritten() {
        return "prefix:" + ticker + ":" + day;
    }

    /** The runtime's key: {@code new Object[]{ticker, day}} (as {@code @AllArguments}) + {@code KeyTemplate.key}. */
    @Benchmark
    public String keyTemplate() {
        return template.key(new Object[] {ticker, day});
    }

    private static final ThreadLocal<StringBuilder> BUILDER = ThreadLocal.withInitial(() -> new StringBuilder(64));

    /**
     * A prototype, not the runtime: the same key built in a per-thread reused {@code StringBuilder}
     * (with the scan for characters to escape a String argument needs), so only the final String is
     * allocated. Shows what KeyTemplate could reach.
     */
    @Benchmark
    public String keyReusedBuilderPrototype() {
        StringBuilder sb = BUILDER.get();
        sb.setLength(0);
        sb.append("prefix").append(':');
        String t = ticker;
        int n = t.length();
        int i = 0;
        while (i < n && t.charAt(i) != ':' && t.charAt(i) != '\\') {
            i++;
        }
        if (i == n) {
            sb.append(t); // the common case: nothing to escape, one bulk copy
        } else {
            for (int j = 0; j < n; j++) {
                char c = t.charAt(j);
                if (c == ':' || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
            }
        }
        return sb.append(':').append(day).toString();
    }

    /** Caffeine (variable expiry) {@code getIfPresent} of a prebuilt key. */
    @Benchmark
    public Object caffeineGetPrebuiltKey() {
        return caffeine.getIfPresent(prebuiltKey);
    }

    /** {@code Cache.memory().get} (facade + noop serializer + MemoryBackend) of a prebuilt key. */
    @Benchmark
    public Object facadeGetPrebuiltKey() {
        return facade.get(prebuiltKey);
    }

    /** One hit counter increment. */
    @Benchmark
    public void longAdderIncrement() {
        adder.increment();
    }

    /** The whole runtime hit without the proxy: {@code MemoBridge.enter} with the argument array. */
    @Benchmark
    public Object bridgeEnter() {
        return MemoBridge.enter(PriceService.class, SIGNATURE, plain, new Object[] {ticker, day});
    }

    /** Reference: a direct call of the body. */
    @Benchmark
    public BigDecimal body() {
        return PriceService.PRICE;
    }
}
