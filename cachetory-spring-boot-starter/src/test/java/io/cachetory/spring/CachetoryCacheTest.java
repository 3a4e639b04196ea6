package io.cachetory.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.Cache;
import io.cachetory.Cachetory;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.cache.interceptor.SimpleKey;

class CachetoryCacheTest {
    enum Side { BUY }

    @Test
    void simpleKeysAreStoredAsTheirText() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
        assertThat(CachetoryCache.key("AAPL")).isEqualTo("AAPL");
        assertThat(CachetoryCache.key(42L)).isEqualTo("42");
        assertThat(CachetoryCache.key(true)).isEqualTo("true");
        assertThat(CachetoryCache.key(id)).isEqualTo(id.toString());
        assertThat(CachetoryCache.key(Side.BUY)).isEqualTo("BUY");
    }

    @Test
    void compositeKeysOfDifferentArgumentsDiffer() {
        assertThat(CachetoryCache.key(new SimpleKey("a", "b"))).isNotEqualTo(CachetoryCache.key(new SimpleKey("a,b")));
    }

    @Test
    void retrieveReadsThroughTheAsyncFace() throws Exception {
        Cache<Object> store = Cache.memory();
        Cachetory.registry().register("sb-retrieve", store);
        CachetoryCache cache = new CachetoryCache("sb-retrieve", Cachetory.registry());
        cache.put("k", "v");
        assertThat(store.get("k")).isEqualTo("v");
        Object wrapper = cache.retrieve("k").get(1, TimeUnit.SECONDS);
        assertThat(((org.springframework.cache.Cache.ValueWrapper) wrapper).get()).isEqualTo("v");
        assertThat(cache.retrieve("missing").get(1, TimeUnit.SECONDS)).isNull();
        assertThat(cache.retrieve("loaded", () -> java.util.concurrent.CompletableFuture.completedFuture("w")).get(1, TimeUnit.SECONDS)).isEqualTo("w");
        assertThat(store.get("loaded")).isEqualTo("w");
    }
}
