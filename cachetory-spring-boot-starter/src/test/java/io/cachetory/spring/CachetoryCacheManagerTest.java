package io.cachetory.spring;

import io.cachetory.redis.RedisServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.Cachetory;
import io.cachetory.memo.CachedNull;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CachetoryCacheManagerTest {
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class RateApp {
        @Bean
        RateService rateService() {
            return new RateService();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnCacheManager {
        @Bean
        CacheManager appCacheManager() {
            return new ConcurrentMapCacheManager("sb-rates");
        }
    }

    /** A bean naming a cache nobody configured. */
    static class Unconfigured {
        @Cacheable("sb-nowhere")
        public String value(String k) {
            return k;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class UnconfiguredApp {
        @Bean
        Unconfigured unconfigured() {
            return new Unconfigured();
        }
    }

    private static String[] rates(String url) {
        return new String[] {"cachetory.caches.sb-rates.backend=" + url, "cachetory.caches.sb-rates.prefix=rates:",
                "cachetory.caches.sb-quotes.backend=memory://"};
    }

    @Test
    void cacheManagerIsCachetorys() {
        Contexts.runner().withUserConfiguration(RateApp.class).withPropertyValues(rates("memory://"))
                .run(context -> assertThat(context).getBean(CacheManager.class).isInstanceOf(CachetoryCacheManager.class));
    }

    @Test
    void cacheableRunsItsBodyOnceAndStoresInTheCachetoryCacheInRedis() {
        Contexts.runner().withUserConfiguration(RateApp.class).withPropertyValues(rates(redis.url() + "?timeout=5s"))
                .run(context -> {
                    RateService rates = context.getBean(RateService.class);
                    assertThat(rates.rate("EURUSD")).isEqualTo(new RateService.Rate("EURUSD", 1));
                    assertThat(rates.rate("EURUSD")).isEqualTo(new RateService.Rate("EURUSD", 1));
                    assertThat(rates.rateBodyRuns()).isEqualTo(1);
                    assertThat(Cachetory.registry().cache("sb-rates").get("EURUSD")).isEqualTo(new RateService.Rate("EURUSD", 1));
                    try (RedisServer.Admin admin = redis.admin()) {
                        assertThat(admin.sync().exists("rates:EURUSD")).isEqualTo(1L);
                    }
                });
    }

    @Test
    void cacheEvictDeletesTheEntry() {
        Contexts.runner().withUserConfiguration(RateApp.class).withPropertyValues(rates("memory://"))
                .run(context -> {
                    RateService rates = context.getBean(RateService.class);
                    rates.rate("GBPUSD");
                    rates.forget("GBPUSD");
                    assertThat(Cachetory.registry().cache("sb-rates").get("GBPUSD")).isNull();
                    assertThat(rates.rate("GBPUSD").version()).isEqualTo(2);
                });
    }

    @Test
    void nullResultIsStoredAsTheNullMarkerAndServedAsNull() {
        Contexts.runner().withUserConfiguration(RateApp.class).withPropertyValues(rates(redis.url() + "?timeout=5s"))
                .run(context -> {
                    RateService rates = context.getBean(RateService.class);
                    assertThat(rates.unknown("XXX")).isNull();
                    assertThat(rates.unknown("XXX")).isNull();
                    assertThat(rates.rateBodyRuns()).isEqualTo(1);
                    assertThat(Cachetory.registry().cache("sb-rates").get("XXX")).isSameAs(CachedNull.INSTANCE);
                });
    }

    @Test
    void syncCacheableRunsItsBodyOnce() {
        Contexts.runner().withUserConfiguration(RateApp.class).withPropertyValues(rates("memory://"))
                .run(context -> {
                    RateService rates = context.getBean(RateService.class);
                    rates.synced("USDJPY");
                    assertThat(rates.synced("USDJPY").version()).isEqualTo(1);
                    assertThat(rates.rateBodyRuns()).isEqualTo(1);
                });
    }

    @Test
    void cacheableKeepsWorkingWithRedisDownRunningTheBodyEachTime() {
        RedisServer down = RedisServer.start();
        String url = down.url() + "?timeout=300ms";
        down.stop();
        try {
            Contexts.runner().withUserConfiguration(RateApp.class).withPropertyValues(rates(url))
                    .run(context -> {
                        RateService rates = context.getBean(RateService.class);
                        assertThat(rates.rate("AUDUSD").version()).isEqualTo(1);
                        assertThat(rates.rate("AUDUSD").version()).isEqualTo(2);
                        rates.forget("AUDUSD"); // a failed eviction does not fail the call either
                    });
        } finally {
            down.close();
        }
    }

    @Test
    void backsOffWhenTheApplicationDefinesACacheManager() {
        Contexts.runner().withUserConfiguration(RateApp.class, OwnCacheManager.class).withPropertyValues(rates("memory://"))
                .run(context -> {
                    assertThat(context).getBean(CacheManager.class).isInstanceOf(ConcurrentMapCacheManager.class);
                    RateService rates = context.getBean(RateService.class);
                    rates.rate("NZDUSD");
                    assertThat(Cachetory.registry().cache("sb-rates").get("NZDUSD")).isNull();
                });
    }

    @Test
    void disabledByPropertyLeavesTheCacheManagerToSpringBoot() {
        Contexts.runner().withUserConfiguration(RateApp.class)
                .withPropertyValues(rates("memory://")).withPropertyValues("cachetory.cache-manager.enabled=false")
                .run(context -> assertThat(context).getBean(CacheManager.class).isNotInstanceOf(CachetoryCacheManager.class));
    }

    @Test
    void cacheNeitherRegisteredNorConfiguredIsNotFound() {
        Contexts.runner().withUserConfiguration(UnconfiguredApp.class)
                .run(context -> assertThatThrownBy(() -> context.getBean(Unconfigured.class).value("k"))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sb-nowhere"));
    }

    @Test
    void futureReturningCacheableStoresTheCompletedValueInRedis() {
        Contexts.runner().withUserConfiguration(RateApp.class).withPropertyValues(rates(redis.url() + "?timeout=5s"))
                .run(context -> {
                    RateService rates = context.getBean(RateService.class);
                    assertThat(rates.rateLater("CHFJPY").get(5, java.util.concurrent.TimeUnit.SECONDS).version()).isEqualTo(1);
                    long deadline = System.nanoTime() + 5_000_000_000L;
                    while (Cachetory.registry().cache("sb-rates").get("CHFJPY") == null && System.nanoTime() < deadline) {
                        RedisServer.sleep(20); // the write after the future completes is asynchronous
                    }
                    assertThat(rates.rateLater("CHFJPY").get(5, java.util.concurrent.TimeUnit.SECONDS).version()).isEqualTo(1);
                    assertThat(rates.rateBodyRuns()).isEqualTo(1);
                    assertThat(Cachetory.registry().cache("sb-rates").get("CHFJPY")).isEqualTo(new RateService.Rate("CHFJPY", 1));
                });
    }
}
