package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import io.cachetory.CacheStats;
import io.cachetory.config.CachetoryConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DefaultCacheRegistryTest {
    private final DefaultCacheRegistry registry = new DefaultCacheRegistry(CachetoryConfig.of(Map.of(),
            Map.of("CACHETORY_CACHE_FROM_ENV_BACKEND", "memory://?max-size=5", "CACHETORY_CACHE_FROM_ENV_PREFIX", "env:"), Map.of()));

    @Test
    void defaultIsAnInMemoryCacheWithoutConfiguration() {
        Cache<String> cache = registry.cache("default");
        cache.set("k", "v");
        assertThat(cache.get("k")).isEqualTo("v");
        assertThat(cache.toString()).contains("memory://");
    }

    @Test
    void nameNeitherRegisteredNorConfiguredIsAnError() {
        assertThatThrownBy(() -> registry.cache("nowhere")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nowhere").hasMessageContaining("cachetory.cache.nowhere.backend");
    }

    @Test
    void configuredNameIsBuiltFromItsUrlsWithItsPrefix() {
        Cache<String> cache = registry.cache("from-env");
        assertThat(cache.prefix()).isEqualTo("env:");
    }

    @Test
    void registeredCacheIsServedAndItsAsyncFaceSharesTheStore() throws Exception {
        Cache<String> mine = Cache.memory();
        registry.register("mine", mine);
        assertThat(registry.<String>cache("mine")).isSameAs(mine);
        mine.set("k", "v");
        assertThat(registry.<String>asyncCache("mine").get("k").get(1, TimeUnit.SECONDS)).isEqualTo("v");
    }

    @Test
    void registeredAsyncCacheIsServedToSyncUsersThroughAnAdapter() {
        AsyncCache<String> mine = AsyncCache.memory();
        registry.register("async", mine);
        registry.<String>cache("async").set("k", "v");
        assertThat(mine.get("k").join()).isEqualTo("v");
    }

    @Test
    void statsOfANameNotUsedYetAreZeros() {
        assertThat(registry.stats("never-used")).isEqualTo(CacheStats.EMPTY);
    }

    @Test
    void registeringANameAgainReplacesItAndStartsCountersAtZero() {
        registry.register("again", Cache.memory());
        Binding first = registry.slot("again").binding();
        first.counters.hits.increment();
        assertThat(registry.stats("again").hits()).isEqualTo(1);
        Cache<Object> second = Cache.memory();
        registry.register("again", second);
        assertThat(registry.<Object>cache("again")).isSameAs(second);
        assertThat(registry.stats("again")).isEqualTo(CacheStats.EMPTY);
    }

    @Test
    void registeringBothFacesServesEachToItsUsers() {
        Cache<String> sync = Cache.memory();
        AsyncCache<String> async = AsyncCache.memory();
        registry.register("both", sync, async);
        assertThat(registry.<String>cache("both")).isSameAs(sync);
        assertThat(registry.<String>asyncCache("both")).isSameAs(async);
    }

    @Test
    void namesAreThoseRegisteredOrBuiltNotThoseOnlyConfigured() {
        registry.register("mine", Cache.memory());
        assertThat(registry.names()).containsExactly("mine");
        registry.cache("from-env");
        assertThat(registry.names()).containsExactlyInAnyOrder("mine", "from-env");
    }

    @Test
    void nameListenerHearsEachNewNameOnceAndNotReRegistrations() {
        List<String> heard = new ArrayList<>();
        registry.addNameListener(heard::add);
        registry.register("a", Cache.memory());
        registry.register("a", Cache.memory());
        registry.cache("from-env");
        registry.cache("from-env");
        assertThat(heard).containsExactly("a", "from-env");
    }

    @Test
    void removedNameListenerHearsNothingMore() {
        List<String> heard = new ArrayList<>();
        Consumer<String> listener = heard::add;
        registry.addNameListener(listener);
        registry.register("a", Cache.memory());
        registry.removeNameListener(listener);
        registry.register("b", Cache.memory());
        assertThat(heard).containsExactly("a");
    }

    @Test
    void throwingNameListenerDoesNotFailTheRegistration() {
        registry.addNameListener(name -> {
            throw new IllegalStateException("boom");
        });
        Cache<String> mine = Cache.memory();
        registry.register("mine", mine);
        assertThat(registry.<String>cache("mine")).isSameAs(mine);
    }
}
