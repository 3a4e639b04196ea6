package io.cachetory.redis;

import io.cachetory.backend.AsyncNearBackend;
import io.cachetory.backend.BackendUrl;
import io.lettuce.core.FlushMode;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.output.StatusOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * An {@link AsyncBackend} over Redis on Lettuce, storing {@code byte[]} values under UTF-8 keys.
 *
 * <p>Made by {@code Backends.asyncFromUrl("redis://…")} (see {@link RedisBackendProvider} for the URL
 * forms and parameters). Construction never touches the network: the backend connects on first use,
 * and reconnects by itself after a failure. No method blocks the calling thread on I/O: each returns
 * a future at once, completed on a Lettuce I/O thread (so callbacks attached without an executor
 * must not block). A future fails with {@link io.cachetory.BackendException} (message naming the URL
 * with its password masked) when the server is unreachable, rejects the command, or does not answer
 * within the URL's {@code timeout}.
 *
 * <p>One round trip where Redis allows: {@code GET}, {@code MGET} for {@code getMany},
 * {@code SET … [PX ms] [NX]}, {@code MSET} for an eternal {@code setMany} and one pipelined flush of
 * {@code SET … PX ms} otherwise, {@code PEXPIRE}/{@code PERSIST}, {@code UNLINK}. {@code clearPrefix}
 * is {@code SCAN MATCH <escaped prefix>* COUNT 1000} with {@code UNLINK} per batch (never
 * {@code KEYS}); {@code clear} is {@code FLUSHDB ASYNC} of the URL's database: it deletes every key of
 * that database, other users' included. Empty inputs return at once without a command.
 *
 * <p>With {@code near=<max entries>} in the URL it keeps a near layer (see {@link AsyncNearBackend}):
 * decoded values of recent reads and writes, invalidated by the server through {@code CLIENT TRACKING}
 * on its connection (RESP3, Redis 6 or later). Its own writes drop what they touch before they are
 * sent and again when answered; {@link #setNear} writes through a small script ({@code SET} then a
 * read of the key, atomically, so the server tracks the key again) and keeps the value written;
 * {@link #readForNear} pipelines {@code GET} and {@code PTTL} so that no entry outlives its Redis ttl.
 *
 * <p>Thread-safe: all callers share one connection, which Redis pipelining makes cheap.
 */
final class AsyncRedisBackend implements NearServing, AsyncLeases {
    static final int SCAN_COUNT = 1000;

    private final RedisConnector<StatefulRedisConnection<String, byte[]>> connector;
    private final NearAccess near;

    AsyncRedisBackend(RedisSettings settings) {
        this.near = new NearAccess(settings);
        this.connector = near.layer == null
                ? RedisConnector.standalone(settings)
                : RedisConnector.standalone(settings, new TrackedConnection(near.layer, settings.display()));
    }

    @Override
    public NearAccess nearAccess() {
        return near;
    }

    @Override
    public NearAccess.Server server() {
        return this::run;
    }

    private <T> CompletableFuture<T> run(String op, Function<RedisClusterAsyncCommands<String, byte[]>, ? extends CompletionStage<T>> command) {
        return connector.run(op, c -> command.apply(c.async()));
    }

    /**
     * Parses and validates the URL; does not connect.
     *
     * @throws IllegalArgumentException naming an unknown parameter or a bad value, or for a
     *     {@code redis-cluster://} URL (its backend comes from {@code Backends.asyncFromUrl})
     */
    public static AsyncRedisBackend fromUrl(String url) {
        RedisSettings settings = RedisSettings.parse(BackendUrl.parse(url));
        if (settings.cluster()) {
            throw new IllegalArgumentException("AsyncRedisBackend serves one server, not " + settings.display()
                    + ": make a cluster backend with Backends.asyncFromUrl");
        }
        return new AsyncRedisBackend(settings);
    }

    RedisConnector<StatefulRedisConnection<String, byte[]>> connector() {
        return connector;
    }

    @Override
    public CompletableFuture<byte[]> get(String key) {
        Objects.requireNonNull(key, "key");
        return connector.run("GET", c -> c.async().get(key));
    }

    @Override
    public CompletableFuture<Map<String, byte[]>> getMany(Collection<String> keys) {
        List<String> list = new ArrayList<>(keys);
        if (list.isEmpty()) {
            return CompletableFuture.completedFuture(new LinkedHashMap<>());
        }
        String[] array = list.toArray(new String[0]);
        return connector.run("MGET", c -> c.async().mget(array)).thenApply(values -> {
            Map<String, byte[]> result = new LinkedHashMap<>();
            for (int i = 0; i < array.length && i < values.size(); i++) {
                KeyValue<String, byte[]> kv = values.get(i);
                if (kv.hasValue()) {
                    result.put(array[i], kv.getValue());
                }
            }
            return result;
        });
    }

    @Override
    public CompletableFuture<Boolean> set(String key, byte[] value, Duration ttl, boolean ifNotExists) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        SetArgs args = setArgs(ttl, ifNotExists);
        List<String> touched = List.of(key);
        near.drop(touched);
        return near.droppingAfter(connector.run("SET", c -> c.async().set(key, value, args)), touched).thenApply("OK"::equals);
    }

    /** {@code [PX ms] [NX]} */
    static SetArgs setArgs(Duration ttl, boolean ifNotExists) {
        SetArgs args = new SetArgs();
        if (ttl != null) {
            args.px(millis(ttl));
        }
        if (ifNotExists) {
            args.nx();
        }
        return args;
    }

    @Override
    public CompletableFuture<Void> setMany(Map<String, ? extends byte[]> items, Duration ttl) {
        if (items.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Map<String, byte[]> copy = new LinkedHashMap<>(items);
        near.drop(copy.keySet());
        CompletableFuture<Void> done;
        if (ttl == null) {
            done = connector.run("MSET", c -> c.async().mset(copy)).thenApply(ok -> null);
        } else {
            long ms = millis(ttl);
            done = connector.run("SET PX (pipelined)", c -> pipelinedSet(c, copy, ms));
        }
        return near.droppingAfter(done, copy.keySet());
    }

    /** Every {@code SET key value PX ms} written to the connection in one batch and one flush. */
    private static CompletableFuture<Void> pipelinedSet(StatefulRedisConnection<String, byte[]> c, Map<String, byte[]> items, long ms) {
        List<RedisCommand<String, byte[], ?>> batch = new ArrayList<>(items.size());
        CompletableFuture<?>[] replies = new CompletableFuture<?>[items.size()];
        int i = 0;
        for (Map.Entry<String, byte[]> e : items.entrySet()) {
            CommandArgs<String, byte[]> args = new CommandArgs<>(RedisConnector.CODEC)
                    .addKey(e.getKey()).addValue(e.getValue()).add("PX").add(ms);
            AsyncCommand<String, byte[], String> command =
                    new AsyncCommand<>(new Command<>(CommandType.SET, new StatusOutput<>(RedisConnector.CODEC), args));
            batch.add(command);
            replies[i++] = command;
        }
        c.dispatch(batch);
        return CompletableFuture.allOf(replies);
    }

    @Override
    public CompletableFuture<Void> expireIn(String key, Duration ttl) {
        Objects.requireNonNull(key, "key");
        List<String> touched = List.of(key);
        near.drop(touched);
        if (ttl == null) {
            return near.droppingAfter(connector.run("PERSIST", c -> c.async().persist(key)), touched).thenApply(b -> null);
        }
        long ms = millis(ttl);
        return near.droppingAfter(connector.run("PEXPIRE", c -> c.async().pexpire(key, ms)), touched).thenApply(b -> null);
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        Objects.requireNonNull(key, "key");
        List<String> touched = List.of(key);
        near.drop(touched);
        return near.droppingAfter(connector.run("UNLINK", c -> c.async().unlink(key)), touched).thenApply(n -> n != null && n > 0);
    }

    @Override
    public CompletableFuture<Void> deleteMany(Collection<String> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<String> touched = List.copyOf(keys);
        String[] array = touched.toArray(new String[0]);
        near.drop(touched);
        return near.droppingAfter(connector.run("UNLINK", c -> c.async().unlink(array)).thenApply(n -> null), touched);
    }

    @Override
    public CompletableFuture<String> tryLease(String key, String token, Duration lease) {
        return connector.run("EVAL (lease)", c -> LeaseScripts.tryLease(c.async(), key, token, lease));
    }

    @Override
    public CompletableFuture<Boolean> releaseLease(String key, String token) {
        return connector.run("EVAL (lease release)", c -> LeaseScripts.release(c.async(), key, token));
    }

    /** {@code FLUSHDB ASYNC}: deletes every key of this URL's database (not only this cache's). */
    @Override
    public CompletableFuture<Void> clear() {
        return near.droppingAll(() -> connector.run("FLUSHDB", c -> c.async().flushdb(FlushMode.ASYNC))).thenApply(ok -> null);
    }

    @Override
    public CompletableFuture<Void> clearPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        ScanArgs args = ScanArgs.Builder.matches(globEscape(prefix) + "*").limit(SCAN_COUNT);
        return near.droppingAll(() -> scanAndUnlink(ScanCursor.INITIAL, args));
    }

    private CompletableFuture<Void> scanAndUnlink(ScanCursor cursor, ScanArgs args) {
        return connector.run("SCAN", c -> c.async().scan(cursor, args)).thenCompose(page -> {
            CompletableFuture<Void> deleted = page.getKeys().isEmpty()
                    ? CompletableFuture.completedFuture(null)
                    : deleteMany(page.getKeys());
            return deleted.thenCompose(v -> page.isFinished()
                    ? CompletableFuture.completedFuture(null)
                    : scanAndUnlink(cursorOf(page), args));
        });
    }

    private static ScanCursor cursorOf(KeyScanCursor<String> page) {
        return ScanCursor.of(page.getCursor());
    }

    /** Escapes the glob characters {@code * ? [ ] \} so that Redis matches the prefix literally. */
    static String globEscape(String prefix) {
        StringBuilder sb = new StringBuilder(prefix.length() + 8);
        for (int i = 0; i < prefix.length(); i++) {
            char ch = prefix.charAt(i);
            if (ch == '*' || ch == '?' || ch == '[' || ch == ']' || ch == '\\') {
                sb.append('\\');
            }
            sb.append(ch);
        }
        return sb.toString();
    }

    /** Whole milliseconds, rounded up so that a sub-millisecond ttl is not zero. */
    static long millis(Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        long ms = ttl.toMillis();
        return ttl.minusMillis(ms).isZero() ? ms : ms + 1;
    }

    /** Closes the connection and the client; idempotent. */
    @Override
    public void close() {
        connector.close();
    }

    /** Names the URL with its password masked. */
    @Override
    public String toString() {
        return "AsyncRedisBackend[" + connector.settings().display() + "]";
    }
}
