package io.cachetory.spring;

import io.cachetory.redis.RedisServer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CachedBeanPostProcessorTest {
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
    static class QuoteApp {
        @Bean
        QuoteService quoteService() {
            return new QuoteService();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class RateApp {
        @Bean
        RateService rateService() {
            return new RateService();
        }
    }

    /** A bean that needs the memoized bean: the injected reference must be the memoized one. */
    static class QuoteClient {
        final QuoteService quotes;

        QuoteClient(QuoteService quotes) {
            this.quotes = quotes;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ClientApp {
        @Bean
        QuoteClient quoteClient(QuoteService quotes) {
            return new QuoteClient(quotes);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CircularApp {
        @Bean
        CircularQuotes circularQuotes() {
            return new CircularQuotes();
        }

        @Bean
        CircularClient circularClient() {
            return new CircularClient();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class CircularCachingApp {
        // made first, so it is the bean handed out early (Spring's caching proxy already around it)
        @Bean
        CircularQuotes circularQuotes() {
            return new CircularQuotes();
        }

        @Bean
        CircularClient circularClient() {
            return new CircularClient();
        }
    }

    private String[] redisCache(String name, String prefix) {
        return new String[] {"cachetory.caches." + name + ".backend=" + redis.url() + "?timeout=5s", "cachetory.caches." + name + ".prefix=" + prefix};
    }

    @Test
    void cachedBeanRunsItsBodyOnceAndStoresUnderTheConfiguredPrefixInRedis() {
        Contexts.runner().withUserConfiguration(QuoteApp.class).withPropertyValues(redisCache("sb-quotes", "app1:"))
                .run(context -> {
                    QuoteService quotes = context.getBean(QuoteService.class);
                    assertThat(quotes.quote("AAPL")).isEqualTo("AAPL=1");
                    assertThat(quotes.quote("AAPL")).isEqualTo("AAPL=1");
                    assertThat(quotes.bodyRuns()).isEqualTo(1);
                    try (RedisServer.Admin admin = redis.admin()) {
                        // over Redis the key carries the deploy-safe tag of the return type: <prefix>#<tag>:<args>
                        assertThat(admin.sync().keys("app1:quotes#*:AAPL")).hasSize(1)
                                .allMatch(k -> k.matches("app1:quotes#[0-9a-f]{8}:AAPL"));
                    }
                });
    }

    @Test
    void beansReceiveTheMemoizedBean() {
        Contexts.runner().withUserConfiguration(QuoteApp.class, ClientApp.class).withPropertyValues("cachetory.caches.sb-quotes.backend=memory://")
                .run(context -> {
                    QuoteClient client = context.getBean(QuoteClient.class);
                    assertThat(client.quotes).isSameAs(context.getBean(QuoteService.class));
                    assertThat(client.quotes.quote("IBM")).isEqualTo("IBM=1");
                    assertThat(client.quotes.quote("IBM")).isEqualTo("IBM=1");
                    assertThat(client.quotes.bodyRuns()).isEqualTo(1);
                });
    }

    @Test
    void beanSpringProxiedAlreadyKeepsItsSpringProxyAndIsMemoized() {
        Contexts.runner().withUserConfiguration(RateApp.class)
                .withPropertyValues("cachetory.caches.sb-quotes.backend=memory://", "cachetory.caches.sb-rates.backend=memory://")
                .run(context -> {
                    RateService rates = context.getBean(RateService.class);
                    assertThat(AopUtils.isAopProxy(rates)).isTrue();
                    assertThat(rates.quote("MSFT")).isEqualTo("MSFT=1");
                    assertThat(rates.quote("MSFT")).isEqualTo("MSFT=1");
                    rates.rate("EURUSD");
                    rates.rate("EURUSD");
                    // the body ran once each: @Cached memoized by Cachetory, @Cacheable by Spring's proxy in front
                    assertThat(rates.quoteBodyRuns()).isEqualTo(1);
                    assertThat(rates.rateBodyRuns()).isEqualTo(1);
                });
    }

    @Test
    void beanHandedOutEarlyInACircularReferenceIsTheMemoizedOne() {
        Contexts.runner().withAllowCircularReferences(true).withUserConfiguration(CircularApp.class).withPropertyValues("cachetory.caches.sb-quotes.backend=memory://")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    CircularQuotes quotes = context.getBean(CircularQuotes.class);
                    assertThat(context.getBean(CircularClient.class).quotes).isSameAs(quotes);
                    quotes.quote("A");
                    assertThat(quotes.quote("A")).isEqualTo("A=1");
                });
    }

    @Test
    void circularReferenceWithSpringCachingProxiesStartsAndMemoizes() {
        Contexts.runner().withAllowCircularReferences(true).withUserConfiguration(CircularCachingApp.class)
                .withPropertyValues("cachetory.caches.sb-quotes.backend=memory://", "cachetory.caches.sb-rates.backend=memory://")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    CircularQuotes quotes = context.getBean(CircularQuotes.class);
                    assertThat(AopUtils.isAopProxy(quotes)).isTrue();
                    assertThat(context.getBean(CircularClient.class).quotes).isSameAs(quotes);
                    quotes.quote("B");
                    assertThat(quotes.quote("B")).isEqualTo("B=1");
                });
    }
}
