package io.cachetory.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.BackendException;
import io.cachetory.Cache;
import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;
import io.lettuce.core.KillArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The near cache over a real Redis Cluster (3 masters + 3 replicas), against other real clients
 * (raw connections to the node that serves each key): near hits send nothing to the key's node,
 * other clients' writes, deletes and expiry changes on keys of every master stop being served
 * within 100 ms (measured), and a killed node connection empties the layer until tracking is back.
 */
class NearClusterTest {
    private static final Serializer<Object, byte[]> KRYO = Serializers.fromUrl("kryo://");
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Keys per master in each staleness measurement. */
    private static final int KEYS_PER_MASTER = 4;

    private static RedisCluster cluster;
    private RedisBackend backend;
    private Cache<Object> cache;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.get();
        cluster.awaitHealthy(Duration.ofSeconds(30));
    }

    @BeforeEach
    void setUp() {
        cluster.flushAll();
        backend = RedisBackend.fromUrl(cluster.url("near=1000&timeout=500ms"));
        cache = Cache.of(KRYO, backend);
        awaitArmed(backend);
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    /** The first call connects; the layer serves once every node connection in use confirmed tracking. */
    static void awaitArmed(RedisBackend backend) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!backend.near().armed()) {
            try {
                backend.get("warm-up");
            } catch (BackendException e) {
                // a node may be on its way back
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("near cache not armed within " + WAIT);
            }
            RedisServer.sleep(5);
        }
    }

    private static byte[] bytes(Object value) {
        return KRYO.serialize(value);
    }

    /** {@code KEYS_PER_MASTER} keys with {@code prefix} on each master, grouped by the master serving them. */
    private static Map<RedisServer, List<String>> keysOnEveryMaster(String prefix) {
        List<RedisServer> masters = cluster.masters();
        Map<RedisServer, List<String>> keys = new LinkedHashMap<>();
        masters.forEach(m -> keys.put(m, new ArrayList<>()));
        for (int i = 0; keys.values().stream().anyMatch(l -> l.size() < KEYS_PER_MASTER); i++) {
            String key = prefix + ":" + i;
            List<String> onMaster = keys.get(cluster.masterOf(key));
            if (onMaster.size() < KEYS_PER_MASTER) {
                onMaster.add(key);
            }
        }
        assertThat(keys).hasSize(RedisCluster.MASTERS);
        return keys;
    }

    /**
     * Polls the cache until it stops answering with {@code old} (the very instance). @return how long
     * after the call the old value was last served, in ms (0 when never).
     */
    private double msUntilNotServed(String key, Object old) {
        long start = System.nanoTime();
        long lastServedOld = start;
        long deadline = start + WAIT.toNanos();
        while (true) {
            Object v;
            try {
                v = cache.get(key);
            } catch (BackendException e) {
                v = null;
            }
            long now = System.nanoTime();
            if (v != old) {
                return (lastServedOld - start) / 1e6;
            }
            lastServedOld = now;
            if (now > deadline) {
                throw new AssertionError("still served the old value after " + WAIT);
            }
            NearCacheTest.pause();
        }
    }

    /**
     * For keys on every master: each is kept near (by this JVM's write, or by a read of another
     * client's write), then another client changes it on its master; measures until this JVM stops
     * answering with the kept instance, counted from the change's reply.
     */
    private void assertStalenessBounded(String what, boolean keptByRead, BiConsumer<RedisServer, String> otherClientChanges) {
        List<Double> ms = new ArrayList<>();
        for (Map.Entry<RedisServer, List<String>> onMaster : keysOnEveryMaster(what).entrySet()) {
            RedisServer master = onMaster.getKey();
            for (String key : onMaster.getValue()) {
                if (keptByRead) {
                    cluster.admin(master).sync().psetex(key, 60_000, bytes("theirs:" + key));
                    assertThat(cache.get(key)).isEqualTo("theirs:" + key);
                } else {
                    cache.set(key, "mine:" + key, Duration.ofMinutes(1));
                }
                Object kept = backend.getNear(key);
                assertThat(kept).as("kept near before the change: " + key).isNotNull();
                assertThat(cache.get(key)).isSameAs(kept);
                otherClientChanges.accept(master, key);
                ms.add(msUntilNotServed(key, kept));
            }
        }
        Collections.sort(ms);
        double p50 = ms.get(ms.size() / 2);
        double max = ms.get(ms.size() - 1);
        System.out.printf("near (redis-cluster) staleness after %s by another client: p50 %.3f ms, max %.3f ms (%d keys on %d masters)%n",
                what, p50, max, ms.size(), RedisCluster.MASTERS);
        assertThat(max).as(what + ": staleness in ms").isLessThanOrEqualTo(NearCacheTest.STALENESS_BOUND_MS);
    }

    @Test
    void nearHitSendsNoCommandToTheNodeServingTheKey() {
        cache.set("hit", List.of("a", 1));
        Object first = cache.get("hit");
        RedisServer.Admin owner = cluster.admin(cluster.masterOf("hit"));
        long gets = owner.calls("get");
        long pttls = owner.calls("pttl");
        long evals = owner.calls("eval");
        long before = owner.stat("stats", "total_commands_processed");
        for (int i = 0; i < 1000; i++) {
            assertThat(cache.get("hit")).isSameAs(first);
        }
        long after = owner.stat("stats", "total_commands_processed");
        System.out.printf("near (redis-cluster): 1000 near hits; the key's master processed %d commands meanwhile (the INFO included)%n",
                after - before);
        assertThat(owner.calls("get") - gets).isZero();
        assertThat(owner.calls("pttl") - pttls).isZero();
        assertThat(owner.calls("eval") - evals).isZero();
        // the INFO itself, plus at most a topology refresh's few commands from the client's own refresh
        assertThat(after - before).isLessThanOrEqualTo(4);
    }

    @Test
    void overwriteOfValuesKeptByThisJvmsWritesOnEveryMaster() {
        assertStalenessBounded("overwrite-after-write", false, (master, key) -> cluster.admin(master).sync().set(key, bytes("new")));
    }

    @Test
    void overwriteOfValuesKeptByReadsOnEveryMaster() {
        assertStalenessBounded("overwrite-after-read", true, (master, key) -> cluster.admin(master).sync().set(key, bytes("new")));
    }

    @Test
    void deleteByAnotherClientOnEveryMaster() {
        assertStalenessBounded("delete", false, (master, key) -> cluster.admin(master).sync().del(key));
    }

    @Test
    void expiryChangeByAnotherClientOnEveryMaster() {
        assertStalenessBounded("pexpire", true, (master, key) -> cluster.admin(master).sync().pexpire(key, 5_000));
    }

    @Test
    void thisJvmsWritesAndClearsAreSeenAtOnce() {
        Map<RedisServer, List<String>> keys = keysOnEveryMaster("own");
        List<String> all = keys.values().stream().flatMap(List::stream).toList();
        for (String key : all) {
            cache.set(key, "v:" + key);
        }
        String a = all.get(0);
        cache.delete(a);
        assertThat(backend.getNear(a)).isNull();
        assertThat(cache.get(a)).isNull();
        String b = all.get(1);
        cache.expireIn(b, Duration.ofMillis(1));
        assertThat(backend.getNear(b)).isNull();
        String c = all.get(2);
        backend.deleteMany(List.of(c));
        assertThat(backend.getNear(c)).isNull();
        String d = all.get(KEYS_PER_MASTER);
        backend.setMany(Map.of(d, bytes("many")), null);
        assertThat(backend.getNear(d)).isNull();
        assertThat(cache.get(d)).isEqualTo("many");
        String e = all.get(all.size() - 1);
        assertThat(backend.getNear(e)).isNotNull();
        cache.clear();
        assertThat(backend.getNear(e)).isNull();
        assertThat(cache.get(e)).isNull();
    }

    @Test
    void clientKillOnOneMasterEmptiesTheWholeLayerAndAChangeMadeMeanwhileIsNeverMissed() {
        Map<RedisServer, List<String>> keys = keysOnEveryMaster("kill");
        List<RedisServer> masters = new ArrayList<>(keys.keySet());
        RedisServer victim = masters.get(0);
        String onVictim = keys.get(victim).get(0);
        String elsewhere = keys.get(masters.get(1)).get(0);
        cache.set(onVictim, "v1");
        cache.set(elsewhere, "other");
        Object v1 = backend.getNear(onVictim);
        assertThat(v1).isEqualTo("v1");
        assertThat(backend.getNear(elsewhere)).isEqualTo("other");

        cluster.admin(victim).sync().clientKill(KillArgs.Builder.typeNormal().skipme());
        long killed = System.nanoTime();
        while (backend.getNear(elsewhere) != null || backend.getNear(onVictim) != null) {
            assertThat((System.nanoTime() - killed) / 1e6).as("layer emptied after the kill (ms)").isLessThanOrEqualTo(NearCacheTest.STALENESS_BOUND_MS);
            NearCacheTest.pause();
        }
        System.out.printf("near (redis-cluster): layer emptied %.3f ms after CLIENT KILL on one master%n", (System.nanoTime() - killed) / 1e6);
        cluster.admin(victim).sync().set(onVictim, bytes("v2"));
        long changed = System.nanoTime();
        long end = changed + TimeUnit.MILLISECONDS.toNanos(300);
        while (System.nanoTime() < end) {
            Object v;
            try {
                v = cache.get(onVictim);
            } catch (BackendException e) {
                v = null;
            }
            assertThat(v).as("the old value after the change").isNotSameAs(v1);
            NearCacheTest.pause();
        }
        awaitArmed(backend);
        assertThat(cache.get(onVictim)).isEqualTo("v2");
        assertThat(backend.getNear(onVictim)).as("kept near again once tracking is back").isEqualTo("v2");
        cluster.admin(victim).sync().set(onVictim, bytes("v3"));
        assertThat(msUntilNotServed(onVictim, backend.getNear(onVictim))).as("tracking re-armed on the reconnected node")
                .isLessThanOrEqualTo(NearCacheTest.STALENESS_BOUND_MS);
        assertThat(cache.get(onVictim)).isEqualTo("v3");
    }

    @Test
    void replicaReadsAreTrackedOnTheReplicas() {
        try (RedisBackend replicaReads = RedisBackend.fromUrl(cluster.url("near=100&read-from=replica&timeout=500ms"));
                Cache<Object> c = Cache.of(KRYO, replicaReads)) {
            awaitArmed(replicaReads);
            List<Double> ms = new ArrayList<>();
            for (Map.Entry<RedisServer, List<String>> onMaster : keysOnEveryMaster("replica").entrySet()) {
                RedisServer.Admin master = cluster.admin(onMaster.getKey());
                RedisServer.Admin replica = cluster.admin(cluster.replicaOf(onMaster.getKey()));
                String key = onMaster.getValue().get(0);
                long replicaGets = replica.calls("get");
                master.sync().set(key, bytes("old"));
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!"old".equals(c.get(key))) {
                    assertThat(System.nanoTime()).as("replicated").isLessThan(deadline);
                    RedisServer.sleep(2);
                }
                assertThat(replica.calls("get")).as("read from the replica").isGreaterThan(replicaGets);
                Object kept = replicaReads.getNear(key);
                assertThat(kept).isEqualTo("old");
                master.sync().set(key, bytes("new"));
                long start = System.nanoTime();
                while (c.get(key) == kept) {
                    NearCacheTest.pause();
                }
                ms.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(ms);
            System.out.printf("near (redis-cluster, read-from=replica): old value served until %.3f ms (max) after the master acknowledged a write%n",
                    ms.get(ms.size() - 1));
            // a replica applies the write a little after its master: its invalidation follows that
            assertThat(ms.get(ms.size() - 1)).isLessThanOrEqualTo(NearCacheTest.STALENESS_BOUND_MS);
        }
    }

    @Test
    void aKilledMasterEmptiesTheLayerAtOnceAndNearCachingResumesAfterThePromotion() {
        Map<RedisServer, List<String>> keys = keysOnEveryMaster("failover");
        List<RedisServer> masters = new ArrayList<>(keys.keySet());
        RedisServer victim = masters.get(0);
        RedisServer heir = cluster.replicaOf(victim);
        String onVictim = keys.get(victim).get(0);
        String elsewhere = keys.get(masters.get(1)).get(0);
        cache.set(onVictim, "v1");
        cache.set(elsewhere, "other");
        Object v1 = backend.getNear(onVictim);
        assertThat(v1).isEqualTo("v1");
        try {
            cluster.kill(victim);
            long killed = System.nanoTime();
            while (backend.getNear(elsewhere) != null || backend.getNear(onVictim) != null) {
                assertThat((System.nanoTime() - killed) / 1e6).as("layer emptied after the kill (ms)")
                        .isLessThanOrEqualTo(NearCacheTest.STALENESS_BOUND_MS);
                NearCacheTest.pause();
            }
            double emptiedMs = (System.nanoTime() - killed) / 1e6;
            long promoted = awaitMaster(heir, Duration.ofSeconds(20));
            cluster.admin(heir).sync().set(onVictim, bytes("v2"));
            long deadline = promoted + TimeUnit.SECONDS.toNanos(5);
            Object seen;
            while (true) {
                try {
                    seen = cache.get(onVictim);
                } catch (BackendException e) {
                    seen = null;
                }
                assertThat(seen).as("the old value after the promotion").isNotSameAs(v1);
                if ("v2".equals(seen) && backend.getNear(onVictim) != null) {
                    break;
                }
                assertThat(System.nanoTime()).as("kept near again within 5 s of the promotion").isLessThan(deadline);
                RedisServer.sleep(5);
            }
            double resumedMs = (System.nanoTime() - promoted) / 1e6;
            System.out.printf("near (redis-cluster): master killed; layer emptied after %.3f ms; near caching back %.0f ms after the promotion%n",
                    emptiedMs, resumedMs);
            cluster.admin(heir).sync().set(onVictim, bytes("v3"));
            assertThat(msUntilNotServed(onVictim, backend.getNear(onVictim))).as("tracked on the promoted node")
                    .isLessThanOrEqualTo(NearCacheTest.STALENESS_BOUND_MS);
            assertThat(cache.get(onVictim)).isEqualTo("v3");
        } finally {
            cluster.restore();
        }
    }

    /** @return when {@code node} first reports itself a master */
    private static long awaitMaster(RedisServer node, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (cluster.info(node, "replication").contains("role:master")) {
                return System.nanoTime();
            }
            RedisServer.sleep(20);
        }
        throw new AssertionError("replica " + node.port() + " not promoted within " + max);
    }
}
