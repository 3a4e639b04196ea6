package io.cachetory.spring;

import io.cachetory.redis.RedisServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class MetersTest {
    @Configuration(proxyBeanMethods = false)
    static class QuoteApp {
        @Bean
        QuoteService quoteService() {
            return new QuoteService();
        }
    }

    private static double count(MeterRegistry meters, String name, String... tags) {
        return meters.get(name).tags(Tags.of("cache", "sb-quotes").and(tags)).functionCounter().count();
    }

    @Test
    void metersCountHitsMissesAndLoadsOfMemoizedBeansExactly() {
        Contexts.runner().withUserConfiguration(QuoteApp.class).withPropertyValues("cachetory.caches.sb-quotes.backend=memory://")
                .run(context -> {
                    QuoteService quotes = context.getBean(QuoteService.class);
                    quotes.quote("AAPL");
                    quotes.quote("AAPL");
                    quotes.quote("AAPL");
                    quotes.quote("MSFT");
                    assertThatThrownBy(() -> quotes.quote("BAD")).isInstanceOf(IllegalStateException.class);
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(count(meters, "cache.gets", "result", "hit")).isEqualTo(2);
                    assertThat(count(meters, "cache.gets", "result", "miss")).isEqualTo(3);
                    assertThat(count(meters, "cache.loads", "result", "success")).isEqualTo(2);
                    assertThat(count(meters, "cache.loads", "result", "failure")).isEqualTo(1);
                    assertThat(count(meters, "cachetory.backend.errors")).isZero();
                    assertThat(count(meters, "cachetory.stale.served")).isZero();
                });
    }

    @Test
    void metersCountBackendErrorsWithRedisDownWhileCallsGoOn() {
        RedisServer redis = RedisServer.start();
        String url = redis.url() + "?timeout=300ms";
        redis.stop();
        try {
            Contexts.runner().withUserConfiguration(QuoteApp.class).withPropertyValues("cachetory.caches.sb-quotes.backend=" + url)
                    .run(context -> {
                        QuoteService quotes = context.getBean(QuoteService.class);
                        assertThat(quotes.quote("AAPL")).isEqualTo("AAPL=1");
                        assertThat(quotes.quote("AAPL")).isEqualTo("AAPL=2");
                        MeterRegistry meters = context.getBean(MeterRegistry.class);
                        // each call: a failed read, the body, a failed write
                        assertThat(count(meters, "cachetory.backend.errors")).isEqualTo(4);
                        assertThat(count(meters, "cache.gets", "result", "miss")).isEqualTo(2);
                        assertThat(count(meters, "cache.gets", "result", "hit")).isZero();
                        assertThat(count(meters, "cache.loads", "result", "success")).isEqualTo(2);
                    });
        } finally {
            redis.close();
        }
    }

    @Test
    void contextWithoutAMeterRegistryStartsWithoutMeters() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CachetoryAutoConfiguration.class))
                .withUserConfiguration(QuoteApp.class).withPropertyValues("cachetory.caches.sb-quotes.backend=memory://")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(MeterRegistry.class);
                    assertThat(context.getBean(QuoteService.class).quote("X")).isEqualTo("X=1");
                });
    }
}
