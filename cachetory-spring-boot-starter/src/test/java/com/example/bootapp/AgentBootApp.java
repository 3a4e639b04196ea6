package com.example.bootapp;

import io.cachetory.CacheStats;
import io.cachetory.Cachetory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A Boot application run in a forked JVM, with or without the agent: prints what a test checks as
 * {@code FACT name=value} lines.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class AgentBootApp {
    @Bean
    AgentQuoteService agentQuoteService() {
        return new AgentQuoteService();
    }

    public static void main(String[] args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AgentBootApp.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .run("--cachetory.caches.sb-agent.backend=memory://", "--spring.main.banner-mode=off")) {
            AgentQuoteService quotes = context.getBean(AgentQuoteService.class);
            String first = quotes.quote("AAPL");
            String second = quotes.quote("AAPL");
            CacheStats stats = Cachetory.registry().stats("sb-agent");
            System.out.println("FACT first=" + first);
            System.out.println("FACT second=" + second);
            System.out.println("FACT runs=" + AgentQuoteService.RUNS.get());
            System.out.println("FACT instrumented=" + io.cachetory.Cachetory.isInstrumented(AgentQuoteService.class));
            System.out.println("FACT beanClass=" + quotes.getClass().getName());
            System.out.println("FACT hits=" + stats.hits());
            System.out.println("FACT misses=" + stats.misses());
        }
    }
}
