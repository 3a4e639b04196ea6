package io.cachetory.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The layout of the built agent jar. */
class AgentJarIT {
    @Test
    void manifestDeclaresTheAgent() throws Exception {
        try (JarFile jar = new JarFile(ForkedJvm.AGENT_JAR.toFile())) {
            Manifest manifest = jar.getManifest();
            var main = manifest.getMainAttributes();
            assertThat(main.getValue("Premain-Class")).isEqualTo("io.cachetory.agent.CachetoryAgent");
            assertThat(main.getValue("Agent-Class")).isEqualTo("io.cachetory.agent.CachetoryAgent");
            assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
            assertThat(main.getValue("Can-Redefine-Classes")).isEqualTo("true");
        }
    }

    @Test
    void byteBuddyIsRelocatedEverywhereAndCoreIsNotInside() throws Exception {
        try (JarFile jar = new JarFile(ForkedJvm.AGENT_JAR.toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names).filteredOn(n -> n.contains("net/bytebuddy")).isEmpty();
            assertThat(names).filteredOn(n -> n.endsWith("module-info.class")).isEmpty();
            assertThat(names).filteredOn(n -> n.startsWith("io/cachetory/") && n.endsWith(".class"))
                    .allMatch(n -> n.startsWith("io/cachetory/agent/"));
            assertThat(names).contains(
                    "io/cachetory/agent/CachetoryAgent.class",
                    "io/cachetory/agent/CachedMethodAdvice.class",
                    "io/cachetory/agent/AsmInstrumenter.class",
                    "io/cachetory/agent/shaded/bytebuddy/jar/asm/ClassReader.class",
                    "io/cachetory/agent/shaded/bytebuddy/jar/asm/ClassWriter.class",
                    "io/cachetory/agent/shaded/bytebuddy/ByteBuddy.class",
                    "io/cachetory/agent/shaded/bytebuddy/agent/ByteBuddyAgent.class");
            assertThat(names).anyMatch(n -> n.startsWith("META-INF/versions/24/io/cachetory/agent/shaded/bytebuddy/"));
        }
    }
}
