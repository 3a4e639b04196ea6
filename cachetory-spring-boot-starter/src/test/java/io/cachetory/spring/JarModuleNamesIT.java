package io.cachetory.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.Cachetory;
import io.cachetory.agent.CachetoryAgent;
import io.cachetory.annotations.Cached;
import io.cachetory.micrometer.CachetoryMetrics;
import io.cachetory.redis.RedisBackendProvider;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The published jars, as packaged (this runs after {@code package}): each is an automatic module
 * with the name the README promises, and the six together resolve on a module path, which the JVM
 * refuses when two of them hold the same package. The starter sees all six on its class path, so
 * the check lives here.
 */
class JarModuleNamesIT {
    static Map<String, Path> jarsByModuleName() throws URISyntaxException {
        Map<String, Path> jars = new LinkedHashMap<>();
        jars.put("io.cachetory.annotations", jarOf(Cached.class));
        jars.put("io.cachetory.core", jarOf(Cachetory.class));
        jars.put("io.cachetory.redis", jarOf(RedisBackendProvider.class));
        jars.put("io.cachetory.agent", jarOf(CachetoryAgent.class));
        jars.put("io.cachetory.micrometer", jarOf(CachetoryMetrics.class));
        jars.put("io.cachetory.spring", Path.of(System.getProperty("cachetory.it.starterJar")));
        return jars;
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(Files.isRegularFile(location)).as("%s comes from a packaged jar, not %s (run `mvn verify`)", type.getName(), location)
                .isTrue();
        return location;
    }

    @Test
    void everyPublishedJarDeclaresItsAutomaticModuleName() throws Exception {
        for (Map.Entry<String, Path> e : jarsByModuleName().entrySet()) {
            try (JarFile jar = new JarFile(e.getValue().toFile())) {
                assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                        .as("Automatic-Module-Name in the manifest of %s", e.getValue()).isEqualTo(e.getKey());
            }
            Set<ModuleReference> found = ModuleFinder.of(e.getValue()).findAll();
            assertThat(found).as("modules in %s", e.getValue()).hasSize(1);
            ModuleDescriptor module = found.iterator().next().descriptor();
            assertThat(module.isAutomatic()).isTrue();
            assertThat(module.name()).as("the module name the JVM derives for %s", e.getValue()).isEqualTo(e.getKey());
        }
    }

    @Test
    void noTwoPublishedJarsShareAPackage() throws Exception {
        Map<String, Path> jars = jarsByModuleName();
        Map<String, String> ownerOfPackage = new HashMap<>();
        for (ModuleReference ref : ModuleFinder.of(jars.values().toArray(Path[]::new)).findAll()) {
            for (String p : ref.descriptor().packages()) {
                String before = ownerOfPackage.putIfAbsent(p, ref.descriptor().name());
                assertThat(before).as("package %s is in both %s and %s", p, before, ref.descriptor().name()).isNull();
            }
        }
        assertThat(ownerOfPackage).containsEntry("io.cachetory", "io.cachetory.core")
                .containsEntry("io.cachetory.agent", "io.cachetory.agent");
    }

    @Test
    void thePublishedJarsResolveTogetherOnAModulePath() throws IOException, URISyntaxException {
        Map<String, Path> jars = jarsByModuleName();
        Configuration resolved = Configuration.resolve(ModuleFinder.of(jars.values().toArray(Path[]::new)),
                List.of(ModuleLayer.boot().configuration()), ModuleFinder.of(), jars.keySet());
        assertThat(resolved.modules()).hasSize(jars.size());
    }
}
