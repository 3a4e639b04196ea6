package io.cachetory.redis;

import io.lettuce.core.MigrateArgs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster for tests: 3 masters + 3 replicas ({@code redis-server --cluster-enabled yes}
 * on free loopback ports, joined with {@code redis-cli --cluster create … --cluster-replicas 1}),
 * started once per JVM on first use and shared by every cluster test class; RedisServer's shutdown
 * hook kills the nodes at exit. A test that kills a node brings it back with {@link #restore()}.
 *
 * <p>When {@code redis-server} or {@code redis-cli} is missing: with {@code CI=true} the test fails,
 * otherwise it is skipped.
 */
final class RedisCluster {
    static final int MASTERS = 3;
    static final Duration NODE_TIMEOUT = Duration.ofMillis(2000);
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private static RedisCluster shared;

    private final List<RedisServer> nodes;
    private final Map<Integer, RedisServer.Admin> admins = new LinkedHashMap<>();

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    /** The JVM's cluster, started on the first call; thread-safe. */
    static synchronized RedisCluster get() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static RedisCluster start() {
        String cli = RedisServer.findOnPath("redis-cli");
        Path dir;
        try {
            dir = Files.createTempDirectory("redis-cluster-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<RedisServer> nodes = new ArrayList<>();
        for (int i = 0; i < 2 * MASTERS; i++) {
            nodes.add(RedisServer.startClusterNode(dir, NODE_TIMEOUT));
        }
        List<String> create = new ArrayList<>(List.of(cli, "--cluster", "create"));
        nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        run(create, dir.resolve("cluster-create.log"));
        RedisCluster cluster = new RedisCluster(nodes);
        cluster.awaitHealthy(STARTUP);
        return cluster;
    }

    private static void run(List<String> command, Path log) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command + "\n" + Files.readString(log));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("failed: " + command + "\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code redis-cluster://} with every node as a seed, plus {@code ?params} when given. */
    String url(String params) {
        String seeds = nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
        return "redis-cluster://" + seeds + (params == null || params.isEmpty() ? "" : "?" + params);
    }

    List<RedisServer> nodes() {
        return nodes;
    }

    /** A raw connection to one node (kept open, shared; not to be closed by the caller). */
    synchronized RedisServer.Admin admin(RedisServer node) {
        return admins.computeIfAbsent(node.port(), p -> node.admin());
    }

    private synchronized void dropAdmin(RedisServer node) {
        RedisServer.Admin a = admins.remove(node.port());
        if (a != null) {
            a.close();
        }
    }

    /** The nodes that are masters now (they change after a failover). */
    List<RedisServer> masters() {
        List<RedisServer> masters = new ArrayList<>();
        for (RedisServer node : nodes) {
            if (node.alive() && info(node, "replication").contains("role:master")) {
                masters.add(node);
            }
        }
        return masters;
    }

    /** The master serving {@code key}'s slot, as a live node sees the cluster now. */
    RedisServer masterOf(String key) {
        RedisServer any = nodes.stream().filter(RedisServer::alive).findFirst().orElseThrow();
        long slot = admin(any).sync().clusterKeyslot(key);
        for (String line : admin(any).sync().clusterNodes().split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts[2].contains("master") && !parts[2].contains("fail") && servesSlot(parts, slot)) {
                int port = Integer.parseInt(parts[1].substring(parts[1].indexOf(':') + 1, parts[1].indexOf('@')));
                return nodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
            }
        }
        throw new IllegalStateException("no master serves " + key);
    }

    /** Whether a {@code CLUSTER NODES} line's slot ranges (fields 9 on) hold {@code slot}. */
    private static boolean servesSlot(String[] parts, long slot) {
        for (int i = 8; i < parts.length; i++) {
            String range = parts[i];
            if (range.startsWith("[")) {
                continue; // a slot being migrated or imported
            }
            String[] bounds = range.split("-");
            long from = Long.parseLong(bounds[0]);
            long to = bounds.length > 1 ? Long.parseLong(bounds[1]) : from;
            if (slot >= from && slot <= to) {
                return true;
            }
        }
        return false;
    }

    /** The replica of {@code master}, as the master's {@code INFO replication} names it. */
    RedisServer replicaOf(RedisServer master) {
        for (String line : info(master, "replication").split("\r?\n")) {
            if (line.startsWith("slave0:")) {
                for (String part : line.substring("slave0:".length()).split(",")) {
                    if (part.startsWith("port=")) {
                        int port = Integer.parseInt(part.substring("port=".length()));
                        return nodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
                    }
                }
            }
        }
        throw new IllegalStateException("master " + master.port() + " has no replica");
    }

    /**
     * Moves one slot, with its keys, from one master to another (as {@code redis-cli --cluster
     * reshard} does: IMPORTING/MIGRATING, {@code MIGRATE}, then NODE on every master).
     */
    void moveSlot(int slot, RedisServer from, RedisServer to) {
        String fromId = admin(from).sync().clusterMyId();
        String toId = admin(to).sync().clusterMyId();
        admin(to).sync().clusterSetSlotImporting(slot, fromId);
        admin(from).sync().clusterSetSlotMigrating(slot, toId);
        List<String> keys = admin(from).sync().clusterGetKeysInSlot(slot, 1000);
        if (!keys.isEmpty()) {
            admin(from).sync().migrate("127.0.0.1", to.port(), 0, 5000, MigrateArgs.Builder.keys(keys));
        }
        admin(to).sync().clusterSetSlotNode(slot, toId);
        admin(from).sync().clusterSetSlotNode(slot, toId);
        for (RedisServer master : masters()) {
            admin(master).sync().clusterSetSlotNode(slot, toId);
        }
    }

    /** Waits (polling briefly) until the replicas hold as many keys as the masters. */
    void awaitReplicated(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            List<RedisServer> masters = masters();
            long onMasters = masters.stream().mapToLong(m -> admin(m).sync().dbsize()).sum();
            long onReplicas = nodes.stream().filter(n -> n.alive() && !masters.contains(n))
                    .mapToLong(r -> admin(r).sync().dbsize()).sum();
            if (onMasters == onReplicas) {
                return;
            }
            RedisServer.sleep(20);
        }
        throw new IllegalStateException("replicas did not catch up within " + max);
    }

    String info(RedisServer node, String section) {
        return admin(node).sync().info(section);
    }

    /** {@code FLUSHALL} on every master (replicas follow). */
    void flushAll() {
        for (RedisServer master : masters()) {
            admin(master).sync().flushall();
        }
    }

    /** Kills a node with SIGKILL (as {@code kill -9}). */
    void kill(RedisServer node) {
        dropAdmin(node);
        node.stop();
    }

    /** Restarts every dead node (it rejoins as a replica) and waits until the cluster is healthy again. */
    void restore() {
        for (RedisServer node : nodes) {
            if (!node.alive()) {
                node.restart();
            }
        }
        awaitHealthy(STARTUP);
    }

    /**
     * Waits until every node says {@code cluster_state:ok}, no node sees another as failing or
     * still joining, there are {@link #MASTERS} masters and each replica's link to its master is up.
     */
    void awaitHealthy(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = healthProblem();
            if (last == null) {
                return;
            }
            RedisServer.sleep(50);
        }
        throw new IllegalStateException("cluster not healthy within " + max + ": " + last);
    }

    private String healthProblem() {
        int masters = 0;
        for (RedisServer node : nodes) {
            try {
                String state = admin(node).sync().clusterInfo();
                if (!state.contains("cluster_state:ok")) {
                    return node.port() + " not ok";
                }
                String view = admin(node).sync().clusterNodes();
                if (view.contains("fail") || view.contains("handshake") || view.contains("noaddr")
                        || view.trim().split("\n").length != nodes.size()) {
                    return node.port() + " sees " + view;
                }
                String replication = info(node, "replication");
                if (replication.contains("role:master")) {
                    masters++;
                } else if (!replication.contains("master_link_status:up")) {
                    return node.port() + " replica link down";
                }
            } catch (RuntimeException e) {
                dropAdmin(node);
                return node.port() + ": " + e;
            }
        }
        return masters == MASTERS ? null : masters + " masters";
    }
}
