package io.cachetory.spring;

import io.cachetory.redis.RedisServer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CachetoryHealthIndicatorTest {
    private static final String PASSWORD = "s3cret-pw";
    private RedisServer redis;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start(PASSWORD);
    }

    @AfterEach
    void stopRedis() {
        redis.close();
    }

    @Configuration(proxyBeanMethods = false)
    static class QuoteApp {
        @Bean
        QuoteService quoteService() {
            return new QuoteService();
        }
    }

    private String[] caches() {
        return new String[] {"cachetory.caches.sb-quotes.backend=" + redis.url() + "?timeout=2s",
                "cachetory.caches.sb-health-memory.backend=memory://"};
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cacheDetails(Health health, String cache) {
        return (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("caches")).get(cache);
    }

    private static Health healthWhen(HealthIndicator indicator, boolean reachable) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        Health health = indicator.health();
        while (!cacheDetails(health, "sb-quotes").get("reachable").equals(reachable) && System.nanoTime() < deadline) {
            RedisServer.sleep(100);
            health = indicator.health();
        }
        return health;
    }

    @Test
    void contributorNamedCachetoryIsRegistered() {
        Contexts.runner().withPropertyValues(caches())
                .run(context -> assertThat(context.getBean(HealthContributorRegistry.class).getContributor("cachetory"))
                        .isInstanceOf(CachetoryHealthIndicator.class));
    }

    @Test
    void reachableRedisCacheIsUpAndMemoryCachesAreNotListed() {
        Contexts.runner().withPropertyValues(caches())
                .run(context -> {
                    Health health = context.getBean(CachetoryHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(cacheDetails(health, "sb-quotes")).containsEntry("reachable", true).containsEntry("backend", "redis");
                    assertThat(((Map<?, ?>) health.getDetails().get("caches")).containsKey("sb-health-memory")).isFalse();
                    assertThat(health.getDetails()).containsEntry("unreachable", 0);
                });
    }

    @Test
    void stoppedRedisIsReportedUnreachableButStaysUpAndCallsGoOnThenRecovers() {
        Contexts.runner().withUserConfiguration(QuoteApp.class).withPropertyValues(caches())
                .run(context -> {
                    CachetoryHealthIndicator indicator = context.getBean(CachetoryHealthIndicator.class);
                    QuoteService quotes = context.getBean(QuoteService.class);
                    assertThat(quotes.quote("AAPL")).isEqualTo("AAPL=1");
                    redis.stop();
                    Health down = healthWhen(indicator, false);
                    assertThat(down.getStatus()).isEqualTo(Status.UP);
                    assertThat(cacheDetails(down, "sb-quotes")).containsEntry("reachable", false).containsKey("error");
                    assertThat(down.getDetails()).containsEntry("unreachable", 1);
                    assertThat(down.toString()).doesNotContain(PASSWORD);
                    assertThat(quotes.quote("AAPL")).isEqualTo("AAPL=2"); // fail-open: the body runs
                    redis.restart();
                    Health up = healthWhen(indicator, true);
                    assertThat(cacheDetails(up, "sb-quotes")).containsEntry("reachable", true);
                });
    }

    @Test
    void optInReportsDownWhenACacheIsUnreachable() {
        Contexts.runner().withPropertyValues(caches()).withPropertyValues("cachetory.health.down-when-unreachable=true")
                .run(context -> {
                    CachetoryHealthIndicator indicator = context.getBean(CachetoryHealthIndicator.class);
                    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
                    redis.stop();
                    assertThat(healthWhen(indicator, false).getStatus()).isEqualTo(Status.DOWN);
                });
    }

    @Test
    void withoutSpringBootHealthThereIsNoContributorAndTheContextStarts() {
        Contexts.runner().withClassLoader(new FilteredClassLoader(HealthIndicator.class)).withPropertyValues(caches())
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CachetoryHealthIndicator.class));
    }

    @Test
    void disabledByManagementPropertyThereIsNoContributor() {
        Contexts.runner().withPropertyValues(caches()).withPropertyValues("management.health.cachetory.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CachetoryHealthIndicator.class));
    }

    @Test
    void withoutAnySpringBootHealthClassTheContextStarts() {
        new org.springframework.boot.test.context.runner.ApplicationContextRunner()
                .withConfiguration(org.springframework.boot.autoconfigure.AutoConfigurations.of(
                        CachetoryAutoConfiguration.class, CachetoryHealthContributorAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .withUserConfiguration(QuoteApp.class).withPropertyValues(caches())
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(CachetoryHealthIndicator.class);
                    assertThat(context.getBean(QuoteService.class).quote("Z")).isEqualTo("Z=1");
                });
    }
}
