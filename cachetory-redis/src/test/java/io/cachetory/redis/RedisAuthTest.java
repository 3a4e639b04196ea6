package io.cachetory.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.BackendException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server with {@code requirepass}: the right password works, and no password ever leaks. */
class RedisAuthTest {
    private static final String PASSWORD = "s3cr3t-Pa55word";
    private static final String WRONG = "wr0ng-Pa55word";
    private static RedisServer server;

    @BeforeAll
    static void startServer() {
        server = RedisServer.start(PASSWORD);
        try (RedisBackend warmUp = RedisBackend.fromUrl(url(PASSWORD) + "?timeout=10s")) {
            warmUp.get("warm-up");
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static String url(String password) {
        return "redis://:" + password + "@127.0.0.1:" + server.port() + "/0";
    }

    private static void assertNoPasswordAnywhere(Throwable e, String password) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(password);
            assertThat(t.toString()).doesNotContain(password);
            for (Throwable s : t.getSuppressed()) {
                assertThat(s.toString()).doesNotContain(password);
            }
        }
    }

    @Test
    void rightPasswordWorks() {
        try (RedisBackend backend = RedisBackend.fromUrl(url(PASSWORD))) {
            backend.set("k", "v".getBytes(UTF_8), null, false);
            assertThat(backend.get("k")).isEqualTo("v".getBytes(UTF_8));
        }
    }

    @Test
    void rightPasswordWithDefaultUserWorks() {
        try (RedisBackend backend = RedisBackend.fromUrl("redis://default:" + PASSWORD + "@127.0.0.1:" + server.port() + "/0")) {
            assertThat(backend.set("k", "v".getBytes(UTF_8), null, false)).isTrue();
        }
    }

    @Test
    void wrongPasswordThrowsBackendExceptionNamingTheUrlWithoutThePassword() {
        try (RedisBackend backend = RedisBackend.fromUrl(url(WRONG))) {
            assertThatThrownBy(() -> backend.get("k"))
                    .isInstanceOf(BackendException.class)
                    .hasMessageContaining("redis://***@127.0.0.1:" + server.port() + "/0")
                    // Usually the server's WRONGPASS; when the refused handshake closes the channel
                    // first (the connect starts in the background at construction), Lettuce reports
                    // the closed connection instead. Either way: a BackendException, no password.
                    .hasMessageMatching("(?s).*(WRONGPASS|closed|[Hh]andshake).*")
                    .satisfies(e -> assertNoPasswordAnywhere(e, WRONG));
        }
    }

    @Test
    void wrongPasswordOnTheAsyncBackendFailsTheFutureWithoutThePassword() {
        try (AsyncRedisBackend backend = AsyncRedisBackend.fromUrl(url(WRONG))) {
            assertThatThrownBy(() -> backend.get("k").join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(BackendException.class)
                    .satisfies(e -> assertNoPasswordAnywhere(e, WRONG));
        }
    }

    @Test
    void missingPasswordThrowsBackendException() {
        try (RedisBackend backend = RedisBackend.fromUrl("redis://127.0.0.1:" + server.port() + "/0")) {
            assertThatThrownBy(() -> backend.get("k")).isInstanceOf(BackendException.class);
        }
    }

    @Test
    void toStringHasNoPassword() {
        try (RedisBackend sync = RedisBackend.fromUrl(url(PASSWORD));
                AsyncRedisBackend async = AsyncRedisBackend.fromUrl(url(PASSWORD))) {
            assertThat(sync.toString()).doesNotContain(PASSWORD).contains("127.0.0.1:" + server.port());
            assertThat(async.toString()).doesNotContain(PASSWORD).contains("***");
        }
    }

    @Test
    void failuresAfterTheServerDiesDoNotShowThePassword() {
        RedisServer own = RedisServer.start(PASSWORD);
        String url = "redis://:" + PASSWORD + "@127.0.0.1:" + own.port() + "/0?timeout=5s";
        try (RedisBackend backend = RedisBackend.fromUrl(url)) {
            backend.get("k");
            own.stop();
            assertThatThrownBy(() -> backend.get("k"))
                    .isInstanceOf(BackendException.class)
                    .satisfies(e -> assertNoPasswordAnywhere(e, PASSWORD));
        } finally {
            own.close();
        }
    }
}
