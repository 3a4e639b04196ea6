package io.cachetory.redis;

import io.cachetory.backend.AsyncBackendAsSync;
import io.cachetory.backend.Backend;
import io.cachetory.backend.BackendContractTest;
import io.cachetory.backend.BackendFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;

/** The backend contract suite over a real redis-server: {@link RedisBackend} and {@link AsyncRedisBackend}. */
class RedisBackendContractTest extends BackendContractTest {
    private static RedisServer server;
    private static RedisServer.Admin admin;

    @BeforeAll
    static void startServer() {
        server = RedisServer.start();
        admin = server.admin();
    }

    @AfterAll
    static void stopServer() {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected Stream<Named<BackendFixture>> backends() {
        return Stream.of(
                Named.of("redis sync", new RedisFixture(false)),
                Named.of("redis async via AsyncBackendAsSync", new RedisFixture(true)));
    }

    /** Backends on database 0 of the class's server, flushed before each; time passes for real. */
    static final class RedisFixture implements BackendFixture {
        private final boolean async;
        private final List<AutoCloseable> created = new ArrayList<>();

        RedisFixture(boolean async) {
            this.async = async;
        }

        @Override
        public Backend<byte[]> create() {
            admin.sync().flushdb();
            // A generous timeout: the contract is about behaviour, and the machine may be busy.
            String url = server.url() + "?timeout=5s";
            if (async) {
                AsyncRedisBackend backend = AsyncRedisBackend.fromUrl(url);
                created.add(backend);
                return AsyncBackendAsSync.of(backend);
            }
            RedisBackend backend = RedisBackend.fromUrl(url);
            created.add(backend);
            return backend;
        }

        @Override
        public void advance(Duration duration) {
            RedisServer.sleep(duration.toMillis());
        }

        @Override
        public Duration shortTtl() {
            return Duration.ofMillis(250);
        }

        @Override
        public void cleanup() {
            for (AutoCloseable c : created) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            created.clear();
            admin.sync().flushdb();
        }
    }
}
