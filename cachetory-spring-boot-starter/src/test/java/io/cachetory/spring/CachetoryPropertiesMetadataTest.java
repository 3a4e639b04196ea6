package io.cachetory.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The configuration metadata IDEs read to complete {@code cachetory.*} properties. */
class CachetoryPropertiesMetadataTest {
    @Test
    void metadataDescribesTheCachesMapAndTheSettings() throws Exception {
        String json;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json on the class path").isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(json).contains("\"cachetory.caches\"")
                .contains("java.util.Map<java.lang.String,io.cachetory.spring.CachetoryProperties$CacheSpec>")
                .contains("\"cachetory.health.down-when-unreachable\"")
                .contains("\"cachetory.cache-manager.enabled\"");
    }

    @Test
    void autoConfigurationIsRegisteredTheBootWay() throws Exception {
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains(CachetoryAutoConfiguration.class.getName())
                    .contains(CachetoryHealthContributorAutoConfiguration.class.getName());
        }
    }
}
