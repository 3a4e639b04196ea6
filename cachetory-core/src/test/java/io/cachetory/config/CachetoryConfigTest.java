package io.cachetory.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CachetoryConfigTest {
    @Test
    void defaultIsMemoryWithTheBackendsDefaultSerializerWhenNotConfigured() {
        CachetoryConfig config = CachetoryConfig.of(Map.of(), Map.of(), Map.of());
        assertThat(config.cache("default")).contains(new CacheDefinition("default", "memory://", null, ""));
    }

    @Test
    void nameMentionedNowhereHasNoDefinition() {
        assertThat(CachetoryConfig.of(Map.of(), Map.of(), Map.of()).cache("quotes")).isEmpty();
    }

    @Test
    void propertiesFileDefinesACache() {
        CachetoryConfig config = CachetoryConfig.of(Map.of(
                "cachetory.cache.quotes.backend", "redis://localhost:6379/0",
                "cachetory.cache.quotes.serializer", "kryo+zstd://",
                "cachetory.cache.quotes.prefix", "myapp:"), Map.of(), Map.of());
        assertThat(config.cache("quotes")).contains(new CacheDefinition("quotes", "redis://localhost:6379/0", "kryo+zstd://", "myapp:"));
    }

    @Test
    void environmentOverridesPropertiesAndSystemPropertiesOverrideBoth() {
        CachetoryConfig config = CachetoryConfig.of(
                Map.of("cachetory.cache.fx-rates.backend", "memory://?max-size=1", "cachetory.cache.fx-rates.prefix", "file:"),
                Map.of("CACHETORY_CACHE_FX_RATES_BACKEND", "memory://?max-size=2", "CACHETORY_CACHE_FX_RATES_PREFIX", "env:"),
                Map.of("cachetory.cache.fx-rates.backend", "memory://?max-size=3"));
        assertThat(config.cache("fx-rates").orElseThrow().backend()).isEqualTo("memory://?max-size=3");
        assertThat(config.cache("fx-rates").orElseThrow().prefix()).isEqualTo("env:");
    }

    @Test
    void environmentNameUpperCasesAndReplacesOtherCharacters() {
        assertThat(CachetoryConfig.environmentName("fx-rates.v2", "serializer")).isEqualTo("CACHETORY_CACHE_FX_RATES_V2_SERIALIZER");
    }

    @Test
    void configuredDefaultReplacesTheMemoryDefault() {
        CachetoryConfig config = CachetoryConfig.of(Map.of(), Map.of(), Map.of("cachetory.cache.default.backend", "dummy://"));
        assertThat(config.cache("default").orElseThrow().backend()).isEqualTo("dummy://");
    }

    @Test
    void cacheWithSettingsButNoBackendIsAnErrorNamingTheProperty() {
        CachetoryConfig config = CachetoryConfig.of(Map.of("cachetory.cache.quotes.prefix", "q:"), Map.of(), Map.of());
        assertThatThrownBy(() -> config.cache("quotes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cachetory.cache.quotes.backend");
    }
}
