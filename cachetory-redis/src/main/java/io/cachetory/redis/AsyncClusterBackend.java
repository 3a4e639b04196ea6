package io.cachetory.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cachetory.backend.AsyncBackend;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.FlushMode;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import io.lettuce.core.models.role.RedisNodeDescription;
import io.lettuce.core.protocol.ConnectionIntent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AsyncBackend} over a Redis Cluster on Lettuce's cluster client, storing {@code byte[]}
 * values under UTF-8 keys; made by {@code Backends.asyncFromUrl("redis-cluster://…")}.
 *
 * <p>Single-key commands go where Lettuce routes them by slot (following {@code MOVED}/{@code ASK};
 * {@code GET} honours {@code read-from}). A batch ({@code getMany}, {@code setMany},
 * {@code deleteMany}) is grouped by the master serving each key's slot and sent as one
 * {@code EVAL} per node (see {@link NodeBatchScripts}), to all nodes at once: one round trip per
 * node involved, never a command per key. Reads of a batch go to the node {@code read-from}
 * picks among a master and its healthy replicas. If a node refuses the script (a slot moved under
 * a stale topology, or a server older than 7.0), that node's part falls back to Lettuce's per-slot
 * commands, which follow redirects. {@code clearPrefix} runs {@code SCAN MATCH <escaped prefix>*}
 * + {@code UNLINK} on every master in parallel; {@code clear} is {@code FLUSHDB ASYNC} on every
 * master: the whole cluster's keys go, other users' included.
 *
 * <p>Failures are as on one server: {@link io.cachetory.BackendException}, fast while a node is
 * down (its connection rejects commands), each command bounded by the URL's {@code timeout}. While
 * a master is down, operations on its slots fail and others succeed; once the topology shows its
 * promoted replica (re-read on reconnect attempts, redirects and every few seconds), they succeed
 * again.
 *
 * <p>With {@code near=<max entries>} in the URL it keeps a near layer, as {@link AsyncRedisBackend}
 * does over one server: {@code CLIENT TRACKING} is enabled on every node connection in use (see
 * {@link TrackedClusterConnection}), the near read ({@code GET} and {@code PTTL}) and the kept write
 * (a one-key script) go where Lettuce routes the key, and every write of this JVM drops what it
 * touches before it is sent and again when answered.
 *
 * <p>Thread-safe: all callers share one cluster connection.
 */
