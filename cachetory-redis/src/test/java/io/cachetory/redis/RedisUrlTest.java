package io.cachetory.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.backend.BackendUrl;
import io.cachetory.backend.Backends;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** URL parsing and validation: no server needed, nothing connects. */
class RedisUrlTest {
    private static RedisSettings parse(String url) {
        return RedisSettings.parse(BackendUrl.parse(url));
    }

    @Test
    void unknownParameterIsRejectedByName() {
        assertThatThrownBy(() -> Backends.fromUrl("redis://127.0.0.1:6379/0?max-size=3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-size");
    }

    @Test
    void unknownParameterIsRejectedByTheAsyncFactoryToo() {
        assertThatThrownBy(() -> Backends.asyncFromUrl("redis://127.0.0.1:6379/0?bogus=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bogus");
    }

    @Test
    void badTimeoutIsRejectedByName() {
        assertThatThrownBy(() -> parse("redis://h/0?timeout=soon")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> parse("redis://h/0?timeout=0ms")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }

    @Test
    void badDatabaseIsRejected() {
        assertThatThrownBy(() -> parse("redis://h/x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/x");
        assertThatThrownBy(() -> parse("redis://h/-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badPortIsRejected() {
        assertThatThrownBy(() -> parse("redis://h:99999/0")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99999");
    }

    @Test
    void badClientNameIsRejectedByName() {
        assertThatThrownBy(() -> parse("redis://h/0?client-name=a%20b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client-name");
    }

    @Test
    void errorMessagesNeverShowThePassword() {
        assertThatThrownBy(() -> parse("redis://:hunter2@h/0?nope=1")).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void defaultsAreLocalhostPort6379Database0AndTimeout500ms() {
        RedisSettings s = parse("redis://");
        assertThat(s.uri().getHost()).isEqualTo("localhost");
        assertThat(s.uri().getPort()).isEqualTo(6379);
        assertThat(s.uri().getDatabase()).isZero();
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.uri().getTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void timeoutBoundsCommandsAndConnecting() {
        RedisSettings s = parse("redis://h/0?timeout=2s");
        assertThat(s.uri().getTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(RedisConnector.clientOptions(s.timeout()).getSocketOptions().getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(RedisConnector.clientOptions(s.timeout()).getDisconnectedBehavior())
                .isEqualTo(io.lettuce.core.ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Test
    void hostPortDatabaseAndClientNameAreRead() {
        RedisURI uri = parse("redis://alice:pw@cache.example:6380/3?client-name=app").uri();
        assertThat(uri.getHost()).isEqualTo("cache.example");
        assertThat(uri.getPort()).isEqualTo(6380);
        assertThat(uri.getDatabase()).isEqualTo(3);
        assertThat(uri.getClientName()).isEqualTo("app");
    }

    @Test
    void redissEnablesTls() {
        assertThat(parse("rediss://h:6380/0").uri().isSsl()).isTrue();
        assertThat(parse("redis://h:6380/0").uri().isSsl()).isFalse();
    }

    @Test
    void ipv6HostIsRead() {
        RedisURI uri = parse("redis://[::1]:7000/0").uri();
        assertThat(uri.getHost()).isEqualTo("::1");
        assertThat(uri.getPort()).isEqualTo(7000);
    }

    @Test
    void sentinelUrlNamesSentinelsMasterAndDatabase() {
        RedisURI uri = parse("redis-sentinel://s1:26379,s2/2?master=mymaster").uri();
        assertThat(uri.getSentinelMasterId()).isEqualTo("mymaster");
        assertThat(uri.getSentinels()).hasSize(2);
        assertThat(uri.getSentinels().get(1).getPort()).isEqualTo(26379);
        assertThat(uri.getDatabase()).isEqualTo(2);
    }

    @Test
    void sentinelUrlWithoutMasterIsRejected() {
        assertThatThrownBy(() -> parse("redis-sentinel://s1:26379/0")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("master");
    }

    @Test
    void masterParameterIsOnlyForSentinel() {
        assertThatThrownBy(() -> parse("redis://h/0?master=x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("master");
    }

    @Test
    void socketUrlNamesThePath() {
        RedisURI uri = parse("redis-socket:///var/run/redis.sock?db=4").uri();
        assertThat(uri.getSocket()).isEqualTo("/var/run/redis.sock");
        assertThat(uri.getDatabase()).isEqualTo(4);
    }

    @Test
    void socketUrlWithoutPathIsRejected() {
        assertThatThrownBy(() -> parse("redis-socket://")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void providerServesTheFiveSchemesAndStoresBytes() {
        RedisBackendProvider provider = new RedisBackendProvider();
        assertThat(provider.schemes()).containsExactlyInAnyOrder("redis", "rediss", "redis-socket", "redis-sentinel", "redis-cluster");
        assertThat(provider.storesBytes()).isTrue();
    }

    @Test
    void subMillisecondTtlRoundsUpToOneMillisecond() {
        assertThat(AsyncRedisBackend.millis(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(AsyncRedisBackend.millis(Duration.ofMillis(1500))).isEqualTo(1500);
    }

    @Test
    void aNoopSerializerOverRedisIsRefusedWhenTheCacheIsBuilt() {
        for (String noop : new String[] {"noop://", "null://"}) {
            assertThatThrownBy(() -> io.cachetory.Cache.fromUrl("redis://localhost:6379/0", noop))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("stores bytes");
            assertThatThrownBy(() -> io.cachetory.AsyncCache.fromUrl("redis://localhost:6379/0", noop))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("stores bytes");
        }
    }

    @Test
    void aTimeoutOutsideOneMillisecondToOneHourIsRefusedNamingTheParameter() {
        for (String timeout : new String[] {"1000000d", "PT0.0000001S", "2h"}) {
            assertThatThrownBy(() -> Backends.fromUrl("redis://localhost:6379/0?timeout=" + timeout))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("timeout");
        }
        Backends.fromUrl("redis://localhost:6379/0?timeout=1ms").close();
        Backends.fromUrl("redis://localhost:6379/0?timeout=1h").close();
    }

    @Test
    void aHostListIsRefusedWhereTheSchemeTakesOneHost() {
        assertThatThrownBy(() -> Backends.fromUrl("redis://a:1,b:2/0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("several hosts");
        assertThatThrownBy(() -> Backends.fromUrl("rediss://a,b/0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("several hosts");
    }

    @Test
    void anEmptySentinelEntryIsRefused() {
        for (String url : new String[] {"redis-sentinel://h:1,/0?master=m", "redis-sentinel://,h:1/0?master=m",
                "redis-sentinel://h:1,,h:2/0?master=m"}) {
            assertThatThrownBy(() -> Backends.fromUrl(url))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty sentinel");
        }
    }

    @Test
    void anUnbracketedIpv6HostIsRefused() {
        assertThatThrownBy(() -> Backends.fromUrl("redis://a:1:2/0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("brackets");
        Backends.fromUrl("redis://[::1]:6379/0").close();
    }

    @Test
    void aPasswordGivenAsAParameterIsRefusedWithoutEchoingIt() {
        // the redis-py habit: the password belongs before the host (redis://:secret@host/0)
        assertThatThrownBy(() -> Backends.fromUrl("redis://127.0.0.1:6379/0?password=s3cret-value"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password")
                .hasMessageNotContaining("s3cret-value");
    }
}
