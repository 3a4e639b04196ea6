package io.cachetory.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.Cache;
import io.cachetory.SerializationException;
import io.cachetory.backend.AsyncBackend;
import io.cachetory.backend.Backend;
import io.cachetory.backend.Backends;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The synchronous Redis backend against a real redis-server. */
class RedisBackendTest {
    private static RedisServer server;
    private static RedisServer.Admin admin;
    private RedisBackend backend;

    @BeforeAll
    static void startServer() {
        server = RedisServer.start();
        admin = server.admin();
        // The first connect of a cold JVM loads Netty and Lettuce; keep that out of the 500 ms tests.
        try (RedisBackend warmUp = RedisBackend.fromUrl(server.url() + "?timeout=10s")) {
            warmUp.get("warm-up");
        }
    }

    @AfterAll
    static void stopServer() {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void freshBackend() {
        admin.sync().flushall();
        backend = RedisBackend.fromUrl(server.url());
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    private static Map<String, byte[]> items(String prefix, int n) {
        Map<String, byte[]> items = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            items.put(prefix + i, b("v" + i));
        }
        return items;
    }

    @Test
    void getOfMissingKeyIsNull() {
        assertThat(backend.get("missing")).isNull();
    }

    @Test
    void setThenGetReturnsTheBytes() {
        assertThat(backend.set("k", b("v"), null, false)).isTrue();
        assertThat(backend.get("k")).isEqualTo(b("v"));
    }

    @Test
    void emptyValueIsStoredAndNotMissing() {
        backend.set("empty", new byte[0], null, false);
        assertThat(backend.get("empty")).isNotNull().isEmpty();
    }

    @Test
    void setIfNotExistsDoesNotOverwrite() {
        backend.set("k", b("first"), null, false);
        assertThat(backend.set("k", b("second"), null, true)).isFalse();
        assertThat(backend.get("k")).isEqualTo(b("first"));
    }

    @Test
    void setIfNotExistsStoresWhenAbsent() {
        assertThat(backend.set("k", b("v"), Duration.ofSeconds(30), true)).isTrue();
        assertThat(admin.sync().pttl("k")).isBetween(1L, 30_000L);
    }

    @Test
    void getManyAnswersPresentKeysAsGivenAndOmitsMissing() {
        backend.set("a", b("1"), null, false);
        backend.set("c", b("3"), null, false);
        Map<String, byte[]> found = backend.getMany(List.of("a", "b", "c"));
        assertThat(found).containsOnlyKeys("a", "c");
        assertThat(found.get("a")).isEqualTo(b("1"));
        assertThat(found.get("c")).isEqualTo(b("3"));
    }

    @Test
    void getManyOfHundredKeysIsOneMget() {
        backend.setMany(items("k", 100), null);
        List<String> keys = new ArrayList<>(items("k", 100).keySet());
        long mgetBefore = admin.calls("mget");
        long getBefore = admin.calls("get");
        Map<String, byte[]> found = backend.getMany(keys);
        assertThat(found).hasSize(100);
        assertThat(admin.calls("mget") - mgetBefore).isEqualTo(1);
        assertThat(admin.calls("get") - getBefore).isZero();
    }

    @Test
    void setManyWithoutTtlIsOneMset() {
        backend.get("warm-up"); // connect first, so the handshake is not counted
        long before = admin.calls("mset");
        backend.setMany(items("k", 100), null);
        assertThat(admin.calls("mset") - before).isEqualTo(1);
        assertThat(admin.sync().dbsize()).isEqualTo(100);
        assertThat(admin.sync().pttl("k7")).isEqualTo(-1L);
    }

    @Test
    void setManyWithTtlIsOnePipelinedFlush() {
        backend.get("warm-up");
        long setBefore = admin.calls("set");
        long readsBefore = admin.stat("stats", "total_reads_processed");
        long writesBefore = admin.stat("stats", "total_writes_processed");
        backend.setMany(items("k", 100), Duration.ofSeconds(60));
        // Between the two readings of each counter the admin connection makes two INFO round trips
        // (one read and one write each) besides the operation.
        long reads = admin.stat("stats", "total_reads_processed") - readsBefore - 2;
        long writes = admin.stat("stats", "total_writes_processed") - writesBefore - 2;
        assertThat(admin.calls("set") - setBefore).isEqualTo(100);
        // One flush from the client → the server reads it in one go (two if split at its 16 KiB buffer)
        // and answers all 100 in one write: 100 round trips would show ~100 reads and writes.
        assertThat(reads).isBetween(1L, 2L);
        assertThat(writes).isBetween(1L, 2L);
        assertThat(admin.sync().pttl("k99")).isBetween(1L, 60_000L);
    }

    @Test
    void ttlIsEnforcedByTheServer() {
        backend.set("short", b("v"), Duration.ofMillis(300), false);
        assertThat(backend.get("short")).isNotNull();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (backend.get("short") != null && System.nanoTime() < deadline) {
            RedisServer.sleep(25);
        }
        assertThat(backend.get("short")).isNull();
    }

    @Test
    void setManyTtlIsEnforcedByTheServer() {
        backend.setMany(items("s", 3), Duration.ofMillis(300));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!backend.getMany(List.of("s0", "s1", "s2")).isEmpty() && System.nanoTime() < deadline) {
            RedisServer.sleep(25);
        }
        assertThat(backend.getMany(List.of("s0", "s1", "s2"))).isEmpty();
    }

