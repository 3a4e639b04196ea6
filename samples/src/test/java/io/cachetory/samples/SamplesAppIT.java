package io.cachetory.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The README's first quick-start command, run for real: the sample jar with and without the agent. */
class SamplesAppIT {
    private static final Path JAR = Path.of("target", "cachetory-samples.jar");
    private static final Path AGENT = Path.of("..", "cachetory-agent", "target", "cachetory-agent.jar");

    /** Each run takes seconds (the sample simulates latency): run each mode once, check it many ways. */
    private static final java.util.Map<Boolean, String> OUTPUTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String run(boolean withAgent) throws Exception {
        String cached = OUTPUTS.get(withAgent);
        if (cached == null) {
            cached = start(withAgent);
            OUTPUTS.put(withAgent, cached);
        }
        return cached;
    }

    private static String start(boolean withAgent) throws Exception {
        assertThat(JAR).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        if (withAgent) {
            assertThat(AGENT).exists();
            command.add("-javaagent:" + AGENT);
        }
        command.addAll(List.of("-jar", JAR.toString()));
        File out = Files.createTempFile("samples", ".log").toFile();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the sample did not exit within 60 s:\n" + Files.readString(out.toPath()));
        }
        String output = Files.readString(out.toPath(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sampleRunsToTheEndWithoutWarnings(boolean withAgent) throws Exception {
        String output = run(withAgent);
        assertThat(output).contains(withAgent ? "agent active" : "agent NOT active");
        assertThat(output).contains("Counters of cache 'default': hits=");
        assertThat(output).doesNotContainIgnoringCase("warn").doesNotContainIgnoringCase("exception");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void secondCallIsAHitAndPurgeFindsTheEntry(boolean withAgent) throws Exception {
        String output = run(withAgent);
        assertThat(output).contains("entry existed: true");
        // 2 hits per tour (rate and its future), plus the static method under the agent
        assertThat(output).contains(withAgent ? "hits=5" : "hits=2");
    }
}
