package io.cachetory.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.backend.Backend;
import io.cachetory.backend.Backends;
import io.lettuce.core.resource.Transports;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code redis-socket://} over a Unix socket (netty's native epoll transport is on the test class path). */
class RedisSocketTest {
    @Test
    void socketUrlReachesTheServer() {
        boolean supported = Transports.NativeTransports.isDomainSocketSupported();
        if (!supported && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("netty's native epoll transport is not available: redis-socket:// cannot be tested");
        }
        Assumptions.assumeTrue(supported, "epoll native transport not available");
        try (RedisServer server = RedisServer.start(null, true);
                Backend<byte[]> backend = Backends.fromUrl("redis-socket://" + server.socket() + "?db=1&timeout=5s")) {
            backend.set("k", "v".getBytes(UTF_8), null, false);
            assertThat(backend.get("k")).isEqualTo("v".getBytes(UTF_8));
            try (RedisServer.Admin admin = server.admin(1)) {
                assertThat(admin.sync().get("k")).isEqualTo("v".getBytes(UTF_8));
            }
        }
    }
}
