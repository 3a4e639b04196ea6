package io.cachetory.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.BackendException;
import io.cachetory.backend.AsyncBackend;
import io.cachetory.backend.Backend;
import io.cachetory.backend.BackendUrl;
import io.cachetory.backend.Backends;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions.RefreshTrigger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** {@code redis-cluster://} URL parsing and validation: no server needed, nothing connects. */
class RedisClusterUrlTest {
    private static RedisSettings parse(String url) {
        return RedisSettings.parse(BackendUrl.parse(url));
    }

    @Test
    void everyListedNodeIsASeedWithTheUrlsCredentialsTimeoutAndClientName() {
        RedisSettings s = parse("redis-cluster://alice:pw@n1:7000,n2:7001,[::1]:7002?timeout=2s&client-name=app");
        assertThat(s.cluster()).isTrue();
        List<RedisURI> seeds = s.uris();
        assertThat(seeds).extracting(RedisURI::getHost).containsExactly("n1", "n2", "::1");
        assertThat(seeds).extracting(RedisURI::getPort).containsExactly(7000, 7001, 7002);
        assertThat(seeds).allSatisfy(u -> {
            RedisCredentials credentials = u.getCredentialsProvider().resolveCredentials().block();
            assertThat(credentials.getUsername()).isEqualTo("alice");
            assertThat(credentials.getPassword()).isEqualTo("pw".toCharArray());
            assertThat(u.getTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(u.getClientName()).isEqualTo("app");
            assertThat(u.getDatabase()).isZero();
        });
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void portDefaultsTo6379() {
        assertThat(parse("redis-cluster://n1,n2:7001").uris()).extracting(RedisURI::getPort).containsExactly(6379, 7001);
    }

    @Test
    void readFromDefaultsToMasterAndAcceptsTheThreeValues() {
        assertThat(parse("redis-cluster://n1:7000").readFrom()).isEqualTo(ReadFrom.UPSTREAM);
        assertThat(parse("redis-cluster://n1:7000?read-from=master").readFrom()).isEqualTo(ReadFrom.UPSTREAM);
        assertThat(parse("redis-cluster://n1:7000?read-from=replica-preferred").readFrom()).isEqualTo(ReadFrom.REPLICA_PREFERRED);
        assertThat(parse("redis-cluster://n1:7000?read-from=replica").readFrom()).isEqualTo(ReadFrom.REPLICA);
    }

    @Test
    void badReadFromIsRejectedByName() {
        assertThatThrownBy(() -> parse("redis-cluster://n1:7000?read-from=nearest"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-from").hasMessageContaining("nearest");
    }

    @Test
    void readFromIsOnlyForClusters() {
        assertThatThrownBy(() -> parse("redis://h/0?read-from=replica")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("read-from");
    }

    @Test
    void databaseZeroPathIsAccepted() {
        assertThat(parse("redis-cluster://n1:7000/0").uris()).hasSize(1);
        assertThat(parse("redis-cluster://n1:7000/").uris()).hasSize(1);
    }

    @Test
    void anyOtherDatabaseIsRejectedNamingThePath() {
        assertThatThrownBy(() -> parse("redis-cluster://n1:7000/1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'/1'").hasMessageContaining("database 0 only");
        assertThatThrownBy(() -> parse("redis-cluster://n1:7000/x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'/x'");
    }

    @Test
    void emptyHostListIsRejected() {
        assertThatThrownBy(() -> parse("redis-cluster://")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no node");
        assertThatThrownBy(() -> parse("redis-cluster:///0")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no node");
    }

    @Test
    void emptyEntryInTheHostListIsRejected() {
        assertThatThrownBy(() -> parse("redis-cluster://n1:7000,,n2:7001")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty node");
        assertThatThrownBy(() -> parse("redis-cluster://n1:7000,")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty node");
    }

    @Test
    void badPortIsRejectedNamingIt() {
        assertThatThrownBy(() -> parse("redis-cluster://n1:7000,n2:70000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad port '70000'");
        assertThatThrownBy(() -> parse("redis-cluster://n1:seven")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad port 'seven'");
    }

    @Test
    void unknownParameterIsRejectedByName() {
        assertThatThrownBy(() -> Backends.fromUrl("redis-cluster://n1:7000?master=x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown parameter 'master'");
        assertThatThrownBy(() -> Backends.asyncFromUrl("redis-cluster://n1:7000?db=1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown parameter 'db'");
    }

    @Test
    void badTimeoutIsRejectedByName() {
        assertThatThrownBy(() -> parse("redis-cluster://n1:7000?timeout=0s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout");
    }

    @Test
    void noMessageNorToStringShowsThePassword() {
        for (String bad : List.of("redis-cluster://u:hunter2@n1:7000/1", "redis-cluster://:hunter2@n1:7000,,n2",
                "redis-cluster://u:hunter2@n1:99999", "redis-cluster://u:hunter2@n1:7000?bogus=1",
                "redis-cluster://u:hunter2@n1:7000?read-from=x", "redis-cluster://u:hunter2@")) {
            assertThatThrownBy(() -> parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        }
        try (Backend<byte[]> sync = Backends.fromUrl("redis-cluster://u:hunter2@n1:7000");
                AsyncBackend<byte[]> async = Backends.asyncFromUrl("redis-cluster://u:hunter2@n1:7000")) {
            assertThat(sync.toString()).contains("n1:7000").doesNotContain("hunter2");
            assertThat(async.toString()).contains("n1:7000").doesNotContain("hunter2");
        }
    }

    @Test
    void clusterBackendsBuildWithoutAReachableNodeAndTheirCallsFailWithABackendException() {
        // Nothing listens on these ports: building must not fail; a call fails as a backend error.
        String url = "redis-cluster://127.0.0.1:1,127.0.0.1:2?timeout=200ms";
        try (Backend<byte[]> sync = Backends.fromUrl(url);
                AsyncBackend<byte[]> async = Backends.asyncFromUrl(url)) {
            assertThatThrownBy(() -> sync.get("k")).isInstanceOf(BackendException.class);
            assertThat(async.get("k")).failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(BackendException.class);
        }
    }

    @Test
    void asyncRedisBackendFromUrlPointsClusterUrlsToBackends() {
        assertThatThrownBy(() -> AsyncRedisBackend.fromUrl("redis-cluster://n1:7000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Backends.asyncFromUrl");
    }

    @Test
    void clusterClientFailsFastAndRefreshesTheTopologyPeriodicallyAndOnTrouble() {
        ClusterClientOptions options = RedisConnector.clusterClientOptions(Duration.ofMillis(300));
        assertThat(options.getDisconnectedBehavior()).isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        assertThat(options.getSocketOptions().getConnectTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(options.getTopologyRefreshOptions().isPeriodicRefreshEnabled()).isTrue();
        assertThat(options.getTopologyRefreshOptions().getRefreshPeriod()).isEqualTo(RedisConnector.PERIODIC_REFRESH);
        assertThat(options.getTopologyRefreshOptions().getAdaptiveRefreshTriggers())
                .contains(RefreshTrigger.MOVED_REDIRECT, RefreshTrigger.ASK_REDIRECT, RefreshTrigger.PERSISTENT_RECONNECTS);
        assertThat(options.getTopologyRefreshOptions().getRefreshTriggersReconnectAttempts()).isEqualTo(1);
    }
}
