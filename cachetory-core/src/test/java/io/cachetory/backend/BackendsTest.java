package io.cachetory.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackendsTest {

    @Test
    void memoryUrlMakesAStoreOfTheLiveObjects() {
        Backend<Object> backend = Backends.fromUrl("memory://");
        Object value = new Object();

        backend.set("k", value, null, false);

        assertThat(backend.get("k")).isSameAs(value);
    }

    @Test
    void memoryUrlHasTheDefaultMaxSize() {
        assertThat(Backends.fromUrl("memory://")).hasToString("memory://?max-size=" + MemoryBackend.DEFAULT_MAX_SIZE);
    }

    @Test
    void dummyUrlMakesABackendThatStoresNothing() {
        Backend<String> backend = Backends.fromUrl("dummy://");

        backend.set("k", "v", null, false);

        assertThat(backend.get("k")).isNull();
        assertThat(backend.getMany(List.of("k"))).isEmpty();
    }

    @Test
    void asyncMemoryUrlAnswersWithCompletedFuturesOverLiveObjects() {
        AsyncBackend<Object> backend = Backends.asyncFromUrl("memory://");
        Object value = new Object();

        assertThat(backend.set("k", value, null, false)).isCompletedWithValue(true);

        assertThat(backend.get("k")).isCompletedWithValue(value);
        assertThat(backend.get("k").join()).isSameAs(value);
    }

    @Test
    void asyncDummyUrlAnswersWithCompletedFuturesThatFindNothing() {
        AsyncBackend<String> backend = Backends.asyncFromUrl("dummy://");

        assertThat(backend.set("k", "v", null, false)).isDone();

        assertThat(backend.get("k")).isCompletedWithValue(null);
    }

    @Test
    void inProcessBackendsDoNotStoreBytes() {
        assertThat(Backends.storesBytes("memory://")).isFalse();
        assertThat(Backends.storesBytes("dummy://")).isFalse();
    }

    @Test
    void unknownSchemeThrowsIllegalArgumentNamingIt() {
        assertThatThrownBy(() -> Backends.fromUrl("nope://"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void unknownSchemeOfAsyncThrowsIllegalArgumentNamingIt() {
        assertThatThrownBy(() -> Backends.asyncFromUrl("nope://"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void unknownSchemeMessageDoesNotContainThePassword() {
        assertThatThrownBy(() -> Backends.fromUrl("nope://user:s3cret@host/0?bad"))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("s3cret");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "rediss", "redis-socket", "redis-sentinel"})
    void redisSchemeWithoutTheRedisModuleNamesTheArtifact(String scheme) {
        assertThatThrownBy(() -> Backends.fromUrl(scheme + "://localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(scheme + ":// needs io.cachetory:cachetory-redis on the class path");
    }

    @Test
    void redisSchemeWithoutTheRedisModuleNamesTheArtifactForAsyncToo() {
        assertThatThrownBy(() -> Backends.asyncFromUrl("redis://user:s3cret@localhost/0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis:// needs io.cachetory:cachetory-redis on the class path")
                .message()
                .doesNotContain("s3cret");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory://?max-size=0", "memory://?max-size=-1", "memory://?max-size=abc", "memory://?max-size="})
    void badMaxSizeThrowsIllegalArgumentNamingTheParameter(String url) {
        assertThatThrownBy(() -> Backends.fromUrl(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-size");
    }

    @Test
    void unknownMemoryParameterThrowsIllegalArgumentNamingIt() {
        assertThatThrownBy(() -> Backends.fromUrl("memory://?foo=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("foo");
    }

    @Test
    void dummyTakesNoParameters() {
        assertThatThrownBy(() -> Backends.fromUrl("dummy://?max-size=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-size");
    }

    @Test
    void maxSizeBoundsTheNumberOfEntries() {
        Backend<String> backend = Backends.fromUrl("memory://?max-size=2");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            backend.set("k" + i, "v" + i, null, false);
            keys.add("k" + i);
        }

        EvictionWait.untilAtMost(2, () -> backend.getMany(keys).size());
        assertThat(backend.getMany(keys)).hasSizeBetween(1, 2);
        assertThat(backend).hasToString("memory://?max-size=2");
    }

    @Test
    void malformedUrlThrowsIllegalArgument() {
        assertThatThrownBy(() -> Backends.fromUrl("memory")).isInstanceOf(IllegalArgumentException.class);
    }
}
