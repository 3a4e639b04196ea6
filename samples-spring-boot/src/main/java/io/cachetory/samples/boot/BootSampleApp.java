package io.cachetory.samples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/**
 * A Spring Boot service using Cachetory through its starter: {@code QuoteService} is memoized with
 * {@code @Cached}, {@code RateService} uses Spring's {@code @Cacheable} on a Cachetory cache; both
 * caches live in Redis ({@code application.properties}). Run with
 * {@code java -jar samples-spring-boot/target/cachetory-samples-spring-boot.jar}.
 */
@SpringBootApplication
@EnableCaching
public class BootSampleApp {
    public static void main(String[] args) {
        SpringApplication.run(BootSampleApp.class, args);
    }
}
