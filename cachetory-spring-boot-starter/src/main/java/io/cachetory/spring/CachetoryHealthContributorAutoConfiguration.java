package io.cachetory.spring;

import io.cachetory.Cachetory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the health contributor {@code cachetory} ({@link CachetoryHealthIndicator})
 * when {@code spring-boot-health} is present (it comes with the actuator); off with
 * {@code management.health.cachetory.enabled=false}. A class of its own, so that an application
 * without {@code spring-boot-health} never resolves that module's condition classes.
 */
@AutoConfiguration(after = CachetoryAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
public class CachetoryHealthContributorAutoConfiguration {
    @Bean
    @ConditionalOnEnabledHealthIndicator("cachetory")
    @ConditionalOnMissingBean(name = "cachetoryHealthIndicator")
    CachetoryHealthIndicator cachetoryHealthIndicator(CachetoryProperties properties) {
        return new CachetoryHealthIndicator(Cachetory.registry(), properties);
    }
}
