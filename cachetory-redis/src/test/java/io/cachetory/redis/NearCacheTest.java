package io.cachetory.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.AsyncCache;
import io.cachetory.BackendException;
import io.cachetory.Cache;
import io.cachetory.config.CacheDefinition;
import io.cachetory.config.CacheFaces;
import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The near cache over a real Redis, against a second real client (a raw Lettuce connection):
 * near hits send nothing, this JVM reads its own writes, other clients' changes stop being served
 * within 100 ms (measured), and a lost invalidation stream never lets an old value through.
 */
class NearCacheTest {
    static final long STALENESS_BOUND_MS = 100;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private RedisServer server;
    private RedisServer.Admin admin;
    private RedisBackend backend;
    private Cache<Object> cache;

    @BeforeEach
    void setUp() {
        server = RedisServer.start();
        admin = server.admin();
        backend = RedisBackend.fromUrl(server.url() + "?near=1000&timeout=300ms");
        cache = Cache.of(Serializers.fromUrl("kryo://"), backend);
        awaitArmed(backend.near(), backend);
    }

    @AfterEach
    void tearDown() {
        cache.close();
        admin.close();
        server.close();
    }

    /** Until the cache's near layer serves: its own write read back as the same instance. */
    private static void awaitServingNear(Cache<Object> cache) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Object probe = new Object[0];
            cache.set("warm-up", probe);
            if (cache.get("warm-up") == probe) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("near cache not serving within " + WAIT);
            }
            RedisServer.sleep(5);
        }
    }

    /** The first call connects; tracking is armed once the server confirmed it. */
    static void awaitArmed(NearLayer near, RedisBackend backend) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!near.armed()) {
            try {
                backend.get("warm-up");
            } catch (BackendException e) {
                // the server may be on its way back
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("near cache not armed within " + WAIT);
            }
            RedisServer.sleep(5);
        }
    }

    @Test
    void aRefusedClientTrackingIsAskedAgainAndTheLayerArmsOnceItIsAllowed() {
        admin.sync().aclSetuser("tracker", AclSetuserArgs.Builder.on().addPassword("pw")
                .allKeys().allChannels().allCommands().removeCommand(CommandType.CLIENT));
        String url = "redis://tracker:pw@" + server.url().substring("redis://".length()) + "?near=100&timeout=2s";
        try (RedisBackend limited = RedisBackend.fromUrl(url)) {
            limited.set("k", new byte[] {1}, null, false); // connected, its CLIENT TRACKING refused
            RedisServer.sleep(200);
            assertThat(limited.near().armed()).as("armed without tracking").isFalse();

            admin.sync().aclSetuser("tracker", AclSetuserArgs.Builder.addCommand(CommandType.CLIENT));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!limited.near().armed() && System.nanoTime() < deadline) {
                RedisServer.sleep(20);
            }
            assertThat(limited.near().armed()).as("armed after the retry, on the same connection").isTrue();
        }
    }

    @Test
    void theTwoFacesOfAConfiguredNearCacheReadEachOthersWritesAtOnce() {
        CacheFaces faces = new CacheDefinition("near-faces", server.url() + "?near=100&timeout=2s", null, "").open();
        try {
            awaitServingNear(faces.cache());
            Object written = new ArrayList<>(List.of("a", 1));
            faces.cache().set("k", written);
            // the same decoded instance: one near layer behind both faces, no round trip in between
            assertThat(faces.async().get("k").join()).isSameAs(written);
            Object asyncWritten = new ArrayList<>(List.of("b", 2));
            faces.async().set("k", asyncWritten).join();
            assertThat(faces.cache().get("k")).isSameAs(asyncWritten);
        } finally {
            faces.cache().close();
            faces.async().close();
        }
    }

    @Test
    void nearHitSendsNoCommandAndSharesTheDecodedInstance() {
        cache.set("k", List.of("a", 1));
        Object first = cache.get("k");
        long before = admin.stat("stats", "total_commands_processed");
        for (int i = 0; i < 1000; i++) {
            assertThat(cache.get("k")).isSameAs(first);
        }
        long after = admin.stat("stats", "total_commands_processed");
        // the only command in between is the first INFO itself
        assertThat(after - before).isEqualTo(1);
    }

    @Test
    void aValueReadFromRedisIsKeptNear() {
        admin.sync().set("r", Serializers.<Object, byte[]>fromUrl("kryo://").serialize("remote"));
        Object first = cache.get("r");
        assertThat(first).isEqualTo("remote");
        long before = admin.stat("stats", "total_commands_processed");
        assertThat(cache.get("r")).isSameAs(first);
        assertThat(admin.stat("stats", "total_commands_processed") - before).isEqualTo(1);
    }

    private static final Serializer<Object, byte[]> KRYO = Serializers.fromUrl("kryo://");

    /** Between polls: 0.1 ms off the CPU, so a busy 2-core machine still runs the I/O thread that delivers invalidations. */
    static void pause() {
        java.util.concurrent.locks.LockSupport.parkNanos(100_000);
    }
    private static final int ROUNDS = 20;

    private static byte[] bytes(Object value) {
        return KRYO.serialize(value);
    }

    /**
     * Polls the cache until it stops answering with {@code old} (the very instance). @return how long
     * after the call the old value was last served, in ms (0 when never): the time of the remote read
     * that follows the invalidation is not staleness, so it is not counted.
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
            pause();
        }
    }

    /**
     * Each round: the key is kept near (by {@code keep}), then another client changes it; the time
     * until this JVM stops answering with the kept instance is measured from the change's reply.
     */
    private void assertStalenessBounded(String what, Consumer<String> keep, Consumer<String> otherClientChanges) {
        List<Double> ms = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String key = what + ":" + round;
            keep.accept(key);
            Object kept = backend.getNear(key);
            assertThat(kept).as("kept near before the change").isNotNull();
            assertThat(cache.get(key)).isSameAs(kept);
            otherClientChanges.accept(key);
            ms.add(msUntilNotServed(key, kept));
        }
        Collections.sort(ms);
        double p50 = ms.get(ms.size() / 2);
        double max = ms.get(ms.size() - 1);
        System.out.printf("near staleness after %s by another client: p50 %.3f ms, max %.3f ms (%d rounds)%n", what, p50, max, ROUNDS);
        assertThat(max).as(what + ": staleness in ms").isLessThanOrEqualTo(STALENESS_BOUND_MS);
    }

    private void keptByWrite(String key) {
        cache.set(key, "mine:" + key, Duration.ofMinutes(1));
    }

    private void keptByRead(String key) {
        admin.sync().psetex(key, 60_000, bytes("theirs:" + key));
        assertThat(cache.get(key)).isEqualTo("theirs:" + key);
    }

    @Test
    void overwriteOfAValueKeptByThisJvmsWriteStopsBeingServedWithin100ms() {
        assertStalenessBounded("overwrite-after-write", this::keptByWrite, key -> admin.sync().set(key, bytes("new")));
        assertThat(cache.get("overwrite-after-write:0")).isEqualTo("new");
    }

    @Test
    void overwriteOfAValueKeptByARead() {
        assertStalenessBounded("overwrite-after-read", this::keptByRead, key -> admin.sync().set(key, bytes("new")));
        assertThat(cache.get("overwrite-after-read:0")).isEqualTo("new");
    }

    @Test
    void deleteByAnotherClient() {
        assertStalenessBounded("delete", this::keptByWrite, key -> admin.sync().del(key));
        assertThat(cache.get("delete:0")).isNull();
    }

    @Test
    void expiryChangeByAnotherClient() {
        assertStalenessBounded("pexpire", this::keptByRead, key -> admin.sync().pexpire(key, 5_000));
        assertThat(admin.sync().pttl("pexpire:0")).isPositive();
    }

    @Test
    void flushdbByAnotherClient() {
        assertStalenessBounded("flushdb", this::keptByWrite, key -> admin.sync().flushdb());
        assertThat(cache.get("flushdb:0")).isNull();
    }

    @Test
    void thisJvmsDeleteExpireInAndClearAreSeenAtOnce() {
        cache.set("a", "1");
        assertThat(cache.get("a")).isEqualTo("1");
        cache.delete("a");
        assertThat(backend.getNear("a")).isNull();
        assertThat(cache.get("a")).isNull();

        cache.set("b", "2");
        cache.expireIn("b", Duration.ofMillis(1));
        assertThat(backend.getNear("b")).isNull();

        cache.set("c", "3");
        cache.set("c", "4");
        assertThat(cache.get("c")).isEqualTo("4");
        cache.clear();
        assertThat(backend.getNear("c")).isNull();
        assertThat(cache.get("c")).isNull();
    }

    @Test
    void setIfNotExistsThatIsNotStoredKeepsNothingNear() {
        admin.sync().set("nx", bytes("theirs"));
        assertThat(cache.set("nx", "mine", null, true)).isFalse();
        assertThat(backend.getNear("nx")).isNull();
        assertThat(cache.get("nx")).isEqualTo("theirs");
    }

    @Test
    void anEntryDiesWithItsRedisTtl() {
        cache.set("short", "v", Duration.ofMillis(150));
        long acknowledged = System.nanoTime();
        assertThat(backend.getNear("short")).isEqualTo("v");
        // the near deadline counts from before the SET was sent, so it has passed 150 ms after the
        // reply at the latest (and the server's ttl, counted from its execution, later still)
        while (System.nanoTime() - acknowledged < TimeUnit.MILLISECONDS.toNanos(150)) {
            pause();
        }
        assertThat(backend.getNear("short")).isNull();
    }

    @Test
    void getManyAnswersNearHitsAndReadsTheRestFromRedis() {
        cache.set("m", "mine");
        admin.sync().set("x", bytes("theirs"));
        long before = admin.stat("stats", "total_commands_processed");
        assertThat(cache.getMany("m", "x", "absent")).containsExactly(Map.entry("m", "mine"), Map.entry("x", "theirs"));
        // the INFO, and one MGET for the two keys not kept near
        assertThat(admin.stat("stats", "total_commands_processed") - before).isEqualTo(2);
        assertThat(admin.calls("mget")).isEqualTo(1);
    }

    @Test
    void clientKillEmptiesTheNearCacheAndAChangeMadeMeanwhileIsNeverMissed() {
        cache.set("k", "v1");
        Object v1 = backend.getNear("k");
        assertThat(v1).isEqualTo("v1");
        admin.sync().clientKill(io.lettuce.core.KillArgs.Builder.typeNormal().skipme());
        admin.sync().set("k", bytes("v2"));
        long changed = System.nanoTime();
        assertNeverServedAfter("k", v1, changed, STALENESS_BOUND_MS);
        awaitArmed(backend.near(), backend);
        assertThat(cache.get("k")).isEqualTo("v2");
        assertThat(backend.getNear("k")).as("kept near again once tracking is back").isEqualTo("v2");
        admin.sync().set("k", bytes("v3"));
        assertThat(msUntilNotServed("k", backend.getNear("k"))).isLessThanOrEqualTo(STALENESS_BOUND_MS);
        assertThat(cache.get("k")).isEqualTo("v3");
    }

    @Test
    void serverRestartEmptiesTheNearCacheAtOnceAndTrackingIsReArmed() {
        cache.set("k", "v1");
        Object v1 = backend.getNear("k");
        assertThat(v1).isEqualTo("v1");
        server.stop();
        long stopped = System.nanoTime();
        assertNeverServedAfter("k", v1, stopped, STALENESS_BOUND_MS);
        server.restart();
        setEventually("k", bytes("v2"));
        assertNeverServedAfter("k", v1, System.nanoTime(), 0);
        awaitArmed(backend.near(), backend);
        assertThat(cache.get("k")).isEqualTo("v2");
        assertThat(backend.getNear("k")).isEqualTo("v2");
        setEventually("k", bytes("v3"));
        assertThat(msUntilNotServed("k", backend.getNear("k"))).isLessThanOrEqualTo(STALENESS_BOUND_MS);
    }

    private void setEventually(String key, byte[] value) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                admin.sync().set(key, value);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                RedisServer.sleep(10);
            }
        }
    }

    /** For 1 s of reads (failures included), {@code old} is served at most {@code graceMs} after {@code since}. */
    private void assertNeverServedAfter(String key, Object old, long since, long graceMs) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < end) {
            Object v;
            try {
                v = cache.get(key);
            } catch (BackendException e) {
                v = null;
            }
            if (v == old) {
                double ms = (System.nanoTime() - since) / 1e6;
                assertThat(ms).as("old value served this long after the change").isLessThanOrEqualTo(graceMs);
            }
            pause();
        }
    }

    @Test
    void asyncCacheAnswersNearHitsWithCompletedFuturesAndSeesOtherClientsWrites() throws Exception {
        try (AsyncRedisBackend asyncBackend = AsyncRedisBackend.fromUrl(server.url() + "?near=100&timeout=300ms");
                AsyncCache<Object> async = AsyncCache.of(KRYO, asyncBackend)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!asyncBackend.near().armed() && System.nanoTime() < deadline) {
                async.get("warm-up").get(5, TimeUnit.SECONDS);
                RedisServer.sleep(5);
            }
            assertThat(async.set("a", "1").get(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Object> hit = async.get("a");
            assertThat(hit).isCompletedWithValue("1");
            Object kept = hit.get();
            long before = admin.stat("stats", "total_commands_processed");
            assertThat(async.get("a").get()).isSameAs(kept);
            assertThat(admin.stat("stats", "total_commands_processed") - before).isEqualTo(1);
            admin.sync().set("a", bytes("2"));
            long start = System.nanoTime();
            while (asyncBackend.getNear("a") != null) {
                assertThat((System.nanoTime() - start) / 1e6).isLessThanOrEqualTo(STALENESS_BOUND_MS);
                pause();
            }
            assertThat(async.get("a").get(5, TimeUnit.SECONDS)).isEqualTo("2");
        }
    }

    @Test
    void aServerThatRefusesEvalStillStoresAndReadsAreStillKeptNear() {
        admin.sync().aclSetuser("noeval", AclSetuserArgs.Builder.on().addPassword("pw").allKeys().allCommands().removeCommand(io.lettuce.core.protocol.CommandType.EVAL));
        String url = "redis://noeval:pw@127.0.0.1:" + server.port() + "/0?near=10&timeout=300ms";
        RedisBackend restricted = RedisBackend.fromUrl(url);
        try (Cache<Object> c = Cache.of(KRYO, restricted)) {
            awaitArmed(restricted.near(), restricted);
            assertThat(c.set("e", "v")).isTrue();
            assertThat(c.set("e", "w")).isTrue();
            assertThat(c.get("e")).isEqualTo("w");
            assertThat(restricted.getNear("e")).as("kept once read back").isEqualTo("w");
            admin.sync().set("e", bytes("theirs"));
            long start = System.nanoTime();
            while (!"theirs".equals(c.get("e"))) {
                assertThat((System.nanoTime() - start) / 1e6).isLessThanOrEqualTo(STALENESS_BOUND_MS);
                pause();
            }
        }
    }

    @Test
    void readersRacingWritersNeverKeepAnOldValueOnceTheLastWriteIsAcknowledged() throws Exception {
        int readers = 3;
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(readers + 1);
        try {
            for (int r = 0; r < readers; r++) {
                pool.submit(() -> {
                    while (!stop.get()) {
                        cache.get("race");
                    }
                    return null;
                });
            }
            // this JVM writes too, so kept writes race kept reads and foreign writes
            pool.submit(() -> {
                int i = 0;
                while (!stop.get()) {
                    cache.set("race", "mine-" + i++);
                }
                return null;
            });
            for (int i = 0; i < 300; i++) {
                admin.sync().set("race", bytes("theirs-" + i));
            }
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            admin.sync().set("race", bytes("last"));
            long acknowledged = System.nanoTime();
            Object seen = cache.get("race");
            while (!"last".equals(seen)) {
                assertThat((System.nanoTime() - acknowledged) / 1e6).as("still answering " + seen).isLessThanOrEqualTo(STALENESS_BOUND_MS);
                pause();
                seen = cache.get("race");
            }
            // and it stays so: nothing older comes back
            for (int i = 0; i < 1000; i++) {
                assertThat(cache.get("race")).isEqualTo("last");
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }
}
