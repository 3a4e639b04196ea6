package io.cachetory.samples.boot;

import io.cachetory.redis.RedisServer;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The sample as it runs: a web server on a free port, its caches in a real redis-server. */
class BootSampleAppTest {
    private static RedisServer redis;
    private static ConfigurableApplicationContext app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        app = SpringApplication.run(BootSampleApp.class, "--server.port=0",
                "--cachetory.caches.quotes.backend=" + redis.url() + "?timeout=5s",
                "--cachetory.caches.rates.backend=" + redis.url() + "?timeout=5s");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        redis.close();
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void quoteIsFetchedOnceAndServedFromRedis() throws Exception {
        String first = get("/quotes/AAPL");
        assertThat(get("/quotes/AAPL")).isEqualTo(first);
        assertThat(app.getBean(QuoteService.class).upstreamCalls()).isEqualTo(1);
        try (RedisServer.Admin admin = redis.admin()) {
            // <prefix>#<tag>:<args>: the deploy-safe tag of the declared return type
            assertThat(admin.sync().keys("boot-sample:quote#*:AAPL")).hasSize(1);
        }
        String hits = get("/actuator/metrics/cache.gets?tag=cache:quotes&tag=result:hit");
        assertThat(hits.replace(" ", "")).contains("\"value\":1.0");
    }

    @Test
    void rateIsCachedThroughCacheableAndEvicted() throws Exception {
        String first = get("/rates/EURUSD");
        assertThat(get("/rates/EURUSD")).isEqualTo(first);
        assertThat(app.getBean(RateService.class).upstreamCalls()).isEqualTo(1);
        try (RedisServer.Admin admin = redis.admin()) {
            assertThat(admin.sync().exists("boot-sample:rates:EURUSD")).isEqualTo(1L);
        }
        assertThat(send("DELETE", "/rates/EURUSD").statusCode()).isEqualTo(200);
        get("/rates/EURUSD");
        assertThat(app.getBean(RateService.class).upstreamCalls()).isEqualTo(2);
    }

    @Test
    void healthShowsTheRedisCachesReachable() throws Exception {
        String health = get("/actuator/health").replace(" ", "");
        assertThat(health).contains("\"cachetory\"").contains("\"quotes\":{\"backend\":\"redis\",\"reachable\":true}");
    }

    @Test
    void cachesEndpointListsTheCachetoryCaches() throws Exception {
        String caches = get("/actuator/caches").replace(" ", "");
        assertThat(caches).contains("\"quotes\"").contains("\"rates\"").contains("io.cachetory.DefaultCache");
    }
}
