package io.cachetory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A decompression bomb read in a JVM whose heap is far smaller than the bomb ({@code -Xmx64m}, so the
 * default {@code max-value-size} is 8 MiB): through the facade, a memoized function and six threads at
 * once, every read is refused or a miss, none ends in an {@link OutOfMemoryError}, and nothing read
 * stays in the heap afterwards. The reads run in {@link SmallHeapReads}, forked.
 */
class SmallHeapReadTest {

    @Test
    void aGibibyteBombInA64MibHeapIsRefusedEverywhereAndLeavesNothingBehind() throws Exception {
        Path out = Files.createTempFile("small-heap", ".out");
        try {
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-Xshare:auto",
                    "--enable-native-access=ALL-UNNAMED", "-cp", classPath(), SmallHeapReads.class.getName()))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean ended = p.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(ended).as("the forked JVM ended:\n" + text).isTrue();
            assertThat(p.exitValue()).as("exit code; output:\n" + text).isZero();
            assertThat(text).doesNotContain("OutOfMemoryError");
            Map<String, String> facts = facts(text);

            assertThat(facts).containsEntry("facade", "refused").containsEntry("facadeNamesLimit", "true")
                    .containsEntry("first", "AAPL=1")
                    .containsEntry("second", "AAPL=2") // the bomb under the entry: a miss, the body ran
                    .containsEntry("third", "AAPL=2") // and its result replaced the bomb
                    .containsEntry("hits", "1").containsEntry("misses", "2")
                    .containsEntry("concurrentRefused", "6");
            assertThat(Long.parseLong(facts.get("heapUsedAfterGcMiB"))).as("heap in use after the reads and a GC")
                    .isLessThan(24);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Map<String, String> facts(String text) {
        Map<String, String> facts = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("FACT ")) {
                String[] parts = line.substring(5).trim().split(" ", 2);
                facts.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return facts;
    }

    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }
}
