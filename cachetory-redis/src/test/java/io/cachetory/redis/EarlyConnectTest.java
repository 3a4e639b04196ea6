package io.cachetory.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.Cache;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Redis backend starts connecting when it is built, in the background, so a cold JVM's client
 * start-up is not paid inside the first call's timeout: the server sees the client before any
 * operation is made.
 */
class EarlyConnectTest {
    private static RedisServer server;
    private static RedisServer.Admin admin;

    @BeforeAll
    static void startServer() {
        server = RedisServer.start();
        admin = server.admin();
    }

    @AfterAll
    static void stopServer() {
        admin.close();
        server.close();
    }

    @Test
    void buildingACacheConnectsBeforeTheFirstCall() {
        try (Cache<String> cache = Cache.fromUrl(server.url() + "?client-name=early-bird&timeout=10s", null)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!admin.sync().clientList().contains("name=early-bird")) {
                assertThat(System.nanoTime()).as("the client connects without any call").isLessThan(deadline);
                RedisServer.sleep(10);
            }
            assertThat(cache.get("nothing")).isNull();
        }
    }
}
