package io.cachetory.redis;

import io.cachetory.backend.AsyncBackend;
import io.cachetory.backend.Backend;
import io.cachetory.backend.BackendProvider;
import io.cachetory.backend.BackendUrl;
import java.util.Set;

/**
 * Makes {@link RedisBackend} and {@link AsyncRedisBackend} from URLs; registered for
 * {@link java.util.ServiceLoader} so that {@code Backends.fromUrl} finds it.
 *
 * <p>Schemes:
 * <ul>
 *   <li>{@code redis://[user:password@]host[:port][/db]} (port 6379, database 0 by default; a lone
 *       {@code secret@} is a password);</li>
 *   <li>{@code rediss://…} the same over TLS (the server's certificate is verified);</li>
 *   <li>{@code redis-socket:///path/to/socket[?db=N]} a Unix socket; needs
 *       {@code io.netty:netty-transport-native-epoll} (classifier {@code linux-x86_64}) on the class path;</li>
 *   <li>{@code redis-sentinel://host:port[,host:port]/db?master=name} the master that the sentinels
 *       (port 26379 by default) name;</li>
 *   <li>{@code redis-cluster://host:port[,host:port…]} a Redis Cluster found from these seed nodes
 *       (database 0 only: a path other than empty or {@code /0} is refused); keys of any slot,
 *       batches in one round trip per node, see the cluster backend's documentation.</li>
 * </ul>
 * Parameters: {@code timeout} bounds connecting and each command ({@code 500ms}, {@code 2s},
 * ISO-8601; default {@code 500ms}); {@code client-name} ({@code CLIENT SETNAME}); {@code near}
 * (max entries of a near cache of decoded values, invalidated by {@code CLIENT TRACKING}; see
 * {@link AsyncRedisBackend}; on a cluster, tracking is enabled on every node connection in use)
 * and {@code near-ttl} (their longest life, default 5 minutes); {@code master} (sentinel only, required); {@code db} (socket only);
 * {@code read-from} (cluster only: {@code master} by default, {@code replica-preferred},
 * {@code replica}). An unknown parameter or a bad value →
 * {@link IllegalArgumentException} naming it. Creating a backend only parses and validates: it
 * never connects. Stateless and thread-safe.
 */
public final class RedisBackendProvider implements BackendProvider {
    private static final Set<String> SCHEMES = Set.of("redis", "rediss", "redis-socket", "redis-sentinel", "redis-cluster");

    /** Public no-arg constructor for {@link java.util.ServiceLoader}. */
    public RedisBackendProvider() {}

    @Override
    public Set<String> schemes() {
        return SCHEMES;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <W> Backend<W> create(BackendUrl url) {
        return (Backend<W>) new RedisBackend(RedisSettings.parse(url));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <W> AsyncBackend<W> createAsync(BackendUrl url) {
        RedisSettings settings = RedisSettings.parse(url);
        return (AsyncBackend<W>) (settings.cluster() ? new AsyncClusterBackend(settings) : new AsyncRedisBackend(settings));
    }

    /** @return {@code true}: Redis backends store {@code byte[]} */
    @Override
    public boolean storesBytes() {
        return true;
    }
}