final class AsyncClusterBackend implements NearServing, AsyncLeases {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncClusterBackend.class);
    private static final String[] NO_KEYS = new String[0];

    private final RedisConnector<StatefulRedisClusterConnection<String, byte[]>> connector;
    private final ReadFrom readFrom;
    private final NearAccess near;

    AsyncClusterBackend(RedisSettings settings) {
        this.readFrom = settings.readFrom();
        this.near = new NearAccess(settings);
        this.connector = near.layer == null
                ? RedisConnector.cluster(settings)
                : RedisConnector.cluster(settings, new TrackedClusterConnection(near.layer, settings.display(), readFrom));
    }

    RedisConnector<StatefulRedisClusterConnection<String, byte[]>> connector() {
        return connector;
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

    /** A lease lives on the node of its key's slot (the scripts touch that one key only). */
    @Override
    public CompletableFuture<String> tryLease(String key, String token, Duration lease) {
        return connector.run("EVAL (lease)", c -> LeaseScripts.tryLease(c.async(), key, token, lease));
    }

    @Override
    public CompletableFuture<Boolean> releaseLease(String key, String token) {
        return connector.run("EVAL (lease release)", c -> LeaseScripts.release(c.async(), key, token));
    }

    @Override
    public CompletableFuture<byte[]> get(String key) {
        Objects.requireNonNull(key, "key");
        return connector.run("GET", c -> c.async().get(key));
    }

    @Override
    public CompletableFuture<Map<String, byte[]>> getMany(Collection<String> keys) {
        List<String> list = new ArrayList<>(new LinkedHashSet<>(keys));
        if (list.isEmpty()) {
            return CompletableFuture.completedFuture(new LinkedHashMap<>());
        }
        return connector.run("getMany", c -> {
            Partitions partitions = c.getPartitions();
            Map<RedisClusterNode, List<String>> groups = byMaster(partitions, list);
            List<CompletableFuture<Map<String, byte[]>>> parts = new ArrayList<>(groups.size());
            for (Map.Entry<RedisClusterNode, List<String>> group : groups.entrySet()) {
                parts.add(readOn(c, partitions, group.getKey(), group.getValue()));
            }
            return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
                Map<String, byte[]> found = new HashMap<>();
                parts.forEach(p -> found.putAll(p.join()));
                Map<String, byte[]> result = new LinkedHashMap<>();
                for (String key : list) {
                    byte[] value = found.get(key);
                    if (value != null) {
                        result.put(key, value);
                    }
                }
                return result;
            });
        });
    }

    private CompletableFuture<Map<String, byte[]>> readOn(StatefulRedisClusterConnection<String, byte[]> c, Partitions partitions,
            RedisClusterNode master, List<String> keys) {
        RedisClusterNode node = readNode(partitions, master);
        if (node == null) {
            return CompletableFuture.failedFuture(new RedisException("no node to read from (read-from " + readFrom
                    + ") for the slots of master " + master.getUri()));
        }
        ConnectionIntent intent = node == master ? ConnectionIntent.WRITE : ConnectionIntent.READ;
        return onNode(c, node, intent, n -> n.async().<List<Object>>eval(NodeBatchScripts.GET, ScriptOutputType.MULTI, NO_KEYS, utf8(keys)))
                .thenApply(values -> {
                    Map<String, byte[]> found = new HashMap<>();
                    for (int i = 0; i < keys.size() && i < values.size(); i++) {
                        if (values.get(i) instanceof byte[]) {
                            found.put(keys.get(i), (byte[]) values.get(i));
                        }
                    }
                    return found;
                })
                .exceptionallyCompose(e -> refusedByNode(e, "getMany", node)
                        ? c.async().mget(keys.toArray(NO_KEYS)).toCompletableFuture().thenApply(AsyncClusterBackend::present)
                        : CompletableFuture.failedFuture(e));
    }

    private static Map<String, byte[]> present(List<KeyValue<String, byte[]>> values) {
        Map<String, byte[]> found = new HashMap<>();
        for (KeyValue<String, byte[]> kv : values) {
            if (kv.hasValue()) {
                found.put(kv.getKey(), kv.getValue());
            }
        }
        return found;
    }

    @Override
    public CompletableFuture<Boolean> set(String key, byte[] value, Duration ttl, boolean ifNotExists) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        SetArgs args = AsyncRedisBackend.setArgs(ttl, ifNotExists);
        List<String> touched = List.of(key);
        near.drop(touched);
        return near.droppingAfter(connector.run("SET", c -> c.async().set(key, value, args)), touched).thenApply("OK"::equals);
    }

    @Override
    public CompletableFuture<Void> setMany(Map<String, ? extends byte[]> items, Duration ttl) {
        if (items.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Map<String, byte[]> copy = new LinkedHashMap<>(items);
        copy.values().forEach(v -> Objects.requireNonNull(v, "value"));
        long ms = ttl == null ? 0 : AsyncRedisBackend.millis(ttl);
        near.drop(copy.keySet());
        return near.droppingAfter(connector.run("setMany", c -> {
            Map<RedisClusterNode, List<String>> groups = byMaster(c.getPartitions(), copy.keySet());
            List<CompletableFuture<?>> parts = new ArrayList<>(groups.size());
            for (Map.Entry<RedisClusterNode, List<String>> group : groups.entrySet()) {
                parts.add(writeOn(c, group.getKey(), group.getValue(), copy, ms));
            }
            return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]));
        }), copy.keySet());
    }

    private CompletableFuture<?> writeOn(StatefulRedisClusterConnection<String, byte[]> c, RedisClusterNode master, List<String> keys,
            Map<String, byte[]> items, long ms) {
        byte[][] argv = new byte[1 + 2 * keys.size()][];
        argv[0] = Long.toString(ms).getBytes(UTF_8);
        int i = 1;
        for (String key : keys) {
            argv[i++] = key.getBytes(UTF_8);
            argv[i++] = items.get(key);
        }
        return onNode(c, master, ConnectionIntent.WRITE, n -> n.async().<Long>eval(NodeBatchScripts.SET, ScriptOutputType.INTEGER, NO_KEYS, argv))
                .exceptionallyCompose(e -> {
                    if (!refusedByNode(e, "setMany", master)) {
                        return CompletableFuture.failedFuture(e);
                    }
                    SetArgs args = ms == 0 ? new SetArgs() : new SetArgs().px(ms);
                    List<CompletableFuture<String>> sets = new ArrayList<>(keys.size());
                    for (String key : keys) {
                        sets.add(c.async().set(key, items.get(key), args).toCompletableFuture());
                    }
                    return CompletableFuture.allOf(sets.toArray(new CompletableFuture<?>[0])).thenApply(v -> 0L);
                });
    }

    @Override
    public CompletableFuture<Void> expireIn(String key, Duration ttl) {
        Objects.requireNonNull(key, "key");
        List<String> touched = List.of(key);
        if (ttl == null) {
            near.drop(touched);
            return near.droppingAfter(connector.run("PERSIST", c -> c.async().persist(key)), touched).thenApply(b -> null);
        }
        long ms = AsyncRedisBackend.millis(ttl);
        near.drop(touched);
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
        List<String> list = new ArrayList<>(new LinkedHashSet<>(keys));
        near.drop(list);
        return near.droppingAfter(connector.run("deleteMany", c -> {
            Map<RedisClusterNode, List<String>> groups = byMaster(c.getPartitions(), list);
            List<CompletableFuture<?>> parts = new ArrayList<>(groups.size());
            for (Map.Entry<RedisClusterNode, List<String>> group : groups.entrySet()) {
                parts.add(unlinkOn(c, group.getKey(), group.getValue()));
            }
            return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]));
        }), list);
    }

    private CompletableFuture<Long> unlinkOn(StatefulRedisClusterConnection<String, byte[]> c, RedisClusterNode master, List<String> keys) {
        return onNode(c, master, ConnectionIntent.WRITE, n -> n.async().<Long>eval(NodeBatchScripts.UNLINK, ScriptOutputType.INTEGER, NO_KEYS, utf8(keys)))
                .exceptionallyCompose(e -> refusedByNode(e, "deleteMany", master)
                        ? c.async().unlink(keys.toArray(NO_KEYS)).toCompletableFuture()
                        : CompletableFuture.failedFuture(e));
    }

    /** {@code FLUSHDB ASYNC} on every master: deletes every key of the cluster (not only this cache's). */
    @Override
    public CompletableFuture<Void> clear() {
        return near.droppingAll(() -> connector.run("FLUSHDB", c -> {
            List<CompletableFuture<String>> parts = new ArrayList<>();
            for (RedisClusterNode master : masters(c.getPartitions())) {
                parts.add(onNode(c, master, ConnectionIntent.WRITE, n -> n.async().flushdb(FlushMode.ASYNC)));
            }
            return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]));
        }));
    }

    @Override
    public CompletableFuture<Void> clearPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        ScanArgs args = ScanArgs.Builder.matches(AsyncRedisBackend.globEscape(prefix) + "*").limit(AsyncRedisBackend.SCAN_COUNT);
        return near.droppingAll(() -> connector.run("SCAN/UNLINK", c -> {
            List<CompletableFuture<Void>> parts = new ArrayList<>();
            for (RedisClusterNode master : masters(c.getPartitions())) {
                parts.add(scanAndUnlink(c, master, ScanCursor.INITIAL, args));
            }
            return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]));
        }));
    }

    /** One master's sweep: its keys found by {@code SCAN} are its own, so one script unlinks a page. */
    private CompletableFuture<Void> scanAndUnlink(StatefulRedisClusterConnection<String, byte[]> c, RedisClusterNode master,
            ScanCursor cursor, ScanArgs args) {
        return onNode(c, master, ConnectionIntent.WRITE, n -> n.async().scan(cursor, args)).thenCompose(page -> {
            CompletableFuture<Long> deleted = page.getKeys().isEmpty()
                    ? CompletableFuture.completedFuture(0L)
                    : unlinkOn(c, master, page.getKeys());
            return deleted.thenCompose(v -> page.isFinished()
                    ? CompletableFuture.completedFuture(null)
                    : scanAndUnlink(c, master, ScanCursor.of(page.getCursor()), args));
        });
    }

    /** Runs a command on one node's own connection (Lettuce keeps one per node and intent). */
    private static <T> CompletableFuture<T> onNode(StatefulRedisClusterConnection<String, byte[]> c, RedisClusterNode node,
            ConnectionIntent intent, Function<StatefulRedisConnection<String, byte[]>, ? extends CompletionStage<T>> command) {
        // Keyed by host and port like Lettuce's slot routing, so both share the node's connection.
        return c.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort(), intent).thenCompose(command);
    }

    /**
     * Whether the node answered with an error reply (it does not serve a key any more, or cannot
     * run the script), as opposed to being unreachable: only then is the per-slot fallback worth it.
     */
    private static boolean refusedByNode(Throwable e, String op, RedisClusterNode node) {
        Throwable cause = RedisConnector.unwrap(e);
        if (cause instanceof RedisCommandExecutionException) {
            LOG.debug("{} script refused by {} ({}); falling back to per-slot commands", op, node.getUri(), cause.getMessage());
            return true;
        }
        return false;
    }

    /** Keys grouped by the master that serves their slot, in the order first seen. */
    private static Map<RedisClusterNode, List<String>> byMaster(Partitions partitions, Collection<String> keys) {
        Map<RedisClusterNode, List<String>> groups = new LinkedHashMap<>();
        for (String key : keys) {
            Objects.requireNonNull(key, "key");
            int slot = SlotHash.getSlot(key);
            RedisClusterNode master = partitions.getMasterBySlot(slot);
            if (master == null) {
                throw new RedisException("no master serves slot " + slot + " (the cluster is not fully covered)");
            }
            groups.computeIfAbsent(master, m -> new ArrayList<>()).add(key);
        }
        return groups;
    }

    /** Masters that serve slots; a failed master replaced by its replica serves none. */
    private static List<RedisClusterNode> masters(Partitions partitions) {
        List<RedisClusterNode> masters = new ArrayList<>();
        for (RedisClusterNode node : partitions) {
            if ((node.is(NodeFlag.UPSTREAM) || node.is(NodeFlag.MASTER)) && !node.hasNoSlots()) {
                masters.add(node);
            }
        }
        if (masters.isEmpty()) {
            throw new RedisException("the cluster topology names no master");
        }
        return masters;
    }

    /** The node {@code read-from} picks among the master and its healthy replicas; null if none fits. */
    private RedisClusterNode readNode(Partitions partitions, RedisClusterNode master) {
        if (readFrom == ReadFrom.UPSTREAM) {
            return master;
        }
        List<RedisNodeDescription> candidates = new ArrayList<>();
        candidates.add(master);
        for (RedisClusterNode node : partitions) {
            if (master.getNodeId().equals(node.getSlaveOf()) && healthy(node)) {
                candidates.add(node);
            }
        }
        List<RedisNodeDescription> chosen = readFrom.select(new ReadFrom.Nodes() {
            @Override
            public List<RedisNodeDescription> getNodes() {
                return candidates;
            }

            @Override
            public Iterator<RedisNodeDescription> iterator() {
                return candidates.iterator();
            }
        });
        return chosen.isEmpty() ? null : (RedisClusterNode) chosen.get(0);
    }

    private static boolean healthy(RedisClusterNode node) {
        return !node.is(NodeFlag.FAIL) && !node.is(NodeFlag.EVENTUAL_FAIL) && !node.is(NodeFlag.NOADDR)
                && !node.is(NodeFlag.HANDSHAKE) && !node.is(NodeFlag.LOADING);
    }

    private static byte[][] utf8(List<String> keys) {
        byte[][] out = new byte[keys.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = keys.get(i).getBytes(UTF_8);
        }
        return out;
    }

    /** Closes the cluster connection and the client; idempotent. */
    @Override
    public void close() {
        connector.close();
    }

    /** Names the URL with its password masked. */
    @Override
    public String toString() {
        return "AsyncClusterBackend[" + connector.settings().display() + "]";
    }
}
