package io.cachetory.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.Cache;
import io.cachetory.CacheStats;
import io.cachetory.Cachetory;
import io.cachetory.memo.Memoized;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Load protection across a fleet: real forked JVMs sharing one real redis-server. Bodies print
 * {@code BODY} lines, so runs are counted fleet-wide from the JVMs' output.
 */
class FleetLoadProtectionTest {
    private static RedisServer server;
    private final List<Process> forked = new ArrayList<>();
    private Cache<Object> cache;

    @BeforeAll
    static void startServer() {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void register() {
        FleetService.bodyMillis = 100;
        FleetService.failing = false;
        cache = Cache.fromUrl(server.url(), null);
        Cachetory.registry().register(FleetService.CACHE, cache);
    }

    @AfterEach
    void cleanUp() {
        forked.forEach(Process::destroyForcibly);
        cache.close();
    }

    @Test
    void fourJvmsOfFourThreadsMissingOneKeyRunTheBodyOnce() throws Exception {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(fork("stampede", "hot", "4", "4", "500"));
        }
        List<String> results = new ArrayList<>();
        int bodies = 0;
        for (Node n : nodes) {
            String out = n.await();
            bodies += n.count("BODY ");
            results.addAll(n.lines("RESULT "));
            assertThat(out).as("node output").contains("RESULT ");
            // every JVM missed: the one body run was shared across JVMs, not found by late callers
            assertThat(Long.parseLong(n.facts().get("misses"))).as("misses in a JVM; output:\n" + out).isPositive();
        }
        assertThat(bodies).isEqualTo(1);
        assertThat(results).hasSize(16);
        assertThat(results.stream().distinct()).hasSize(1);
    }

