package io.cachetory.agent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a test application in a fresh JVM: output goes to files (a full pipe would block the child),
 * the child is killed on timeout. Paths come from Failsafe's system properties (see the module pom).
 */
final class ForkedJvm {
    static final Path AGENT_JAR = Paths.get(property("cachetory.it.agentJar"));
    static final Path WORK = Paths.get(property("cachetory.it.workDir"));
    private static final AtomicInteger RUNS = new AtomicInteger();
    /** What a clean run must never print on stderr. */
    /** Turns the agent's ASM fast path off: every class goes through Byte Buddy's Advice. */
    static final String FAST_PATH_OFF = "-Dcachetory.agent.fastPath=false";
    static final Pattern NOISE = Pattern.compile("(?i)warn|error|exception|^\\s+at |unsafe");

    private ForkedJvm() {}

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (run through Failsafe)");
        }
        return value;
    }

    /** The JDKs to run on: the one running the build (17) and JDK 25 when installed. */
    static Stream<Jdk> jdks() {
        List<Jdk> jdks = new ArrayList<>();
        jdks.add(Jdk.of(Paths.get(System.getProperty("java.home"))));
        Path jdk25 = Paths.get(System.getProperty("cachetory.it.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (Files.isExecutable(jdk25.resolve("bin/java")) && !jdk25.equals(jdks.get(0).home())) {
            jdks.add(Jdk.of(jdk25));
        }
        return jdks.stream();
    }

    /** The application class path: test classes + test-scope dependencies, without the agent's classes. */
    static String appClassPath() {
        try {
            String deps = Files.readString(Paths.get(property("cachetory.it.appClasspathFile"))).trim();
            return property("cachetory.it.testClasses") + java.io.File.pathSeparator + deps;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Result run(Jdk jdk, List<String> jvmOptions, String classPath, String mainClass, String... args) throws Exception {
        Files.createDirectories(WORK);
        String id = mainClass.substring(mainClass.lastIndexOf('.') + 1) + "-" + jdk.feature() + "-" + RUNS.incrementAndGet();
        Path out = WORK.resolve(id + ".out");
        Path err = WORK.resolve(id + ".err");
        List<String> command = new ArrayList<>();
        command.add(jdk.home().resolve("bin/java").toString());
        command.add("-Xshare:auto");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        boolean finished = process.waitFor(90, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return new Result(command, finished ? process.exitValue() : -1, !finished,
                Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static List<String> agentOptions(Jdk jdk, String... more) {
        List<String> options = new ArrayList<>();
        options.add("-javaagent:" + AGENT_JAR);
        options.addAll(List.of(more));
        return options;
    }

    record Jdk(Path home, int feature) {
        static Jdk of(Path home) {
            try {
                String release = Files.readString(home.resolve("release"));
                var m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(release);
                return new Jdk(home, m.find() ? Integer.parseInt(m.group(1)) : Runtime.version().feature());
            } catch (IOException e) {
                return new Jdk(home, Runtime.version().feature());
            }
        }

        @Override
        public String toString() {
            return "JDK " + feature;
        }
    }

    record Result(List<String> command, int exitCode, boolean timedOut, String stdout, String stderr) {
        Map<String, String> facts() {
            Map<String, String> facts = new LinkedHashMap<>();
            for (String line : stdout.split("\\R")) {
                if (line.startsWith("FACT ")) {
                    int eq = line.indexOf('=');
                    facts.put(line.substring(5, eq), line.substring(eq + 1));
                }
            }
            return facts;
        }

        List<String> noisyStderrLines() {
            return stderr.lines().filter(l -> NOISE.matcher(l).find()).toList();
        }

        String describe() {
            return "command: " + String.join(" ", command) + "\nexit: " + exitCode + (timedOut ? " (timed out)" : "")
                    + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }
}
