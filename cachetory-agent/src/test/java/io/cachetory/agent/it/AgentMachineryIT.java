package io.cachetory.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.agent.it.ForkedJvm.Jdk;
import io.cachetory.agent.it.ForkedJvm.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent machinery in forked JVMs (JDK 17 and 25): classes are transformed and still verify and
 * run, Byte Buddy stays unloaded without @Cached classes, failures are reported in one line, no
 * warning otherwise. Holds with any memoization runtime (even one that runs every body).
 */
class AgentMachineryIT {
    static java.util.stream.Stream<Jdk> jdks() {
        return ForkedJvm.jdks();
    }

    /**
     * The JDKs that read major-69 class files. JDK 25 is part of CI, so its absence fails there; on a
     * developer machine without it the test is reported as skipped (the one JDK it gets is too old).
     */
    static java.util.stream.Stream<Jdk> jdks25() {
        java.util.List<Jdk> recent = ForkedJvm.jdks().filter(jdk -> jdk.feature() >= 25).toList();
        if (!recent.isEmpty()) {
            return recent.stream();
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("no JDK 25 found for the class-file test (CI must provide one)");
        }
        return ForkedJvm.jdks().limit(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void everyCachedShapeIsInstrumentedAndRuns(Jdk jdk) throws Exception {
        Result r = ForkedJvm.run(jdk, ForkedJvm.agentOptions(jdk), ForkedJvm.appClassPath(), "com.example.agentapp.MachineryApp");
        assertClean(r);
        Map<String, String> facts = r.facts();
        assertThat(facts).as(r.describe())
                .containsEntry("quote", "Ax2EUR")
                .containsEntry("rate", "600")
                .containsEntry("secret", "hidden-k")
                .containsEntry("fixed", "fixed-k")
                .containsEntry("length", "4")
                .containsEntry("later", "later-k")
                .containsEntry("later2", "later-k2")
                .containsEntry("outer", "inner-k/inner-k")
                .containsEntry("failing", "boom x")
                .containsEntry("markedQuoteService", "true")
                .containsEntry("markedPlainService", "false")
                .containsEntry("plain", "p")
                .containsEntry("greeting", "hello g")
                .containsEntry("markedDefaultGreeter", "true")
                .containsEntry("agentInstalled", "true");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void byteBuddyIsNotLoadedWithoutCachedClasses(Jdk jdk) throws Exception {
        Path log = Files.createDirectories(ForkedJvm.WORK).resolve("classload-nocached-" + jdk.feature() + ".log");
        Result r = ForkedJvm.run(jdk, ForkedJvm.agentOptions(jdk, "-Xlog:class+load=info:file=" + log),
                ForkedJvm.appClassPath(), "com.example.agentapp.NoCachedMain");
        assertClean(r);
        assertThat(r.facts()).containsEntry("plain", "p");
        List<String> loaded = Files.readAllLines(log);
        assertThat(loaded).as("agent classes loaded").anyMatch(l -> l.contains("io.cachetory.agent.CachetoryAgent "));
        assertThat(loaded).as("Byte Buddy classes loaded").noneMatch(l -> l.contains("io.cachetory.agent.shaded."));

        // with the fast path off, the first @Cached class loads Byte Buddy (the fallback path)
        Path log2 = ForkedJvm.WORK.resolve("classload-cached-bytebuddy-" + jdk.feature() + ".log");
        Result cached = ForkedJvm.run(jdk, ForkedJvm.agentOptions(jdk, ForkedJvm.FAST_PATH_OFF, "-Xlog:class+load=info:file=" + log2),
                ForkedJvm.appClassPath(), "com.example.agentapp.CachedMain");
        assertClean(cached);
        assertThat(cached.facts()).as(cached.describe()).containsEntry("quoteBodyRuns", "1");
        assertThat(Files.readAllLines(log2)).anyMatch(l -> l.contains("io.cachetory.agent.shaded.bytebuddy.ByteBuddy "));
    }

    /**
     * The agent brings up Caffeine on a daemon thread at start, overlapping the application's own start,
     * so the first memoized call does not pay for it; it starts no clock thread and changes no result.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void caffeineIsWarmedUpBeforeTheFirstMemoizedCall(Jdk jdk) throws Exception {
        Path log = Files.createDirectories(ForkedJvm.WORK).resolve("classload-warm-up-" + jdk.feature() + ".log");
        Result r = ForkedJvm.run(jdk, ForkedJvm.agentOptions(jdk, "-Xlog:class+load=info:file=" + log),
                ForkedJvm.appClassPath(), "com.example.agentapp.WarmUpApp");
        assertClean(r);
        assertThat(r.facts()).as(r.describe())
                .containsEntry("warmUpAlive", "false")
                .containsEntry("warmUpDaemon", "true")
                .containsEntry("first", "Ax1EUR")
                .containsEntry("second", "Ax1EUR")
                .containsEntry("quoteBodyRuns", "1");
        List<String> loaded = Files.readAllLines(log);
        int marker = indexOf(loaded, "com.example.agentapp.WarmUpApp$Marker ");
        assertThat(marker).as("the application's marker class was loaded").isPositive();
        assertThat(indexOf(loaded, "com.github.benmanes.caffeine.cache.BoundedLocalCache "))
                .as("Caffeine loaded by the warm-up, before the first call").isBetween(0, marker);
        assertThat(loaded.subList(0, marker)).as("no clock thread for an application that has used no ttl")
                .noneMatch(l -> l.contains("io.cachetory.backend.CoarseClock "));
    }

    /**
     * The agent hands the runtime what each {@code @Cached} says, read off the class file: memoized
     * calls make the JVM parse no annotation (its first builds a proxy class: ~40 ms of start-up).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void memoizedCallsParseNoAnnotationThroughReflection(Jdk jdk) throws Exception {
        Path log = Files.createDirectories(ForkedJvm.WORK).resolve("classload-annotations-" + jdk.feature() + ".log");
        Result r = ForkedJvm.run(jdk, ForkedJvm.agentOptions(jdk, "-Xlog:class+load=info:file=" + log),
                ForkedJvm.appClassPath(), "com.example.agentapp.WarmUpApp");
        assertClean(r);
        assertThat(r.facts()).as(r.describe()).containsEntry("second", "Ax1EUR").containsEntry("quoteBodyRuns", "1");
        assertThat(Files.readAllLines(log)).as("annotation instances are proxies of this handler")
                .noneMatch(l -> l.contains("sun.reflect.annotation.AnnotationInvocationHandler "));
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }

    /** The fast path instruments a class at definition with the relocated ASM only: no Byte Buddy class loads. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theFastPathLoadsNoByteBuddyClassBesideAsm(Jdk jdk) throws Exception {
        Path log = Files.createDirectories(ForkedJvm.WORK).resolve("classload-cached-fast-" + jdk.feature() + ".log");
        Result r = ForkedJvm.run(jdk, ForkedJvm.agentOptions(jdk, "-Xlog:class+load=info:file=" + log),
                ForkedJvm.appClassPath(), "com.example.agentapp.CachedMain");
        assertClean(r);
        assertThat(r.facts()).as(r.describe()).containsEntry("quoteBodyRuns", "1");
        List<String> loaded = Files.readAllLines(log);
        assertThat(loaded).as("the fast path ran").anyMatch(l -> l.contains("io.cachetory.agent.shaded.bytebuddy.jar.asm.ClassReader "));
        assertThat(loaded).as("Byte Buddy classes other than its ASM")
                .filteredOn(l -> l.contains("io.cachetory.agent.shaded.") && !l.contains("io.cachetory.agent.shaded.bytebuddy.jar.asm."))
                .isEmpty();
        assertThat(loaded).as("the Byte Buddy half of the agent").noneMatch(l -> l.contains("io.cachetory.agent.AdviceInstrumenter "));
    }

    /**
     * An exception thrown by a @Cached body keeps the body's file and line at the top of its stack
     * trace, on both paths. The fast path adds a frame: the body runs in {@code explode$cachetory$body},
     * called from {@code explode} (the annotated method, whose frame shows the body's first line).
     */
    @ParameterizedTest(name = "{0}, fast path {1}")
    @MethodSource("jdksAndPaths")
    void stackTracesOfABodyShowItsLines(Jdk jdk, boolean fastPath) throws Exception {
        List<String> options = fastPath ? ForkedJvm.agentOptions(jdk) : ForkedJvm.agentOptions(jdk, ForkedJvm.FAST_PATH_OFF);
        Result r = ForkedJvm.run(jdk, options, ForkedJvm.appClassPath(), "com.example.agentapp.StackTraceApp");
        assertClean(r);
        assertThat(r.facts()).as(r.describe())
                .containsEntry("message", "boom x")
                .containsEntry("topFile", "ThrowingService.java")
                .containsEntry("topLineIsTheThrow", "true")
                .containsEntry("callerFrame", "true")
                .containsEntry("staticTop", "ThrowingService.java:19")
                .containsEntry("marked", "true");
        if (fastPath) {
            assertThat(r.facts()).as(r.describe())
                    .containsEntry("topMethod", "explode$cachetory$body")
                    .containsEntry("explodeFrames", "explode$cachetory$body:true;explode:true;");
        } else {
            assertThat(r.facts()).as(r.describe())
                    .containsEntry("topMethod", "explode")
                    .containsEntry("explodeFrames", "explode:true;");
        }
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> jdksAndPaths() {
        return ForkedJvm.jdks().flatMap(jdk -> java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(jdk, true),
                org.junit.jupiter.params.provider.Arguments.of(jdk, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aClassThatCannotBeInstrumentedIsReportedInOneLine(Jdk jdk) throws Exception {
        Result r = ForkedJvm.run(jdk, ForkedJvm.agentOptions(jdk), ForkedJvm.appClassPath(), "com.example.agentapp.FailureApp");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr().lines().toList()).as(r.describe()).hasSize(1);
        assertThat(r.stderr()).as(r.describe())
                .startsWith("[cachetory-agent] ERROR cannot instrument com.example.agentapp.isolated.IsolatedService: io.cachetory.memo.MemoBridge");
        assertThat(r.facts()).as(r.describe())
                .containsEntry("isolated", "hello world")
                .containsEntry("quote", "Ax1EUR")
                .containsEntry("markedQuoteService", "true");
    }

    /** A class file of the newest version (major 69) is instrumented on JDK 25. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks25")
    void jdk25ClassFilesAreInstrumented(Jdk jdk) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(jdk.feature() >= 25, "needs JDK 25 (none on this machine)");
        Path src = Files.createDirectories(ForkedJvm.WORK.resolve("jdk25-src/com/example/jdk25"));
        Path classes = Files.createDirectories(ForkedJvm.WORK.resolve("jdk25-classes"));
        Files.writeString(src.resolve("Jdk25App.java"), """
                package com.example.jdk25;

                import io.cachetory.annotations.Cached;

                public class Jdk25App {
                    static int runs;

                    @Cached
                    public String hi(String name) {
                        runs++;
                        return "hi " + name;
                    }

                    public static void main(String[] args) throws Exception {
                        var app = new Jdk25App();
                        System.out.println("FACT hi=" + app.hi("x") + "," + app.hi("x"));
                        var registry = Class.forName("io.cachetory.memo.InstrumentedTypes");
                        var contains = registry.getDeclaredMethod("contains", String.class);
                        contains.setAccessible(true);
                        System.out.println("FACT marked=" + contains.invoke(null, Jdk25App.class.getName()));
                        System.out.println("FACT bodyRuns=" + runs);
                    }
                }
                """);
        List<String> javac = new ArrayList<>(List.of(jdk.home().resolve("bin/javac").toString(), "--release", "25",
                "-cp", ForkedJvm.appClassPath(), "-d", classes.toString(), src.resolve("Jdk25App.java").toString()));
        Process p = new ProcessBuilder(javac).redirectErrorStream(true)
                .redirectOutput(ForkedJvm.WORK.resolve("jdk25-javac.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(ForkedJvm.WORK.resolve("jdk25-javac.log"))).isZero();

        Result r = ForkedJvm.run(jdk, ForkedJvm.agentOptions(jdk),
                classes + java.io.File.pathSeparator + ForkedJvm.appClassPath(), "com.example.jdk25.Jdk25App");
        assertClean(r);
        assertThat(r.facts()).as(r.describe()).containsEntry("hi", "hi x,hi x").containsEntry("marked", "true");
    }

    static void assertClean(Result r) {
        assertThat(r.timedOut()).as(r.describe()).isFalse();
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.noisyStderrLines()).as(r.describe()).isEmpty();
    }
}
