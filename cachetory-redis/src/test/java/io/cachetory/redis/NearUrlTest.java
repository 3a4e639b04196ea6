package io.cachetory.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.backend.AsyncNearBackend;
import io.cachetory.backend.BackendUrl;
import io.cachetory.backend.Backends;
import io.cachetory.backend.NearBackend;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code near} and {@code near-ttl} on every Redis scheme: parsed and validated, nothing connects. */
class NearUrlTest {
    private static RedisSettings parse(String url) {
        return RedisSettings.parse(BackendUrl.parse(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://h/0", "rediss://h/0", "redis-sentinel://h:26379/0?master=m", "redis-cluster://h:7000,h:7001",
        "redis-cluster://h:7000?read-from=replica"})
    void everyRedisSchemeTakesNearAndNearTtl(String base) {
        String sep = base.contains("?") ? "&" : "?";
        RedisSettings s = parse(base + sep + "near=500&near-ttl=30s");
        assertThat(s.near().maxEntries()).isEqualTo(500);
        assertThat(s.near().ttl()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void nearTtlDefaultsToFiveMinutes() {
        assertThat(parse("redis://h/0?near=10").near().ttl()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void withoutNearThereIsNoNearCache() {
        assertThat(parse("redis://h/0").near()).isNull();
        NearBackend<byte[]> plain = (NearBackend<byte[]>) Backends.<byte[]>fromUrl("redis://h/0");
        try {
            assertThat(plain.keepsNear()).isFalse();
        } finally {
            plain.close();
        }
    }

    @Test
    void backendsFromUrlKeepANearLayerWhenAsked() {
        NearBackend<byte[]> sync = (NearBackend<byte[]>) Backends.<byte[]>fromUrl("redis://h/0?near=10");
        AsyncNearBackend<byte[]> async = (AsyncNearBackend<byte[]>) Backends.<byte[]>asyncFromUrl("redis://h/0?near=10");
        try {
            assertThat(sync.keepsNear()).isTrue();
            assertThat(async.keepsNear()).isTrue();
        } finally {
            sync.close();
            async.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "ten", "", "1.5"})
    void badNearIsRejectedByName(String value) {
        assertThatThrownBy(() -> parse("redis://h/0?near=" + value))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'near'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0ms", "-5s", "soon"})
    void badNearTtlIsRejectedByName(String value) {
        assertThatThrownBy(() -> parse("redis://h/0?near=10&near-ttl=" + value))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'near-ttl'");
    }

    @Test
    void nearTtlWithoutNearIsRejected() {
        assertThatThrownBy(() -> parse("redis://h/0?near-ttl=1m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'near-ttl'").hasMessageContaining("'near'");
    }

    @Test
    void clusterBackendsKeepANearLayerWhenAskedAndValidateIt() {
        NearBackend<byte[]> sync = (NearBackend<byte[]>) Backends.<byte[]>fromUrl("redis-cluster://h:7000?near=10");
        AsyncNearBackend<byte[]> async = (AsyncNearBackend<byte[]>) Backends.<byte[]>asyncFromUrl("redis-cluster://h:7000?near=10");
        NearBackend<byte[]> plain = (NearBackend<byte[]>) Backends.<byte[]>fromUrl("redis-cluster://h:7000");
        try {
            assertThat(sync.keepsNear()).isTrue();
            assertThat(async.keepsNear()).isTrue();
            assertThat(plain.keepsNear()).isFalse();
        } finally {
            sync.close();
            async.close();
            plain.close();
        }
        assertThatThrownBy(() -> parse("redis-cluster://h:7000?near=0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'near'");
        assertThatThrownBy(() -> parse("redis-cluster://h:7000?near=5&near-ttl=0s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'near-ttl'");
        assertThatThrownBy(() -> parse("redis-cluster://h:7000?near-ttl=1m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'near-ttl'");
    }

    @Test
    void theSentinelAndSocketFormsValidateNearToo() {
        assertThatThrownBy(() -> parse("redis-sentinel://h:26379/0?master=m&near=0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'near'");
        assertThatThrownBy(() -> Backends.fromUrl("redis-socket:///tmp/none.sock?near=-3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad value for parameter 'near'");
    }
}
