package io.cachetory.agent.it;

import static io.cachetory.agent.it.AgentMachineryIT.assertClean;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.agent.it.ForkedJvm.Jdk;
import io.cachetory.agent.it.ForkedJvm.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Memoization through the agent in forked JVMs (JDK 17 and 25). Needs the real memoization runtime
 * of cachetory-core behind MemoBridge.
 */
class MemoizationIT {
    static java.util.stream.Stream<Jdk> jdks() {
        return ForkedJvm.jdks();
    }

    /** Both instrumentation paths: the ASM fast path (default) and Byte Buddy's Advice (its fallback). */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> jdksAndPaths() {
        return AgentMachineryIT.jdksAndPaths();
    }

    @ParameterizedTest(name = "{0}, fast path {1}")
    @MethodSource("jdksAndPaths")
    void everyCachedShapeIsMemoized(Jdk jdk, boolean fastPath) throws Exception {
        List<String> options = fastPath ? ForkedJvm.agentOptions(jdk) : ForkedJvm.agentOptions(jdk, ForkedJvm.FAST_PATH_OFF);
        Result r = ForkedJvm.run(jdk, options, ForkedJvm.appClassPath(), "com.example.agentapp.MemoApp");
        assertClean(r);
        assertThat(r.facts()).as(r.describe())
                .containsEntry("quoteSame", "true")
                .containsEntry("quoteBodyRuns", "2")
                .containsEntry("rateSame", "true")
                .containsEntry("staticBodyRuns", "1")
                .containsEntry("privateBodyRuns", "1")
                .containsEntry("finalBodyRuns", "1")
                .containsEntry("lengthValue", "4,4")
                .containsEntry("primitiveBodyRuns", "1")
                .containsEntry("outer", "inner-k/inner-k")
                .containsEntry("selfInvocationBodyRuns", "1")
                .containsEntry("later", "later-f,later-f")
                .containsEntry("futureBodyRuns", "1")
                .containsEntry("failingMessage", "boom x")
                .containsEntry("failingBodyRuns", "2")
                .containsEntry("defaultMethod", "hello g,hello g")
                .containsEntry("defaultMethodBodyRuns", "1")
                .containsEntry("ttlHitBeforeExpiry", "true")
                .containsEntry("ttlBodyRunsAfterExpiry", "2");
    }

    @ParameterizedTest(name = "{0}, fast path {1}")
    @MethodSource("jdksAndPaths")
    void staleIfErrorAndRefreshWorkOnEveryShape(Jdk jdk, boolean fastPath) throws Exception {
        List<String> options = fastPath ? ForkedJvm.agentOptions(jdk) : ForkedJvm.agentOptions(jdk, ForkedJvm.FAST_PATH_OFF);
        Result r = ForkedJvm.run(jdk, options, ForkedJvm.appClassPath(), "com.example.agentapp.LoadProtectionApp");
        assertClean(r);
        assertThat(r.facts()).as(r.describe())
                .containsEntry("stalePrivate", "true")
                .containsEntry("staleStatic", "true")
                .containsEntry("stalePrimitive", "true")
                .containsEntry("staleFuture", "true")
                .containsEntry("refreshAnsweredAtOnce", "true")
                .containsEntry("refreshed", "r:v2")
                .containsEntry("bodyRunsBeforeRefresh", "9");
    }

