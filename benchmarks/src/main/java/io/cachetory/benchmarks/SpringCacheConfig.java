package io.cachetory.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The usual Spring set-up: {@code @EnableCaching} over a {@link CaffeineCacheManager} (size bound + expiry). */
@Configuration(proxyBeanMethods = false)
@EnableCaching
public class SpringCacheConfig {
    @Bean
    public CacheManager cacheManager() {
        CaffeineCacheManager manager = new CaffeineCacheManager("prices");
        manager.setCaffeine(Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)));
        return manager;
    }

    @Bean
    public SpringPriceService springPriceService() {
        return new SpringPriceService();
    }
}
