package io.cachetory.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The starter in a Boot application run in a fresh JVM, with {@code -javaagent} and without: a
 * {@code @Cached} bean is memoized once either way, never by both the agent and a proxy.
 */
class AgentAndStarterIT {
    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (run through Failsafe)");
        }
        return value;
    }

    private static Map<String, String> run(List<String> jvmOptions, String name) throws Exception {
        Path work = Paths.get(property("cachetory.it.workDir"));
        Files.createDirectories(work);
        String classPath = property("cachetory.it.testClasses") + File.pathSeparator + property("cachetory.it.classes")
                + File.pathSeparator + Files.readString(Paths.get(property("cachetory.it.appClasspathFile"))).trim();
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, "com.example.bootapp.AgentBootApp"));
        Path out = work.resolve(name + ".out");
        Path err = work.resolve(name + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the forked application did not finish in 90 s; see " + out + " and " + err);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit code; stderr: %s", Files.readString(err, StandardCharsets.UTF_8)).isZero();
        Map<String, String> facts = new LinkedHashMap<>();
        for (String line : stdout.split("\\R")) {
            if (line.startsWith("FACT ")) {
                int eq = line.indexOf('=');
                facts.put(line.substring(5, eq), line.substring(eq + 1));
            }
        }
        return facts;
    }

    @Test
    void withTheAgentTheBeanIsMemoizedOnceByTheAgentAlone() throws Exception {
        Map<String, String> facts = run(List.of("-javaagent:" + property("cachetory.it.agentJar")), "with-agent");
        assertThat(facts).containsEntry("instrumented", "true")
                .containsEntry("first", "AAPL=1").containsEntry("second", "AAPL=1").containsEntry("runs", "1")
                // one layer: one miss and one hit (a proxy over the agent would count two misses)
                .containsEntry("misses", "1").containsEntry("hits", "1")
                .containsEntry("beanClass", "com.example.bootapp.AgentQuoteService");
    }

    @Test
    void withoutTheAgentTheStarterProxyMemoizesTheBean() throws Exception {
        Map<String, String> facts = run(List.of(), "without-agent");
        assertThat(facts).containsEntry("instrumented", "false")
                .containsEntry("first", "AAPL=1").containsEntry("second", "AAPL=1").containsEntry("runs", "1")
                .containsEntry("misses", "1").containsEntry("hits", "1");
    }
}