    @ParameterizedTest(name = "{0}, fast path {1}")
    @MethodSource("jdksAndPaths")
    void parameterAndReturnShapesAreBoxedFramedAndMemoized(Jdk jdk, boolean fastPath) throws Exception {
        List<String> options = fastPath ? ForkedJvm.agentOptions(jdk) : ForkedJvm.agentOptions(jdk, ForkedJvm.FAST_PATH_OFF);
        Result r = ForkedJvm.run(jdk, options, ForkedJvm.appClassPath(), "com.example.agentapp.ShapesApp");
        assertClean(r);
        assertThat(r.facts()).as(r.describe())
                .containsEntry("wide", "111.75,111.75")
                .containsEntry("sum", "55,55")
                .containsEntry("dayOf", "d1000,d1000,d-129")
                .containsEntry("priceOn", "A:B128,A:B128")
                .containsEntry("since", Integer.MIN_VALUE + "t," + Integer.MIN_VALUE + "t")
                .containsEntry("picked", "x1,x1") // @CacheKey and the prefix, as the agent read them
                .containsEntry("flag", "true,true")
                .containsEntry("initial", "z,z")
                .containsEntry("joined", "a+b,a+b")
                .containsEntry("mapped", "[<p>, <q>],[<p>, <q>]")
                .containsEntry("many", "28,28")
                .containsEntry("nothing", "null,null")
                .containsEntry("bodyRuns", "14") // one per shape and argument list, two for the uncached null
                .containsEntry("marked", "true")
                .containsEntry("wideParameterNames", "[a, b, c, d, e, f, g, h, i]")
                .containsEntry("wideAnnotated", "true")
                .containsEntry("joinedVarArgs", "true")
                .containsEntry("mappedGeneric",
                        "public <T extends java.lang.CharSequence> java.util.List<java.lang.String> com.example.agentapp.ShapesService.mapped(java.util.List<T>)")
                .containsEntry("flagSynchronized", "true")
                .containsEntry("annotatedMethods", "12");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aClassBothInstrumentedAndProxiedIsCachedOnceAndPurgeWorks(Jdk jdk) throws Exception {
        Result r = ForkedJvm.run(jdk, ForkedJvm.agentOptions(jdk), ForkedJvm.appClassPath(), "com.example.agentapp.ProxyAndPurgeApp");
        assertClean(r);
        assertThat(r.facts()).as(r.describe())
                .containsEntry("proxiedBodyRuns", "1")
                .containsEntry("proxiedHits", "1")
                .containsEntry("proxiedMisses", "1")
                .containsEntry("purged", "true")
                .containsEntry("purgeRanBody", "false")
                .containsEntry("quoteBodyRunsAfterPurge", "2")
                .containsEntry("purgedPrimitive", "true");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void mockitoInTheSameJvmStillWorksAndRealInstancesMemoize(Jdk jdk) throws Exception {
        // Mockito as an agent too (as the parent pom's Surefire line does), so it does not self-attach.
        // -Xshare:off: Mockito's inline mock maker appends to the boot class path, and with CDS on the
        // JVM then warns "Sharing is only supported for boot loader classes" (with or without our agent).
        Path log = Files.createDirectories(ForkedJvm.WORK).resolve("classload-mockito-" + jdk.feature() + ".log");
        List<String> options = ForkedJvm.agentOptions(jdk, "-Xshare:off", "-Xlog:class+load=info:file=" + log,
                "-javaagent:" + ForkedJvm.property("cachetory.it.mockitoJar"));
        Result r = ForkedJvm.run(jdk, options, ForkedJvm.appClassPath(), "com.example.agentapp.MockitoApp");
        assertClean(r);
        // Mockito retransforms PriceService: the fast path re-applies the same split (same members), it
        // is not advised by Byte Buddy on top (realBodyRuns=1: memoized once, not twice)
        assertThat(Files.readAllLines(log)).as("agent's Byte Buddy loaded")
                .noneMatch(l -> l.contains("io.cachetory.agent.shaded.bytebuddy.ByteBuddy "));
        assertThat(r.facts()).as(r.describe())
                .containsEntry("mockValues", "42,42")
                .containsEntry("bodyRunsAfterMock", "1")
                .containsEntry("realValues", "30,30")
                .containsEntry("realBodyRuns", "1")
                .containsEntry("marked", "true");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void installAttachesAtRunTimeAndRetransformsLoadedClasses(Jdk jdk) throws Exception {
        List<String> options = new ArrayList<>();
        if (jdk.feature() >= 21) {
            options.add("-XX:+EnableDynamicAgentLoading"); // else the JVM warns about a dynamically loaded agent
        }
        String classPath = ForkedJvm.AGENT_JAR + java.io.File.pathSeparator + ForkedJvm.appClassPath();
        Result r = ForkedJvm.run(jdk, options, classPath, "com.example.agentapp.InstallApp");
        assertClean(r);
        assertThat(r.facts()).as(r.describe())
                .containsEntry("installedBefore", "false")
                .containsEntry("installedAfter", "true")
                .containsEntry("earlyMarked", "true")
                .containsEntry("lateMarked", "true")
                .containsEntry("earlyBodyRuns", "2")
                .containsEntry("lateBodyRuns", "1");
    }
}
