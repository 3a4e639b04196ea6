package io.cachetory.redis;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two releases of one application (compiled at test time, {@link FleetVersions}) run in separate JVMs
 * against one real Redis: release 2 changed a field's type, added and removed fields, added a record
 * component, removed an enum constant, changed a class inside {@code List<Item>} and behind an
 * {@code Object} field, and kept one class unchanged. No JVM ever gets a wrong value; each keeps its
 * own entries; unchanged classes keep theirs across a restart, JDK 17 → 25 and proxy → {@code Memo}.
 */
class DeployFleetTest {
    private static final int N = 10;
    private static RedisServer server;

    @BeforeAll
    static void startServer() {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void flush() {
        try (RedisServer.Admin admin = server.admin()) {
            admin.sync().flushall();
        }
    }

    @Test
    void releasesNeverReadEachOthersValuesAndUnchangedClassesKeepTheirEntries() throws Exception {
        Map<String, String> first = run(current(), 1, "write", SCHEMES);
        forEachScenario((scheme, s) -> assertThat(first).as(s)
                .containsEntry(s + ".runs", "" + N).containsEntry(s + ".wrong", "0")
                .containsEntry(s + ".facadeRefused", refusedByJson(s) ? "" + N : "0"));

        // release 2, on JDK 25 when installed: misses for every changed class, hits for the unchanged one
        Map<String, String> second = run(jdk25(), 2, "read", SCHEMES);
        forEachScenario((scheme, s) -> {
            boolean unchanged = s.endsWith(".unchanged");
            assertThat(second).as(s).containsEntry(s + ".wrong", "0").containsEntry(s + ".facadeWrong", "0")
                    .containsEntry(s + ".runs", unchanged ? "0" : "" + N)
                    .containsEntry(s + ".facadeAbsent", unchanged ? "0" : "" + N)
                    .containsEntry(s + ".facadeMany", unchanged ? "" + N : "0");
        });

        // release 1 again, restarted, through Memo.of: its entries are still there, none overwritten
        // (but the polymorphic one's, whose declared type cannot tell the releases apart)
        Map<String, String> third = run(current(), 1, "memo", SCHEMES);
        // (json:// stored no polymorphic value at all: it refuses an Item behind an Object field)
        forEachScenario((scheme, s) -> assertThat(third).as(s)
                .containsEntry(s + ".wrong", "0").containsEntry(s + ".facadeWrong", "0")
                .containsEntry(s + ".runs", s.endsWith(".polymorphic") ? "" + N : "0")
                .containsEntry(s + ".facadeEqual", refusedByJson(s) ? "0" : "" + N)
                .containsEntry(s + ".facadeAbsent", refusedByJson(s) ? "" + N : "0"));
    }

    private static boolean refusedByJson(String fact) {
        return fact.startsWith("json.") && FleetVersions.JSON_REFUSED.contains(fact.substring("json.".length()));
    }

    @Test
    void rollingDeployKeepsBothReleasesHitRatesAndValuesApart() throws Exception {
        Fork one = start(current(), 1, "rolling", SCHEMES, "1500", "-Dfleet.peers=2");
        Fork two = start(current(), 2, "rolling", SCHEMES, "1500", "-Dfleet.peers=2");
        Map<String, String> v1 = finish(one);
        Map<String, String> v2 = finish(two);
        for (Map<String, String> facts : List.of(v1, v2)) {
            for (String scheme : SCHEMES.split(",")) {
                for (String scenario : FleetVersions.ALL) {
                    String s = scheme + "." + scenario;
                    if (scenario.equals("polymorphic")) {
                        // one key for both releases: they take turns, but never read the other's value
                        assertThat(facts).containsEntry(s + ".wrong", "0");
                        continue;
                    }
                    long calls = Long.parseLong(facts.get(s + ".calls"));
                    long hits = Long.parseLong(facts.get(s + ".hits"));
                    assertThat(calls).as(s + " calls").isGreaterThan(N);
                    assertThat(hits).as(s + " hit rate after warm-up").isGreaterThanOrEqualTo(calls * 9 / 10);
                    assertThat(facts).containsEntry(s + ".wrong", "0");
                }
            }
        }
    }

    private static final String SCHEMES = "kryo,java,json";

    private interface ScenarioCheck {
        void check(String scheme, String fact);
    }

    private static void forEachScenario(ScenarioCheck check) {
        for (String scheme : SCHEMES.split(",")) {
            for (String scenario : FleetVersions.ALL) {
                check.check(scheme, scheme + "." + scenario);
            }
        }
    }

    // --- forking --------------------------------------------------------------------------------

    private static final Path WORK = Paths.get("target", "fleet");
    private static int runs;

    private static Path current() {
        return Paths.get(System.getProperty("java.home"));
    }

    /** JDK 25 when installed; in CI (CI=true) its absence is a failure, elsewhere the running JDK stands in. */
    private static Path jdk25() {
        Path jdk = Paths.get(System.getProperty("cachetory.it.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (Files.isExecutable(jdk.resolve("bin/java"))) {
            return jdk;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("JDK 25 is missing at " + jdk);
        }
        return current();
    }

    private static Map<String, String> run(Path jdk, int version, String mode, String schemes) throws Exception {
        return finish(start(jdk, version, mode, schemes, "0", "-Dfleet.peers=1"));
    }

    /** A fleet JVM: {@link FleetApp} with release {@code version} first on its class path. */
    private static Fork start(Path jdk, int version, String mode, String schemes, String millis, String peers)
            throws Exception {
        Files.createDirectories(WORK);
        String id = "v" + version + "-" + mode + "-" + (++runs);
        List<String> command = List.of(jdk.resolve("bin/java").toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", peers,
                "-cp", FleetVersions.compiled(version) + File.pathSeparator + System.getProperty("java.class.path"),
                FleetApp.class.getName(), mode, server.url().replaceFirst("/0$", ""), schemes, "" + N, millis);
        Path out = WORK.resolve(id + ".out");
        Path err = WORK.resolve(id + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Fork(command, process, out, err);
    }

    private record Fork(List<String> command, Process process, Path out, Path err) {}

    private static Map<String, String> finish(Fork fork) throws Exception {
        boolean done = fork.process().waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            fork.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String stdout = Files.readString(fork.out(), StandardCharsets.UTF_8);
        String stderr = Files.readString(fork.err(), StandardCharsets.UTF_8);
        assertThat(done && fork.process().exitValue() == 0)
                .as("fleet JVM failed: %s%n--- stdout ---%n%s%n--- stderr ---%n%s", String.join(" ", fork.command()), stdout, stderr)
                .isTrue();
        Map<String, String> facts = new LinkedHashMap<>();
        for (String line : stdout.split("\\R")) {
            if (line.startsWith("FACT ")) {
                int eq = line.indexOf('=');
                facts.put(line.substring(5, eq), line.substring(eq + 1));
            }
        }
        return facts;
    }
}
