package io.cachetory.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.backend.Backend;
import io.cachetory.backend.Backends;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A slot moved to another master under a backend that still holds the old topology: the batch's
 * script is refused by the old node, that part falls back to Lettuce's per-slot commands (which
 * follow {@code MOVED}), and every answer is right.
 */
class RedisClusterSlotMoveTest {
    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.get();
    }

    private static Map<String, byte[]> items(String version) {
        Map<String, byte[]> items = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            items.put("mv:" + i, (version + i).getBytes(UTF_8));
        }
        return items;
    }

    private static long mgets() {
        return cluster.masters().stream().mapToLong(m -> cluster.admin(m).calls("mget")).sum();
    }

    @Test
    void batchesOnAStaleTopologyFallBackToRedirectsAndAnswerRight() {
        cluster.flushAll();
        try (Backend<byte[]> backend = Backends.fromUrl(cluster.url("timeout=5s"))) {
            Map<String, byte[]> first = items("a");
            backend.setMany(first, null); // reads the topology
            String movedKey = "mv:0";
            int slot = cluster.admin(cluster.masters().get(0)).sync().clusterKeyslot(movedKey).intValue();
            RedisServer from = cluster.masterOf(movedKey);
            RedisServer to = cluster.masters().stream().filter(m -> !m.equals(from)).findFirst().orElseThrow();
            cluster.moveSlot(slot, from, to);
            try {
                long mgetsOnTarget = cluster.admin(to).calls("mget");

                Map<String, byte[]> found = backend.getMany(first.keySet());

                assertThat(found.keySet()).containsExactlyElementsOf(first.keySet());
                found.forEach((k, v) -> assertThat(v).as(k).isEqualTo(first.get(k)));
                assertThat(cluster.admin(to).calls("mget")).as("the fallback's MGET, redirected to the new owner")
                        .isGreaterThan(mgetsOnTarget);

                Map<String, byte[]> second = items("b");
                backend.setMany(second, Duration.ofMinutes(1));
                backend.getMany(second.keySet()).forEach((k, v) -> assertThat(v).as(k).isEqualTo(second.get(k)));
                assertThat(cluster.admin(to).sync().get(movedKey)).isEqualTo(second.get(movedKey));

                backend.deleteMany(second.keySet());
                assertThat(backend.getMany(second.keySet())).isEmpty();

                // The redirects made the client refresh its topology: batches go back to one script
                // per node, the moved slot's included, with no fallback command.
                backend.setMany(first, Duration.ofMinutes(1));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                boolean scriptsOnly = false;
                while (!scriptsOnly && System.nanoTime() < deadline) {
                    long mgets = mgets();
                    long evalsOnTarget = cluster.admin(to).calls("eval");
                    Map<String, byte[]> again = backend.getMany(first.keySet());
                    again.forEach((k, v) -> assertThat(v).as(k).isEqualTo(first.get(k)));
                    scriptsOnly = again.size() == first.size() && mgets() == mgets
                            && cluster.admin(to).calls("eval") == evalsOnTarget + 1;
                    if (!scriptsOnly) {
                        RedisServer.sleep(50);
                    }
                }
                assertThat(scriptsOnly).as("one script per node and no fallback after the topology refresh").isTrue();
            } finally {
                cluster.moveSlot(slot, to, from);
            }
        }
    }
}
