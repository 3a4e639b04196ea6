package io.cachetory.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.backend.Backend;
import io.cachetory.backend.Backends;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batches over keys on every master take one command per node, counted on the nodes themselves
 * ({@code INFO commandstats}): one {@code EVAL} per node, its per-key work done inside the server.
 */
class RedisClusterRoundTripTest {
    private static final int KEYS = 100;
    private static RedisCluster cluster;
    private final Map<String, byte[]> items = new LinkedHashMap<>();

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.get();
    }

    @BeforeEach
    void emptyCluster() {
        cluster.flushAll();
        for (int i = 0; i < KEYS; i++) {
            items.put("rt:" + i, ("value-" + i).getBytes(UTF_8));
        }
    }

    /** How many of the keys each master serves; every master serves some. */
    private Map<RedisServer, Integer> keysPerMaster(List<RedisServer> nodes) {
        Map<RedisServer, Integer> perMaster = new HashMap<>();
        for (String key : items.keySet()) {
            perMaster.merge(cluster.masterOf(key), 1, Integer::sum);
        }
        assertThat(perMaster.keySet()).containsExactlyInAnyOrderElementsOf(nodes);
        return perMaster;
    }

    private Map<RedisServer, Long> calls(List<RedisServer> nodes, String command) {
        Map<RedisServer, Long> calls = new HashMap<>();
        nodes.forEach(n -> calls.put(n, cluster.admin(n).calls(command)));
        return calls;
    }

    private static Map<RedisServer, Long> delta(Map<RedisServer, Long> before, Map<RedisServer, Long> after) {
        Map<RedisServer, Long> d = new HashMap<>();
        after.forEach((n, v) -> d.put(n, v - before.get(n)));
        return d;
    }

    private static Map<RedisServer, Long> each(List<RedisServer> nodes, long value) {
        Map<RedisServer, Long> m = new HashMap<>();
        nodes.forEach(n -> m.put(n, value));
        return m;
    }

    private static Map<RedisServer, Long> asLongs(Map<RedisServer, Integer> m) {
        Map<RedisServer, Long> out = new HashMap<>();
        m.forEach((n, v) -> out.put(n, (long) v));
        return out;
    }

    @Test
    void setManyOverEveryMasterIsOneEvalPerMaster() {
        List<RedisServer> masters = cluster.masters();
        Map<RedisServer, Integer> perMaster = keysPerMaster(masters);
        try (Backend<byte[]> backend = Backends.fromUrl(cluster.url("timeout=5s"))) {
            backend.get("warm-up");
            Map<RedisServer, Long> evals = calls(masters, "eval");
            Map<RedisServer, Long> sets = calls(masters, "set");

            backend.setMany(items, Duration.ofMinutes(1));

            assertThat(delta(evals, calls(masters, "eval"))).isEqualTo(each(masters, 1));
            assertThat(delta(sets, calls(masters, "set"))).isEqualTo(asLongs(perMaster));
            assertThat(backend.get("rt:7")).isEqualTo(items.get("rt:7"));
        }
    }

    @Test
    void getManyOverEveryMasterIsOneEvalPerMasterAndNoMget() {
        List<RedisServer> masters = cluster.masters();
        Map<RedisServer, Integer> perMaster = keysPerMaster(masters);
        try (Backend<byte[]> backend = Backends.fromUrl(cluster.url("timeout=5s"))) {
            backend.setMany(items, null);
            Map<RedisServer, Long> evals = calls(masters, "eval");
            Map<RedisServer, Long> gets = calls(masters, "get");
            Map<RedisServer, Long> mgets = calls(masters, "mget");
            List<String> keys = new ArrayList<>(items.keySet());
            keys.add("rt:missing");

            Map<String, byte[]> found = backend.getMany(keys);

            assertThat(found).hasSize(KEYS);
            assertThat(new ArrayList<>(found.keySet())).isEqualTo(new ArrayList<>(items.keySet()));
            found.forEach((k, v) -> assertThat(v).isEqualTo(items.get(k)));
            assertThat(delta(evals, calls(masters, "eval"))).isEqualTo(each(masters, 1));
            assertThat(delta(mgets, calls(masters, "mget"))).isEqualTo(each(masters, 0));
            Map<RedisServer, Long> expectedGets = asLongs(perMaster);
            expectedGets.merge(cluster.masterOf("rt:missing"), 1L, Long::sum);
            assertThat(delta(gets, calls(masters, "get"))).isEqualTo(expectedGets);
        }
    }

    @Test
    void deleteManyOverEveryMasterIsOneEvalPerMaster() {
        List<RedisServer> masters = cluster.masters();
        Map<RedisServer, Integer> perMaster = keysPerMaster(masters);
        try (Backend<byte[]> backend = Backends.fromUrl(cluster.url("timeout=5s"))) {
            backend.setMany(items, null);
            Map<RedisServer, Long> evals = calls(masters, "eval");
            Map<RedisServer, Long> unlinks = calls(masters, "unlink");

            backend.deleteMany(items.keySet());

            assertThat(delta(evals, calls(masters, "eval"))).isEqualTo(each(masters, 1));
            assertThat(delta(unlinks, calls(masters, "unlink"))).isEqualTo(asLongs(perMaster));
            assertThat(backend.getMany(items.keySet())).isEmpty();
        }
    }

    @Test
    void getManyWithReadFromReplicaIsOneEvalPerReplicaAndNoneOnMasters() {
        List<RedisServer> masters = cluster.masters();
        List<RedisServer> replicas = new ArrayList<>(cluster.nodes());
        replicas.removeAll(masters);
        try (Backend<byte[]> writer = Backends.fromUrl(cluster.url("timeout=5s"));
                Backend<byte[]> reader = Backends.fromUrl(cluster.url("timeout=5s&read-from=replica"))) {
            writer.setMany(items, null);
            cluster.awaitReplicated(Duration.ofSeconds(5));
            Map<RedisServer, Long> masterEvals = calls(masters, "eval");
            Map<RedisServer, Long> replicaEvals = calls(replicas, "eval");

            Map<String, byte[]> found = reader.getMany(items.keySet());

            assertThat(found).hasSize(KEYS);
            assertThat(delta(replicaEvals, calls(replicas, "eval"))).isEqualTo(each(replicas, 1));
            assertThat(delta(masterEvals, calls(masters, "eval"))).isEqualTo(each(masters, 0));
        }
    }
}
