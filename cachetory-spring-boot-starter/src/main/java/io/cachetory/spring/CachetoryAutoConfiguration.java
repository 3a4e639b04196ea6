package io.cachetory.spring;

import io.cachetory.CacheRegistry;
import io.cachetory.Cachetory;
import io.cachetory.micrometer.CachetoryMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of Cachetory in a Spring Boot application: the caches of
 * {@code cachetory.caches.*}, memoization of beans with {@code @Cached} methods, a
 * {@link CachetoryCacheManager} unless the application has a {@link CacheManager}, meters on the
 * application's {@code MeterRegistry} (when Micrometer is present); the health contributor is
 * {@link CachetoryHealthContributorAutoConfiguration}'s.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@EnableConfigurationProperties(CachetoryProperties.class)
public class CachetoryAutoConfiguration {
    /** The caches of {@code cachetory.caches.*}, registered before any application bean is made. */
    @Bean
    static PropertyCaches cachetoryPropertyCaches() {
        return new PropertyCaches(Cachetory.registry());
    }

    /** Memoizes beans with {@code @Cached} methods (unless the Java agent does already). */
    @Bean
    static CachedBeanPostProcessor cachetoryCachedBeanPostProcessor() {
        return new CachedBeanPostProcessor();
    }

    @Bean
    @ConditionalOnMissingBean(CacheManager.class)
    @ConditionalOnProperty(name = "cachetory.cache-manager.enabled", matchIfMissing = true)
    CachetoryCacheManager cacheManager() {
        return new CachetoryCacheManager(Cachetory.registry());
    }

    /** Meters of every Cachetory cache on each {@code MeterRegistry} of the application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        CachetoryMeterBinder cachetoryMeterBinder() {
            return new CachetoryMeterBinder(Cachetory.registry());
        }
    }

    /**
     * Binds {@link CachetoryMetrics} to each registry Spring Boot hands it, and unbinds when the
     * context closes. Thread-safe.
     */
    static final class CachetoryMeterBinder implements MeterBinder, DisposableBean {
        private final CacheRegistry caches;
        private final List<CachetoryMetrics> bindings = new CopyOnWriteArrayList<>();

        CachetoryMeterBinder(CacheRegistry caches) {
            this.caches = caches;
        }

        @Override
        public void bindTo(MeterRegistry registry) {
            bindings.add(CachetoryMetrics.bindTo(registry, caches, List.of()));
        }

        @Override
        public void destroy() {
            bindings.forEach(CachetoryMetrics::close);
            bindings.clear();
        }
    }
}
