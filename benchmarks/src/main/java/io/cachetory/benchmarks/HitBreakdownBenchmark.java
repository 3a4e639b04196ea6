package io.cachetory.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.cachetory.Cache;
import io.cachetory.memo.BenchmarkKeyTemplate;
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
import org.openjdk.jmh.annotations.Param;
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
    /** 7 lies in the {@code Integer} box cache; 1000 does not (a box is allocated unless the JIT removes it). */
    @Param({"7", "1000"})
    public int day;
    public String prebuiltKey;
    /** The prefix and its colon, as a field: not a constant the compiler can fold. */
    public String head = "prefix:";

    BenchmarkKeyTemplate template;
    PriceService plain;
    Cache<Object> facade;
    Cache<Object> facadeTtl;
    com.github.benmanes.caffeine.cache.Cache<String, Object> caffeine;
    com.github.benmanes.caffeine.cache.Cache<String, Object> caffeineWrite;
    Object site;
    final LongAdder adder = new LongAdder();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        prebuiltKey = "prefix:" + ticker + ":" + day;
        Method price = PriceService.class.getMethod("price", String.class, int.class);
        template = new BenchmarkKeyTemplate(price);
        plain = new PriceService();
        facade = Cache.memory();
        facade.set(prebuiltKey, PriceService.PRICE);
        facadeTtl = Cache.memory();
        facadeTtl.set(prebuiltKey, PriceService.PRICE, java.time.Duration.ofMinutes(10));
        caffeine = HitBenchmark.variableExpiryCaffeine();
        caffeine.put(prebuiltKey, PriceService.PRICE);
        caffeineWrite = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(10, TimeUnit.MINUTES).build();
        caffeineWrite.put(prebuiltKey, PriceService.PRICE);
        site = MemoBridge.site(PriceService.class, SIGNATURE);
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

    /**
     * The hand-written key under the runtime's rules: the prefix not a compile-time constant (a
     * method's prefix is known when it is resolved, not when it is compiled) and the string escaped
     * ({@code \} and {@code :}) so that keys stay injective. The floor a key writer can reach.
     */
    @Benchmark
    public String keyHandWrittenSameRules() {
        return head + escapedTop(ticker) + ":" + day;
    }

    /** {@code s} with {@code \} and {@code :} escaped, itself when it holds neither (as the runtime escapes). */
    private static String escapedTop(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':' || c == '\\') {
                return s.replace("\\", "\\\\").replace(":", "\\:");
            }
        }
        return s;
    }

    /** The runtime's key from an argument array ({@code @AllArguments}, methods of 4+ parameters): {@code KeyTemplate.key(Object[])}. */
    @Benchmark
    public String keyTemplate() {
        return template.key(new Object[] {ticker, day});
    }

    /**
     * The runtime's key as proxies and the agent compute it: {@code KeyTemplate.key(ticker, day)},
     * i.e. the writer specialised for {@code (String, int)}.
     */
    @Benchmark
    public String keyTemplateTwoArguments() {
        return template.key(ticker, day);
    }

    /** Caffeine {@code expireAfterWrite} (what a hand-written cache uses) {@code getIfPresent} of a prebuilt key. */
    @Benchmark
    public Object caffeineExpireAfterWriteGetPrebuiltKey() {
        return caffeineWrite.getIfPresent(prebuiltKey);
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

    /** As {@link #facadeGetPrebuiltKey}, of an entry with a ttl (10 minutes): the read checks its deadline. */
    @Benchmark
    public Object facadeGetPrebuiltKeyTtl() {
        return facadeTtl.get(prebuiltKey);
    }

    /** One read of the clock: what the hand-written expireAfterWrite row pays per hit (memory:// reads a published one). */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    /** One hit counter increment. */
    @Benchmark
    public void longAdderIncrement() {
        adder.increment();
    }

    /** The whole runtime hit with the per-call lookup of the method (class + signature) and an argument array. */
    @Benchmark
    public Object bridgeEnter() {
        return MemoBridge.enter(PriceService.class, SIGNATURE, plain, new Object[] {ticker, day});
    }

    /** The whole runtime hit as a proxy makes it now: the site bound once, then {@code MemoBridge.enterSite2}. */
    @Benchmark
    public Object bridgeEnterSite() {
        return MemoBridge.enterSite2(site, plain, ticker, day);
    }

    /** Reference: a direct call of the body. */
    @Benchmark
    public BigDecimal body() {
        return PriceService.PRICE;
    }
}
