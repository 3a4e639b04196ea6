package io.cachetory.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A throw-away Redis Cluster of three masters (no replicas: the benchmarks read from masters) on
 * free loopback ports, from the {@code redis-server} and {@code redis-cli} on PATH.
 */
final class RedisClusterServers implements AutoCloseable {
    private final List<RedisServer> nodes;

    private RedisClusterServers(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    static RedisClusterServers start(int masters) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("cachetory-bench-cluster");
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masters; i++) {
                nodes.add(RedisServer.start(List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", dir.resolve("nodes-" + i + ".conf").toString(), "--dir", dir.toString())));
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            nodes.forEach(n -> create.add("127.0.0.1:" + n.port));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Path log = dir.resolve("create.log");
            Process p = new ProcessBuilder(create).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: " + Files.readString(log));
            }
            RedisClusterServers cluster = new RedisClusterServers(nodes);
            cluster.awaitOk();
            return cluster;
        } catch (IOException | RuntimeException | InterruptedException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    private void awaitOk() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (RedisServer node : nodes) {
            while (true) {
                Process p = new ProcessBuilder("redis-cli", "-p", Integer.toString(node.port), "cluster", "info")
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                p.waitFor();
                if (out.contains("cluster_state:ok")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cluster not ok on port " + node.port + ": " + out);
                }
                Thread.sleep(50);
            }
        }
    }

    /** {@code redis-cluster://} naming every node as a seed */
    String url() {
        return "redis-cluster://" + nodes.stream().map(n -> "127.0.0.1:" + n.port).collect(Collectors.joining(","));
    }

    /** Lettuce's own form of the seeds: {@code redis://127.0.0.1:PORT} */
    List<String> seeds() {
        return nodes.stream().map(n -> "redis://127.0.0.1:" + n.port).toList();
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