    @Test
    void expireInSetsTheTtl() {
        backend.set("k", b("v"), null, false);
        backend.expireIn("k", Duration.ofSeconds(42));
        assertThat(admin.sync().pttl("k")).isBetween(40_000L, 42_000L);
    }

    @Test
    void expireInNullMakesTheEntryEternal() {
        backend.set("k", b("v"), Duration.ofSeconds(42), false);
        backend.expireIn("k", null);
        assertThat(admin.sync().pttl("k")).isEqualTo(-1L);
    }

    @Test
    void expireInOnMissingKeyDoesNothing() {
        backend.expireIn("missing", Duration.ofSeconds(5));
        assertThat(admin.sync().exists("missing")).isZero();
    }

    @Test
    void deleteAnswersWhetherTheKeyExisted() {
        backend.set("k", b("v"), null, false);
        assertThat(backend.delete("k")).isTrue();
        assertThat(backend.delete("k")).isFalse();
        assertThat(backend.get("k")).isNull();
    }

    @Test
    void deleteManyRemovesEveryGivenKeyInOneUnlink() {
        backend.setMany(items("k", 10), null);
        backend.set("other", b("x"), null, false);
        long before = admin.calls("unlink");
        backend.deleteMany(List.of("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "never-there"));
        assertThat(admin.calls("unlink") - before).isEqualTo(1);
        assertThat(admin.sync().dbsize()).isEqualTo(1);
    }

    @Test
    void emptyInputsSendNoCommand() {
        backend.get("warm-up");
        long mget = admin.calls("mget");
        long mset = admin.calls("mset");
        long set = admin.calls("set");
        long unlink = admin.calls("unlink");
        assertThat(backend.getMany(List.of())).isEmpty();
        backend.setMany(Map.of(), null);
        backend.setMany(Map.of(), Duration.ofSeconds(1));
        backend.deleteMany(List.of());
        assertThat(admin.calls("mget")).isEqualTo(mget);
        assertThat(admin.calls("mset")).isEqualTo(mset);
        assertThat(admin.calls("set")).isEqualTo(set);
        assertThat(admin.calls("unlink")).isEqualTo(unlink);
    }

    @Test
    void clearPrefixDeletesOnlyKeysUnderThePrefixAcrossScanBatches() {
        backend.setMany(items("p:", 2500), null);
        backend.setMany(items("q:", 10), null);
        backend.set("p", b("no colon"), null, false);
        long keysBefore = admin.calls("keys");
        backend.clearPrefix("p:");
        assertThat(admin.sync().dbsize()).isEqualTo(11);
        assertThat(admin.sync().exists("p")).isEqualTo(1);
        assertThat(admin.calls("keys")).isEqualTo(keysBefore);
        assertThat(admin.calls("scan")).isPositive();
    }

    @Test
    void clearPrefixEscapesGlobCharacters() {
        String prefix = "a*[x]?\\";
        backend.set(prefix + "1", b("v"), null, false);
        backend.set(prefix + "2", b("v"), null, false);
        for (String other : List.of("abc", "a", "ax", "a*", "a*[x]", "a*x?\\1", "ab[x]c\\1", "a*[x]!\\1")) {
            backend.set(other, b("keep"), null, false);
        }
        backend.clearPrefix(prefix);
        assertThat(backend.get(prefix + "1")).isNull();
        assertThat(backend.get(prefix + "2")).isNull();
        assertThat(admin.sync().dbsize()).isEqualTo(8);
        assertThat(backend.get("abc")).isEqualTo(b("keep"));
    }

    @Test
    void globEscapeEscapesEveryGlobCharacter() {
        assertThat(AsyncRedisBackend.globEscape("a*b?c[d]e\\f")).isEqualTo("a\\*b\\?c\\[d\\]e\\\\f");
    }

    @Test
    void databaseIndexSelectsASeparateKeyspace() {
        try (RedisBackend db1 = RedisBackend.fromUrl(server.url(1))) {
            db1.set("k", b("one"), null, false);
            backend.set("k", b("zero"), null, false);
            assertThat(db1.get("k")).isEqualTo(b("one"));
            assertThat(backend.get("k")).isEqualTo(b("zero"));
        }
    }

    @Test
    void clearFlushesOnlyItsOwnDatabase() {
        try (RedisBackend db1 = RedisBackend.fromUrl(server.url(1))) {
            db1.set("k", b("one"), null, false);
            backend.set("k", b("zero"), null, false);
            backend.clear();
            assertThat(backend.get("k")).isNull();
            assertThat(db1.get("k")).isEqualTo(b("one"));
        }
    }

    @Test
    void backendsFromUrlFindsTheProviderThroughServiceLoader() {
        try (Backend<byte[]> viaSpi = Backends.fromUrl(server.url());
                AsyncBackend<byte[]> asyncViaSpi = Backends.asyncFromUrl(server.url())) {
            assertThat(viaSpi).isInstanceOf(RedisBackend.class);
            assertThat(asyncViaSpi).isInstanceOf(AsyncRedisBackend.class);
            assertThat(Backends.storesBytes(server.url())).isTrue();
            viaSpi.set("spi", b("v"), null, false);
            assertThat(asyncViaSpi.get("spi").join()).isEqualTo(b("v"));
        }
    }

    @Test
    void facadeOverRedisRoundTripsWithItsPrefix() {
        try (Cache<String> cache = Cache.of(new io.cachetory.Utf8Serializer(), Backends.<byte[]>fromUrl(server.url()), "app:")) {
            cache.set("greeting", "héllo", Duration.ofMinutes(1));
            backend.set("unrelated", b("x"), null, false);
            assertThat(cache.get("greeting")).isEqualTo("héllo");
            assertThat(backend.get("app:greeting")).isEqualTo(b("héllo"));
            cache.clear();
            assertThat(cache.get("greeting")).isNull();
            assertThat(backend.get("unrelated")).isEqualTo(b("x"));
        }
    }

    @Test
    void facadeGetOfCorruptBytesThrowsSerializationExceptionAndKeepsTheEntry() {
        admin.sync().set("corrupt", new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00});
        try (Cache<String> cache = Cache.of(new io.cachetory.Utf8Serializer(), Backends.<byte[]>fromUrl(server.url()))) {
            assertThatThrownBy(() -> cache.get("corrupt")).isInstanceOf(SerializationException.class);
        }
        assertThat(admin.sync().exists("corrupt")).isEqualTo(1);
    }

    @Test
    void clientNameIsSetOnTheConnection() {
        try (RedisBackend named = RedisBackend.fromUrl(server.url() + "?client-name=cachetory-test")) {
            named.get("k");
            assertThat(admin.sync().clientList()).contains("name=cachetory-test");
        }
    }

    @Test
    void closeIsIdempotentAndLaterCallsFail() {
        RedisBackend b = RedisBackend.fromUrl(server.url());
        b.get("k");
        b.close();
        b.close();
        assertThatThrownBy(() -> b.get("k")).isInstanceOf(io.cachetory.BackendException.class).hasMessageContaining("closed");
    }
}
