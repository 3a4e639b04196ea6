package io.cachetory.redis;

import io.cachetory.backend.AsyncNearBackend;
import io.cachetory.backend.Backend;
import io.cachetory.backend.BackendUrl;
import io.cachetory.backend.LeaseBackend;
import io.cachetory.backend.NearBackend;
import io.cachetory.backend.NearRead;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A synchronous {@link Backend} over Redis on Lettuce, storing {@code byte[]} values under UTF-8
 * keys: the blocking face of {@link AsyncRedisBackend} (or, for {@code redis-cluster://}, of the
 * cluster backend that {@code Backends.asyncFromUrl} makes), with the same command mapping, the
 * same lazy connection and the same automatic reconnection.
 *
 * <p>Made by {@code Backends.fromUrl("redis://…")} (see {@link RedisBackendProvider} for the URL forms
 * and parameters). Construction never touches the network. Each call waits at most about twice
 * the URL's {@code timeout} (connecting, if not connected yet, and the command, each bounded by it;
 * a connected call to a hung server waits one {@code timeout}), then throws
 * {@link io.cachetory.BackendException} naming the URL with its password masked. {@code clearPrefix}
 * bounds each of its {@code SCAN}/{@code UNLINK} steps, not the whole sweep. {@code clear} is
 * {@code FLUSHDB ASYNC} of the URL's database: every key of that database goes, other users' included
 * (on a cluster: of database 0 on every master).
 *
 * <p>With {@code near=<max entries>} in the URL it keeps a near layer, as {@link AsyncRedisBackend}
 * describes; a {@link io.cachetory.Cache} over it answers repeated reads from this JVM's memory.
 *
 * <p>It is a {@link LeaseBackend}: {@code @Cached(singleFlight = FLEET)} takes its leases here
 * (always in Redis itself, never in the near layer).
 *
 * <p>Thread-safe: all callers share one connection.
 */
final class RedisBackend implements NearBackend<byte[]>, LeaseBackend {
    private final AsyncNearBackend<byte[]> async;
    private final AsyncLeases leases;
    private final RedisConnector<?> connector;
    private final NearLayer near;
    private final Duration bound;

    RedisBackend(RedisSettings settings) {
        if (settings.cluster()) {
            AsyncClusterBackend cluster = new AsyncClusterBackend(settings);
            this.async = cluster;
            this.leases = cluster;
            this.connector = cluster.connector();
            this.near = cluster.near();
        } else {
            AsyncRedisBackend single = new AsyncRedisBackend(settings);
            this.async = single;
            this.leases = single;
            this.connector = single.connector();
            this.near = single.near();
        }
        // Connecting and the command are each bounded by Lettuce/our connector; this is a backstop.
        this.bound = settings.timeout().multipliedBy(2).plusMillis(100);
    }

    /**
     * Parses and validates the URL; does not connect.
     *
     * @throws IllegalArgumentException naming an unknown parameter or a bad value
     */
    public static RedisBackend fromUrl(String url) {
        return new RedisBackend(RedisSettings.parse(BackendUrl.parse(url)));
    }

    private <T> T await(String op, CompletableFuture<T> future) {
        return connector.await(op, future, bound);
    }

    /** @return the near layer, or null when the URL has no {@code near} */
    NearLayer near() {
        return near;
    }

    @Override
    public boolean keepsNear() {
        return near != null;
    }

    /** The async backend this one runs on, when a near layer makes sharing it matter; else null. */
    @Override
    public AsyncNearBackend<byte[]> asyncFace() {
        return near == null ? null : async;
    }

    @Override
    public Object getNear(String key) {
        return near == null ? null : near.get(key);
    }

    @Override
    public NearRead<byte[]> readForNear(String key) {
        return await("GET", async.readForNear(key));
    }

    @Override
    public boolean setNear(String key, byte[] data, Object value, Duration ttl, boolean ifNotExists) {
        return await("SET", async.setNear(key, data, value, ttl, ifNotExists));
    }

    @Override
    public byte[] get(String key) {
        return await("GET", async.get(key));
    }

    @Override
    public Map<String, byte[]> getMany(Collection<String> keys) {
        return await("MGET", async.getMany(keys));
    }

    @Override
    public boolean set(String key, byte[] value, Duration ttl, boolean ifNotExists) {
        return await("SET", async.set(key, value, ttl, ifNotExists));
    }

    @Override
    public void setMany(Map<String, ? extends byte[]> items, Duration ttl) {
        await(ttl == null ? "MSET" : "SET PX (pipelined)", async.setMany(items, ttl));
    }

    @Override
    public void expireIn(String key, Duration ttl) {
        await(ttl == null ? "PERSIST" : "PEXPIRE", async.expireIn(key, ttl));
    }

    @Override
    public boolean delete(String key) {
        return await("UNLINK", async.delete(key));
    }

    @Override
    public void deleteMany(Collection<String> keys) {
        await("UNLINK", async.deleteMany(keys));
    }

    /**
     * {@code FLUSHDB ASYNC}: deletes every key of this URL's database (not only this cache's); on a
     * cluster, of every master.
     */
    @Override
    public void clear() {
        await("FLUSHDB", async.clear());
    }

    @Override
    public void clearPrefix(String prefix) {
        connector.await("SCAN/UNLINK", async.clearPrefix(prefix), null);
    }

    /** A lease for fleet single-flight: one atomic round trip (a Lua script doing GET, then SET PX if free). */
    @Override
    public String tryLease(String key, String token, Duration lease) {
        return await("EVAL (lease)", leases.tryLease(key, token, lease));
    }

    /** Compare-and-delete in one Lua script: only the holder's token deletes the lease. */
    @Override
    public boolean releaseLease(String key, String token) {
        return await("EVAL (lease release)", leases.releaseLease(key, token));
    }

    /** {@link #tryLease} as one asynchronous round trip: no thread waits for it. */
    @Override
    public CompletableFuture<String> tryLeaseAsync(String key, String token, Duration lease) {
        return leases.tryLease(key, token, lease);
    }

    /** {@link #releaseLease} as one asynchronous round trip: no thread waits for it. */
    @Override
    public CompletableFuture<Boolean> releaseLeaseAsync(String key, String token) {
        return leases.releaseLease(key, token);
    }

    /** Closes the connection and the client; idempotent. */
    @Override
    public void close() {
        async.close();
    }

    /** Names the URL with its password masked. */
    @Override
    public String toString() {
        return "RedisBackend[" + connector.settings().display() + "]";
    }
}
