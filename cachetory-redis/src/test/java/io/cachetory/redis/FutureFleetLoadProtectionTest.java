package io.cachetory.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import io.cachetory.CacheStats;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import io.cachetory.annotations.SingleFlight;
import io.cachetory.backend.LeaseBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Load protection of methods returning futures over a real redis-server: fleet leases taken, waited
 * for and released without any thread waiting. Another JVM is played by a second client holding
 * leases and writing entries behind the memoized method's back.
 */
class FutureFleetLoadProtectionTest {
    static final String CACHE = "future-fleet";
    static final String OTHER_JVM = "token-of-another-jvm";
    private static RedisServer server;
    private Cache<Object> cache;
    private AsyncCache<Object> async;
    /** The other JVM's connection. */
    private Cache<Object> other;

    public static class Quotes {
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        volatile boolean failing;
        final CountDownLatch reloadGate = new CountDownLatch(1);

        int runs(String key) {
            AtomicInteger n = runs.get(key);
            return n == null ? 0 : n.get();
        }

        private int run(String key) {
            return runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }

        @Cached(cache = CACHE, prefix = "fq", singleFlight = SingleFlight.FLEET, lease = "60s")
        public CompletableFuture<String> quote(String key) {
            run(key);
            return CompletableFuture.completedFuture("quote:" + key);
        }

        @Cached(cache = CACHE, prefix = "fs", ttl = "300ms", staleIfError = "600ms", singleFlight = SingleFlight.FLEET)
        public CompletableFuture<String> stale(String key) {
            run(key);
            return failing ? CompletableFuture.failedFuture(new IllegalStateException("service down"))
                    : CompletableFuture.completedFuture("stale:" + key);
        }

        /** Every run after the first waits for {@link #reloadGate}, on the thread that runs it. */
        @Cached(cache = CACHE, prefix = "fr", ttl = "10s", refresh = "300ms", singleFlight = SingleFlight.FLEET, lease = "5s")
        public CompletableFuture<String> refreshed(String key) throws InterruptedException {
            int n = run(key);
            if (n > 1 && !reloadGate.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
            return CompletableFuture.completedFuture(key + "=" + n);
        }
    }

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
        try (RedisServer.Admin admin = server.admin()) {
            admin.sync().flushall(); // each test primes its own keys
        }
        register(server.url() + "?timeout=5s"); // patient: a read timing out on a loaded machine would be a miss
        other = Cache.fromUrl(server.url() + "?timeout=5s", null);
    }

    private void register(String url) {
        cache = Cache.fromUrl(url, null);
        async = AsyncCache.fromUrl(url, null);
        Cachetory.registry().register(CACHE, cache, async); // both faces on Redis: reads never block
    }

    @AfterEach
    void cleanUp() {
        cache.close();
        async.close();
        other.close();
    }

    private static CacheStats stats() {
        return Cachetory.registry().stats(CACHE);
    }

    /** The key a method of this prefix stores {@code arg} under, learned from what a first call stored. */
    private String keyOf(String methodPrefix, String arg) throws Exception {
        try (RedisServer.Admin admin = server.admin()) {
            List<String> keys = admin.sync().keys(methodPrefix + "#*:prime");
            assertThat(keys).as("the entry of the priming call").hasSize(1);
            String primed = keys.get(0);
            return primed.substring(0, primed.length() - "prime".length()) + arg;
        }
    }

    /** Holds the lease of {@code key} as another JVM would (the lock key of {@code FleetLease}). */
    private void holdLease(String key) {
        LeaseBackend leases = other.leases();
        assertThat(leases.tryLease(key + ".lock", OTHER_JVM, Duration.ofSeconds(60))).isEqualTo(OTHER_JVM);
    }

    private void releaseLease(String key) {
        assertThat(other.leases().releaseLease(key + ".lock", OTHER_JVM)).isTrue();
    }

