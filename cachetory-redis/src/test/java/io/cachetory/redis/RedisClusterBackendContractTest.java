package io.cachetory.redis;

import io.cachetory.backend.AsyncBackend;
import io.cachetory.backend.AsyncBackendAsSync;
import io.cachetory.backend.Backend;
import io.cachetory.backend.BackendContractTest;
import io.cachetory.backend.BackendFixture;
import io.cachetory.backend.Backends;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;

/**
 * The backend contract suite over a real 3-master Redis Cluster, sync and async, both made through
 * {@code Backends} from a {@code redis-cluster://} URL. The suite's keys ("k", "a", "p:1", …) fall
 * on all three masters, so its batch and prefix tests cross nodes.
 */
class RedisClusterBackendContractTest extends BackendContractTest {
    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.get();
    }

    @Override
    protected Stream<Named<BackendFixture>> backends() {
        return Stream.of(
                Named.of("redis-cluster sync", new ClusterFixture(false)),
                Named.of("redis-cluster async via AsyncBackendAsSync", new ClusterFixture(true)));
    }

    /** Backends over the shared cluster, flushed before each test; time passes for real. */
    static final class ClusterFixture implements BackendFixture {
        private final boolean async;
        private final List<AutoCloseable> created = new ArrayList<>();

        ClusterFixture(boolean async) {
            this.async = async;
        }

        @Override
        public Backend<byte[]> create() {
            cluster.flushAll();
            // A generous timeout: the contract is about behaviour, and the machine may be busy.
            String url = cluster.url("timeout=5s");
            if (async) {
                AsyncBackend<byte[]> backend = Backends.asyncFromUrl(url);
                created.add(backend);
                return AsyncBackendAsSync.of(backend);
            }
            Backend<byte[]> backend = Backends.fromUrl(url);
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
            cluster.flushAll();
        }
    }
}
