package io.cachetory.spring.bench;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.cachetory.Cache;
import io.cachetory.Cachetory;
import java.math.BigDecimal;
import java.time.Duration;
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
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A cache HIT on {@code price(String ticker, int day)} ({@code "AAPL"}, 7) on the in-memory default:
 * a Spring bean memoized by the starter, the same class through {@code Cachetory.create}, and Spring's
 * own {@code @Cacheable} over {@code CaffeineCacheManager}, in one run. Each state checks that the body
 * ran once (the warm-up miss), so every measured call was a hit. Not part of the build's tests: run it
 * with JMH's main on the starter's test class path (see the README's Spring Boot section).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StarterHitBenchmark {
    /** The arguments, in fields so the JIT cannot fold them into constants. */
    @State(Scope.Benchmark)
    public static class Args {
        public String ticker = "AAPL";
        public int day = 7;
    }

    static void checkOneRun(String what, int bodyRuns) {
        if (bodyRuns != 1) {
            throw new IllegalStateException(what + ": the body ran " + bodyRuns + " times, expected once: not all calls were hits");
        }
    }

    /** A Boot application with the starter: its {@code BenchPriceService} bean is memoized by the starter's post-processor. */
    @SpringBootConfiguration
    @ImportAutoConfiguration(io.cachetory.spring.CachetoryAutoConfiguration.class)
    public static class StarterApp {
        @Bean
        BenchPriceService benchPriceService() {
            return new BenchPriceService();
        }
    }

    @State(Scope.Benchmark)
    public static class Starter {
        ConfigurableApplicationContext context;
        BenchPriceService service;

        @Setup(Level.Trial)
        public void setUp() {
            context = new SpringApplicationBuilder(StarterApp.class).web(WebApplicationType.NONE).logStartupInfo(false)
                    .run("--spring.main.banner-mode=off");
            service = context.getBean(BenchPriceService.class);
            if (!service.getClass().getName().contains("$CachetoryProxy")) {
                throw new IllegalStateException("the starter did not memoize the bean: " + service.getClass());
            }
            service.price("AAPL", 7);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checkOneRun("starter", ((BenchPriceService) org.springframework.test.util.ReflectionTestUtils
                    .getField(service, "cachetory$target")).bodyRuns());
            context.close();
        }
    }

    @Benchmark
    public BigDecimal starterBean(Starter s, Args a) {
        return s.service.price(a.ticker, a.day);
    }

    @State(Scope.Benchmark)
    public static class Create {
        BenchPriceService service;

        @Setup(Level.Trial)
        public void setUp() {
            service = Cachetory.create(BenchPriceService.class);
            service.price("AAPL", 7);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checkOneRun("create", service.bodyRuns());
        }
    }

    @Benchmark
    public BigDecimal cachetoryCreate(Create s, Args a) {
        return s.service.price(a.ticker, a.day);
    }

    /** The usual Spring set-up: {@code @EnableCaching} over a {@link CaffeineCacheManager}. */
    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    public static class SpringCaffeineApp {
        @Bean
        public CacheManager cacheManager() {
            CaffeineCacheManager manager = new CaffeineCacheManager("prices");
            manager.setCaffeine(Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)));
            return manager;
        }

        @Bean
        public BenchSpringPriceService benchSpringPriceService() {
            return new BenchSpringPriceService();
        }
    }

    @State(Scope.Benchmark)
    public static class SpringCacheable {
        AnnotationConfigApplicationContext context;
        BenchSpringPriceService service;

        @Setup(Level.Trial)
        public void setUp() {
            context = new AnnotationConfigApplicationContext(SpringCaffeineApp.class);
            service = context.getBean(BenchSpringPriceService.class);
            service.price("AAPL", 7);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checkOneRun("spring @Cacheable", service.bodyRuns());
            context.close();
        }
    }

    @Benchmark
    public BigDecimal springCacheableCaffeine(SpringCacheable s, Args a) {
        return s.service.price(a.ticker, a.day);
    }
}