    @Test
    void waitingFutureCallsHoldNoThread() throws Exception {
        Quotes quotes = Cachetory.create(Quotes.class);
        assertThat(quotes.quote("prime").get(10, TimeUnit.SECONDS)).isEqualTo("quote:prime"); // connected, key form known
        int calls = 50;
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            keys.add(keyOf("fq", "held-" + i));
            holdLease(keys.get(i));
        }
        Set<Long> before = Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());

        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            futures.add(quotes.quote("held-" + i));
        }
        Thread.sleep(500); // every call has polled several times, up to the 50 ms pause

        assertThat(futures).noneMatch(CompletableFuture::isDone);
        Map<Thread, StackTraceElement[]> during = Thread.getAllStackTraces();
        List<String> newThreads = during.keySet().stream().filter(t -> !before.contains(t.getId()))
                .map(Thread::getName).sorted().toList();
        assertThat(newThreads).as("threads started while %d calls wait", calls)
                .noneMatch(name -> name.startsWith("cachetory-load-"));
        // not one per call: the common pool is bounded by its parallelism; other new threads are not
        // ours (a previous test's clients shutting down start some) and stay far below one per call
        assertThat(newThreads.stream().filter(name -> name.startsWith("ForkJoinPool.commonPool-worker-")))
                .hasSizeLessThanOrEqualTo(ForkJoinPool.getCommonPoolParallelism());
        assertThat(newThreads).hasSizeLessThan(calls);
        // A thread parked (or blocked) with memoization on its stack is one a call holds. Logging is
        // not waiting: a failure of an earlier test's work cut off by its clients' close may be being
        // logged (the console is locked) while this one runs.
        List<String> blockedInMemoization = during.entrySet().stream()
                .filter(e -> e.getKey() != Thread.currentThread() && e.getKey().getState() != Thread.State.RUNNABLE)
                .filter(e -> Arrays.stream(e.getValue()).filter(f -> f.getClassName().startsWith("io.cachetory.memo."))
                        .findFirst().filter(f -> !f.getClassName().startsWith("io.cachetory.memo.FailureLog")).isPresent())
                .map(e -> e.getKey().getName() + " " + e.getKey().getState() + " " + Arrays.toString(e.getValue())).toList();
        assertThat(blockedInMemoization).as("threads waiting inside memoization while the calls wait").isEmpty();
        assertThat(quotes.runs.keySet()).as("bodies run").containsOnly("prime");

        for (String key : keys) {
            releaseLease(key); // the other JVM gives up without storing: each waiter takes the lease and loads
        }
        for (int i = 0; i < calls; i++) {
            assertThat(futures.get(i).get(20, TimeUnit.SECONDS)).isEqualTo("quote:held-" + i);
            assertThat(quotes.runs("held-" + i)).as("body runs of held-" + i).isEqualTo(1);
        }
        assertThat(stats().loads()).isEqualTo(1 + calls);
    }

    @Test
    void aFutureFleetMissOverAHeldLeaseGetsTheHoldersValueWithoutRunningTheBody() throws Exception {
        Quotes quotes = Cachetory.create(Quotes.class);
        quotes.quote("prime").get(10, TimeUnit.SECONDS);
        String key = keyOf("fq", "held");
        holdLease(key);
        CompletableFuture<String> waiting = quotes.quote("held");
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        other.set(key, "stored by the holder", Duration.ofMinutes(1)); // the holder stores, then releases
        releaseLease(key);
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("stored by the holder");
        assertThat(quotes.runs("held")).isZero();
        assertThat(stats().loads()).as("the priming call's only").isEqualTo(1);
        assertThat(stats().misses()).isEqualTo(2);
    }

    @Test
    void aFutureFleetLoadStoresThenReleasesItsLease() throws Exception {
        Quotes quotes = Cachetory.create(Quotes.class);
        quotes.quote("prime").get(10, TimeUnit.SECONDS);
        String key = keyOf("fq", "prime");
        assertThat(other.get(key)).isEqualTo("quote:prime");
        // released: another JVM takes the lease at once
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String holder = other.leases().tryLease(key + ".lock", OTHER_JVM, Duration.ofSeconds(5));
        while (!holder.equals(OTHER_JVM) && System.nanoTime() < deadline) {
            Thread.sleep(5); // the release is sent without waiting: it may trail the future by a round trip
            holder = other.leases().tryLease(key + ".lock", OTHER_JVM, Duration.ofSeconds(5));
        }
        assertThat(holder).isEqualTo(OTHER_JVM);
    }

    @Test
    void staleIfErrorServesTheExpiredValueOfAFutureMethodWithinItsWindowAndNotAfter() throws Exception {
        Quotes quotes = Cachetory.create(Quotes.class);
        assertThat(quotes.stale("s").get(10, TimeUnit.SECONDS)).isEqualTo("stale:s");
        long written = System.currentTimeMillis(); // the entry was written before this
        quotes.failing = true;
        Thread.sleep(Math.max(0, written + 400 - System.currentTimeMillis()));
        assertThat(quotes.stale("s").get(10, TimeUnit.SECONDS)).isEqualTo("stale:s");
        assertThat(stats().staleServed()).isEqualTo(1);
        assertThat(stats().loadFailures()).isEqualTo(1);
        // past ttl + staleIfError (900 ms) Redis has dropped the entry
        Thread.sleep(Math.max(0, written + 1000 - System.currentTimeMillis()));
        assertThatThrownBy(() -> quotes.stale("s").get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalStateException.class).hasMessage("service down");
        assertThat(quotes.runs("s")).isEqualTo(3);
    }

    @Test
    void aRefreshHitThroughANearLayerIsCompletedAtOnceAndReloadsInTheBackground() throws Exception {
        cleanUp();
        register(server.url() + "?near=1000&timeout=5s");
        other = Cache.fromUrl(server.url() + "?timeout=5s", null);
        Quotes quotes = Cachetory.create(Quotes.class);
        assertThat(quotes.refreshed("AAPL").get(10, TimeUnit.SECONDS)).isEqualTo("AAPL=1");
        CompletableFuture<String> nearHit = quotes.refreshed("AAPL");
        assertThat(nearHit).isCompletedWithValue("AAPL=1");
        Thread.sleep(400); // older than refresh: the next hit starts one reload, which waits at its gate
        for (int i = 0; i < 20; i++) {
            assertThat(quotes.refreshed("AAPL")).as("hit %d", i).isCompletedWithValue("AAPL=1");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (quotes.runs("AAPL") < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(quotes.runs("AAPL")).as("one reload started, however many hits saw the old entry").isEqualTo(2);
        quotes.reloadGate.countDown();
        String value = "AAPL=1";
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.equals("AAPL=1") && System.nanoTime() < deadline) {
            Thread.sleep(10);
            value = quotes.refreshed("AAPL").get(10, TimeUnit.SECONDS);
        }
        assertThat(value).as("the reload's value replaced the entry").isEqualTo("AAPL=2");
        assertThat(quotes.runs("AAPL")).isEqualTo(2);
    }
}