    @Test
    void whenTheLeaseHoldersBodyThrowsAWaiterElsewhereLoadsOnceAndTheOthersGetItsValue() throws Exception {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(fork("stampede-first-fails", "brittle", "3", "3", "300"));
        }
        List<String> results = new ArrayList<>();
        int bodies = 0;
        int jvmsWithFailures = 0;
        for (Node n : nodes) {
            n.await();
            bodies += n.count("BODY ");
            results.addAll(n.lines("RESULT "));
            List<String> failed = n.lines("FAILED ");
            assertThat(failed).allMatch(f -> f.equals("java.lang.IllegalStateException: service down"));
            jvmsWithFailures += failed.isEmpty() ? 0 : 1;
        }
        assertThat(bodies).as("the failed run, then one load fleet-wide").isEqualTo(2);
        assertThat(jvmsWithFailures).as("only callers that shared the failed run see its exception").isEqualTo(1);
        assertThat(results).isNotEmpty();
        assertThat(results.stream().distinct()).hasSize(1);
    }

    @Test
    void aFutureMethodWithFleetSingleFlightAndRefreshIsReloadedInTheBackgroundOverRedis() throws Exception {
        cache.close();
        cache = Cache.fromUrl(patientUrl(), null); // a read timing out on a loaded machine would be a miss
        Cachetory.registry().register(FleetService.CACHE, cache);
        FleetService.FutureQuotes quotes = Cachetory.create(FleetService.FutureQuotes.class);
        assertThat(quotes.quote("AAPL").get(5, TimeUnit.SECONDS)).isEqualTo("AAPL=1");
        Thread.sleep(300); // older than refresh: a hit answers at once and starts one reload
        // the reload is held in its body: callers keep getting the stored value meanwhile
        assertThat(quotes.quote("AAPL").get(2, TimeUnit.SECONDS)).isEqualTo("AAPL=1");
        assertThat(quotes.quote("AAPL").get(2, TimeUnit.SECONDS)).isEqualTo("AAPL=1");
        quotes.gate.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String value = "AAPL=1";
        while (value.equals("AAPL=1") && System.nanoTime() < deadline) {
            Thread.sleep(10);
            value = quotes.quote("AAPL").get(5, TimeUnit.SECONDS);
        }
        assertThat(value).as("the reload's value replaced the entry").isEqualTo("AAPL=2");
        assertThat(quotes.runs.get()).as("one reload, however many hits saw the old entry").isEqualTo(2);
    }

    @Test
    void aKilledLeaseHolderHoldsTheOthersOnlyUntilItsLeaseEnds() throws Exception {
        Node holder = fork("stampede", "orphan", "1", "1", "60000");
        holder.awaitLine("BODY ", Duration.ofSeconds(30));
        Cache<String> shared = Cache.fromUrl(patientUrl(), null);
        shared.get("warm-up"); // connected before the race
        Memoized<String, String> load = FleetService.loader(shared);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(pool.submit(() -> load.apply("orphan")));
            }
            Thread.sleep(200);
            assertThat(calls).noneMatch(Future::isDone); // waiting for the holder's lease
            holder.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            String mine = "orphan@" + ProcessHandle.current().pid();
            for (Future<String> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(mine);
            }
        } finally {
            pool.shutdownNow();
            shared.close();
        }
        assertThat(load.stats().loads()).isEqualTo(1);
    }

    @Test
    void refreshAcrossThreeJvmsReloadsAboutOncePerPeriodAndCallersNeverWait() throws Exception {
        long runMillis = 2000;
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(fork("refresh", "ticker", "1", "3", "100", Long.toString(runMillis)));
        }
        int bodies = 0;
        for (Node n : nodes) {
            n.await();
            bodies += n.count("BODY ");
            Map<String, String> facts = n.facts();
            assertThat(facts.get("bodiesOnCaller")).as("bodies run on the calling thread after the first call").isEqualTo("0");
            assertThat(Long.parseLong(facts.get("misses"))).as("misses").isLessThanOrEqualTo(1);
            assertThat(Long.parseLong(facts.get("calls"))).isGreaterThan(10);
        }
        // one initial load, then about one reload per 500 ms period fleet-wide (three per period if each JVM reloaded)
        long periods = runMillis / 500;
        assertThat(bodies).isBetween(2, (int) (1 + periods + 2));
    }

    @Test
    void twoClientsWithNearLayersShareOneLoadThroughTheLeaseInRedis() throws Exception {
        // two caches on their own connections stand for two JVMs: nothing in memory joins their loads
        Cache<String> first = Cache.fromUrl(patientUrl() + "&near=100", null);
        Cache<String> second = Cache.fromUrl(patientUrl() + "&near=100", null);
        assertThat(first.leases()).isNotNull();
        first.get("warm-up");
        second.get("warm-up");
        FleetService.bodyMillis = 300;
        Memoized<String, String> a = FleetService.loader(first);
        Memoized<String, String> b = FleetService.loader(second);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Memoized<String, String> m = i % 2 == 0 ? a : b;
                calls.add(pool.submit(() -> m.apply("near")));
            }
            for (Future<String> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("near@" + ProcessHandle.current().pid());
            }
        } finally {
            pool.shutdownNow();
            first.close();
            second.close();
        }
        assertThat(a.stats().loads() + b.stats().loads()).isEqualTo(1);
    }

    @Test
    void staleIfErrorServesTheExpiredValueWithinItsWindowAndNotAfter() throws Exception {
        FleetService service = Cachetory.create(FleetService.class);
        FleetService.bodyMillis = 0;
        assertThat(service.stale("s")).isEqualTo("s@" + ProcessHandle.current().pid());
        long written = System.currentTimeMillis(); // the entry was written before this
        FleetService.failing = true;
        Thread.sleep(Math.max(0, written + 400 - System.currentTimeMillis()));
        assertThat(service.stale("s")).isEqualTo("s@" + ProcessHandle.current().pid());
        assertThat(Cachetory.registry().stats(FleetService.CACHE).staleServed()).isEqualTo(1);
        // past ttl + staleIfError (900 ms) Redis has dropped the entry
        Thread.sleep(Math.max(0, written + 1000 - System.currentTimeMillis()));
        assertThatThrownBy(() -> service.stale("s")).isInstanceOf(IllegalStateException.class).hasMessage("service down");
    }

    @Test
    void aDeadServerNeverFailsAFleetCall() {
        RedisServer dead = RedisServer.start();
        dead.stop();
        Cache<Object> down = Cache.fromUrl(dead.url() + "?timeout=200ms", null);
        try {
            Cachetory.registry().register(FleetService.CACHE, down);
            FleetService service = Cachetory.create(FleetService.class);
            assertThat(service.load("down")).isEqualTo("down@" + ProcessHandle.current().pid());
            CacheStats stats = Cachetory.registry().stats(FleetService.CACHE);
            assertThat(stats.loads()).isEqualTo(1);
            assertThat(stats.backendErrors()).isGreaterThanOrEqualTo(2); // read, lease (and write)
        } finally {
            down.close();
            dead.close();
        }
    }

    @Test
    void aHungServerHoldsAFleetCallAtMostThreeTimeouts() {
        RedisServer hung = RedisServer.start();
        Cache<Object> slow = Cache.fromUrl(hung.url() + "?timeout=200ms", null);
        try {
            Cachetory.registry().register(FleetService.CACHE, slow);
            FleetService service = Cachetory.create(FleetService.class);
            FleetService.bodyMillis = 0;
            service.load("connect"); // connected before the server hangs
            hung.pause();
            long start = System.nanoTime();
            assertThat(service.load("hung")).isEqualTo("hung@" + ProcessHandle.current().pid());
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // read, lease and write each give up after the timeout; generous slack (this proves "returns", not
            // speed), still well below the 3 s lease a waiter would sit out
            assertThat(tookMillis).isLessThan(3 * 200 + 1200);
        } finally {
            hung.resume();
            slow.close();
            hung.close();
        }
    }

    private Node fork(String... args) throws IOException {
        Path out = Files.createTempFile("fleet-node-", ".out");
        out.toFile().deleteOnExit();
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath(), FleetNode.class.getName(), patientUrl()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        forked.add(p);
        return new Node(p, out);
    }

    /** A timeout no loaded build machine reaches: these tests are about leases, not about fail-open. */
    private static String patientUrl() {
        return server.url() + "?timeout=10s";
    }

    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private record Node(Process process, Path out) {
        String await() throws Exception {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
            String text = read();
            assertThat(process.exitValue()).as("node exit code; output:\n" + text).isZero();
            return text;
        }

        void awaitLine(String prefix, Duration within) throws Exception {
            long deadline = System.nanoTime() + within.toNanos();
            while (count(prefix) == 0) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("no '" + prefix + "' line; output:\n" + read());
                }
                Thread.sleep(10);
            }
        }

        String read() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        List<String> lines(String prefix) throws IOException {
            return read().lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).collect(Collectors.toList());
        }

        int count(String prefix) throws IOException {
            return lines(prefix).size();
        }

        Map<String, String> facts() throws IOException {
            return lines("FACT ").stream().collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
        }
    }
}
