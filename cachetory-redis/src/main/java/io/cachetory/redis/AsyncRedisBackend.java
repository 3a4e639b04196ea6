package io.cachetory.redis;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cachetory.backend.AsyncNearBackend;
import io.cachetory.backend.BackendUrl;
import io.cachetory.backend.NearRead;
import io.lettuce.core.FlushMode;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
final class AsyncRedisBackend implements AsyncNearBackend<byte[]>, AsyncLeases {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncRedisBackend.class);
    static final int SCAN_COUNT = 1000;

    private final RedisConnector<StatefulRedisConnection<String, byte[]>> connector;
    /** The near layer, or null without {@code near=}. */
    private final NearLayer near;
    /** Its commands, or null without {@code near=}. */
    private final NearCommands nearCommands;
    /** Set once the server refused {@link NearCommands#SET_AND_TRACK}: writes then go as a plain {@code SET}. */
    private volatile boolean scriptRefused;

    AsyncRedisBackend(RedisSettings settings) {
        RedisSettings.NearSettings nearSettings = settings.near();
        if (nearSettings == null) {
            this.near = null;
            this.nearCommands = null;
            this.connector = RedisConnector.standalone(settings);
        } else {
            this.near = new NearLayer(nearSettings.maxEntries(), nearSettings.ttl(), Ticker.systemTicker());
            this.nearCommands = new NearCommands(near);
            this.connector = RedisConnector.standalone(settings, new TrackedConnection(near, settings.display()));
        }
    }

    /** @return the near layer, or null when the URL has no {@code near} */
    NearLayer near() {
        return near;
    }

    @Override
    public boolean keepsNear() {
        return near != null;
    }

    @Override
    public Object getNear(String key) {
        return near == null ? null : near.get(key);
    }

    /** {@code GET} and {@code PTTL} pipelined (one round trip): the value, and how long it may be kept near. */
    @Override
    public CompletableFuture<NearRead<byte[]>> readForNear(String key) {
        Objects.requireNonNull(key, "key");
        NearCommands.Read read = nearCommands == null ? null : nearCommands.beginRead(key);
        if (read == null) {
            return get(key).thenApply(data -> new NearFetch(near, key, data, null, 0));
        }
        return connector.run("GET", c -> read.send(c.async()));
    }

    /** As {@link #set}, through {@link NearCommands#SET_AND_TRACK}; when stored, keeps {@code value} near. */
    @Override
    public CompletableFuture<Boolean> setNear(String key, byte[] data, Object value, Duration ttl, boolean ifNotExists) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        NearCommands.Write write = nearCommands == null || scriptRefused ? null : nearCommands.beginWrite(key, data, value, ttl, ifNotExists);
        if (write == null) {
            return set(key, data, ttl, ifNotExists);
        }
        return connector.run("SET", c -> write.send(c.async())).handle((stored, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(stored);
            }
            Throwable failure = RedisConnector.unwrap(e);
            if (refusesScripts(failure.getCause())) {
                // the server refused the script (EVAL not allowed to this user, scripting disabled):
                // store plainly from now on; values are then kept near once read back
                scriptRefused = true;
                LOG.warn("near cache of {}: the server refused EVAL ({}); writes are not kept near", connector.settings().display(),
                        connector.settings().scrub(String.valueOf(failure.getCause().getMessage())));
                return set(key, data, ttl, ifNotExists);
            }
            return CompletableFuture.<Boolean>failedFuture(failure);
        }).thenCompose(f -> f);
    }

    /** A refusal of {@code EVAL} itself (ACL, renamed or disabled command), not a failure of this one write. */
    static boolean refusesScripts(Throwable cause) {
        if (!(cause instanceof RedisCommandExecutionException) || cause.getMessage() == null) {
            return false;
        }
        String message = cause.getMessage().toLowerCase(java.util.Locale.ROOT);
        return message.startsWith("noperm") || message.contains("'eval'") || message.contains("script");
    }

    /** This JVM is about to change the key: nothing kept near for it may be served from now on. */
    private void drop(String key) {
        if (near != null) {
            near.invalidate(key);
        }
    }

    /** ...and once the server answered (or failed), drop it again: a read racing the change may have kept it. */
    private <T> CompletableFuture<T> droppingAfter(CompletableFuture<T> op, String key) {
        return near == null ? op : op.whenComplete((v, e) -> near.invalidate(key));
    }

    private <T> CompletableFuture<T> droppingAllAfter(CompletableFuture<T> op) {
        return near == null ? op : op.whenComplete((v, e) -> near.invalidateAll());
    }

    private void dropAll() {
        if (near != null) {
            near.invalidateAll();
        }
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
        drop(key);
        return droppingAfter(connector.run("SET", c -> c.async().set(key, value, args)), key).thenApply("OK"::equals);
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
        copy.keySet().forEach(this::drop);
        CompletableFuture<Void> done;
        if (ttl == null) {
            done = connector.run("MSET", c -> c.async().mset(copy)).thenApply(ok -> null);
        } else {
            long ms = millis(ttl);
            done = connector.run("SET PX (pipelined)", c -> pipelinedSet(c, copy, ms));
        }
        return near == null ? done : done.whenComplete((v, e) -> copy.keySet().forEach(near::invalidate));
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
        if (ttl == null) {
            drop(key);
            return droppingAfter(connector.run("PERSIST", c -> c.async().persist(key)), key).thenApply(b -> null);
        }
        long ms = millis(ttl);
        drop(key);
        return droppingAfter(connector.run("PEXPIRE", c -> c.async().pexpire(key, ms)), key).thenApply(b -> null);
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        Objects.requireNonNull(key, "key");
        drop(key);
        return droppingAfter(connector.run("UNLINK", c -> c.async().unlink(key)), key).thenApply(n -> n != null && n > 0);
    }

    @Override
    public CompletableFuture<Void> deleteMany(Collection<String> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        String[] array = keys.toArray(new String[0]);
        for (String key : array) {
            drop(key);
        }
        CompletableFuture<Void> done = connector.run("UNLINK", c -> c.async().unlink(array)).thenApply(n -> null);
        return near == null ? done : done.whenComplete((v, e) -> {
            for (String key : array) {
                near.invalidate(key);
            }
        });
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
        dropAll();
        return droppingAllAfter(connector.run("FLUSHDB", c -> c.async().flushdb(FlushMode.ASYNC))).thenApply(ok -> null);
    }

    @Override
    public CompletableFuture<Void> clearPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        ScanArgs args = ScanArgs.Builder.matches(globEscape(prefix) + "*").limit(SCAN_COUNT);
        dropAll();
        return droppingAllAfter(scanAndUnlink(ScanCursor.INITIAL, args));
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
