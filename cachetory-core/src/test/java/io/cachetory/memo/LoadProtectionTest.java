package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.Cache;
import io.cachetory.CacheStats;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import io.cachetory.annotations.SingleFlight;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Refresh-ahead, stale-if-error and fleet single-flight in one JVM over {@code memory://}, on a fake clock. */
class LoadProtectionTest {
    static final String CACHE = "load-protection-test";
    static final AtomicInteger RUNS = new AtomicInteger();
    static final AtomicReference<String> ANSWER = new AtomicReference<>("v1");
    static volatile boolean failing;

    final AtomicLong now = new AtomicLong(1_000_000);

    public static class Service {
        @Cached(cache = CACHE, ttl = "10s", staleIfError = "1m")
        public String quote(String symbol) {
            RUNS.incrementAndGet();
            if (failing) {
                throw new IllegalStateException("service down");
            }
            return symbol + ":" + ANSWER.get();
        }

        @Cached(cache = CACHE, ttl = "10s", staleIfError = "1m")
        public int count(String symbol) {
            RUNS.incrementAndGet();
            if (failing) {
                throw new IllegalStateException("service down");
            }
            return 41;
        }

        @Cached(cache = CACHE, ttl = "10s", staleIfError = "1m")
        public CompletableFuture<String> later(String symbol) {
            RUNS.incrementAndGet();
            return failing ? CompletableFuture.failedFuture(new IllegalStateException("service down"))
                    : CompletableFuture.completedFuture(symbol + ":" + ANSWER.get());
        }

        @Cached(cache = CACHE, ttl = "10s", refresh = "5s")
        public String refreshed(String symbol) {
            RUNS.incrementAndGet();
            return symbol + ":" + ANSWER.get();
        }

        @Cached(cache = CACHE, singleFlight = SingleFlight.FLEET)
        public String fleet(String symbol) throws InterruptedException {
            RUNS.incrementAndGet();
            Thread.sleep(100);
            return symbol;
        }
    }

    public static class RefreshNotShorter {
        @Cached(ttl = "5m", refresh = "5m")
        public String get(String s) {
            return s;
        }
    }

    public static class StaleWithoutTtl {
        @Cached(staleIfError = "1h")
        public String get(String s) {
            return s;
        }
    }

    public static class RefreshWithoutTtl {
        @Cached(refresh = "1m")
        public String get(String s) {
            return s;
        }
    }

    public static class BadLease {
        @Cached(ttl = "1m", singleFlight = SingleFlight.FLEET, lease = "0s")
        public String get(String s) {
            return s;
        }
    }

    public static class BadDuration {
        @Cached(ttl = "1m", refresh = "soon")
        public String get(String s) {
            return s;
        }
    }

    @BeforeEach
    void setUp() {
        RUNS.set(0);
        ANSWER.set("v1");
        failing = false;
        LoadProtection.clock = now::get;
        Cachetory.registry().register(CACHE, Cache.memory());
    }

    @AfterEach
    void tearDown() {
        LoadProtection.clock = LoadProtection.SYSTEM_CLOCK;
    }

    private CacheStats stats() {
        return Cachetory.registry().stats(CACHE);
    }

    @Test
    void staleValueAnswersAFailingBodyWithinTheWindow() {
        Service s = Cachetory.create(Service.class);
        assertThat(s.quote("A")).isEqualTo("A:v1");
        now.addAndGet(11_000);
        failing = true;
        assertThat(s.quote("A")).isEqualTo("A:v1");
        assertThat(RUNS.get()).isEqualTo(2);
        assertThat(stats().staleServed()).isEqualTo(1);
        assertThat(stats().loadFailures()).isEqualTo(1);
    }

    @Test
    void exceptionPropagatesPastTheStaleWindow() {
        Service s = Cachetory.create(Service.class);
        s.quote("A");
        now.addAndGet(10_000 + 60_000);
        failing = true;
        assertThatThrownBy(() -> s.quote("A")).isInstanceOf(IllegalStateException.class).hasMessage("service down");
        assertThat(stats().staleServed()).isZero();
    }

    @Test
    void afterTheTtlASucceedingBodyReplacesTheStaleEntry() {
        Service s = Cachetory.create(Service.class);
        s.quote("A");
        now.addAndGet(11_000);
        ANSWER.set("v2");
        assertThat(s.quote("A")).isEqualTo("A:v2");
        assertThat(s.quote("A")).isEqualTo("A:v2");
        assertThat(RUNS.get()).isEqualTo(2);
    }

    @Test
    void withinTheTtlAStampedEntryIsAPlainHit() {
        Service s = Cachetory.proxy(new Service());
        s.quote("A");
        now.addAndGet(9_000);
        failing = true;
        assertThat(s.quote("A")).isEqualTo("A:v1");
        assertThat(RUNS.get()).isEqualTo(1);
        assertThat(stats().hits()).isEqualTo(1);
    }

    @Test
    void primitiveMethodsServeStaleValuesToo() {
        Service s = Cachetory.create(Service.class);
        assertThat(s.count("A")).isEqualTo(41);
        now.addAndGet(11_000);
        failing = true;
        assertThat(s.count("A")).isEqualTo(41);
        assertThat(stats().staleServed()).isEqualTo(1);
    }

    @Test
    void futureMethodsServeStaleValuesToo() throws Exception {
        Service s = Cachetory.create(Service.class);
        assertThat(s.later("A").get(5, TimeUnit.SECONDS)).isEqualTo("A:v1");
        now.addAndGet(11_000);
        failing = true;
        assertThat(s.later("A").get(5, TimeUnit.SECONDS)).isEqualTo("A:v1");
        now.addAndGet(60_000);
        assertThatThrownBy(() -> s.later("A").get(5, TimeUnit.SECONDS)).hasRootCauseMessage("service down");
        assertThat(stats().staleServed()).isEqualTo(1);
    }

    @Test
    void aHitOlderThanRefreshReturnsAtOnceAndReloadsInTheBackground() throws Exception {
        Service s = Cachetory.create(Service.class);
        assertThat(s.refreshed("A")).isEqualTo("A:v1");
        now.addAndGet(6_000);
        ANSWER.set("v2");
        assertThat(s.refreshed("A")).isEqualTo("A:v1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!s.refreshed("A").equals("A:v2") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(s.refreshed("A")).isEqualTo("A:v2");
        assertThat(RUNS.get()).isEqualTo(2);
    }

    @Test
    void callersNeverWaitForAReloadAndOnlyOneRunsPerKey() throws Exception {
        CountDownLatch reloading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Memoized<String, String> m = Memo.<String, String>of(k -> {
            if (runs.incrementAndGet() > 1) {
                reloading.countDown();
                await(release);
            }
            return k + runs.get();
        }).cache(Cache.memory()).ttl(Duration.ofSeconds(10)).refresh(Duration.ofSeconds(5)).build();
        assertThat(m.apply("k")).isEqualTo("k1");
        now.addAndGet(6_000);
        for (int i = 0; i < 20; i++) {
            assertThat(m.apply("k")).isEqualTo("k1"); // answered while the reload is blocked
        }
        assertThat(reloading.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(runs.get()).isEqualTo(2);
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!m.apply("k").equals("k2") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(m.apply("k")).isEqualTo("k2");
    }

    /**
     * A caller that read the old entry just before a reload stored the new one starts no second
     * reload: the reload it starts finds the entry fresh and runs no body.
     */
    @ParameterizedTest
    @EnumSource(SingleFlight.class) // FLEET over a backend without leases is JVM, re-check included
    void aReadThatRacedTheReloadBeforeItStartsNoSecondOne(SingleFlight mode) throws Exception {
        GatedBackend backend = new GatedBackend();
        AtomicInteger runs = new AtomicInteger();
        Memoized<String, Object> m = Memo.<String, Object>of(k -> k + runs.incrementAndGet())
                .cache(Cache.<Object, Object>of(io.cachetory.serializer.NoopSerializer.instance(), backend))
                .ttl(Duration.ofSeconds(10)).refresh(Duration.ofSeconds(5)).singleFlight(mode).build();
        assertThat(m.apply("k")).isEqualTo("k1");
        now.addAndGet(6_000);

        Thread late = new Thread(() -> m.apply("k"));
        backend.gate(late);
        late.start();
        assertThat(backend.held.await(5, TimeUnit.SECONDS)).as("the late caller has read k1").isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!m.apply("k").equals("k2") && System.nanoTime() < deadline) {
            Thread.sleep(5); // the first reload, started by this thread, stores k2
        }
        assertThat(m.apply("k")).isEqualTo("k2");
        int readsBefore = backend.reads.get();
        backend.release.countDown();
        late.join(5_000);

        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (backend.reads.get() == readsBefore && System.nanoTime() < deadline) {
            Thread.sleep(5); // the late caller's reload reads the entry again
        }
        Thread.sleep(100);
        assertThat(runs.get()).as("body runs: the first load and one reload").isEqualTo(2);
        assertThat(m.apply("k")).isEqualTo("k2");
    }

    /** Memory, except that one chosen thread's next read waits, holding what it read, until released. */
    static final class GatedBackend extends io.cachetory.backend.ForwardingBackend<Object> {
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        /** Reads by threads other than the gated one. */
        final AtomicInteger reads = new AtomicInteger();
        private volatile Thread gated;

        GatedBackend() {
            super(new io.cachetory.backend.MemoryBackend<>());
        }

        void gate(Thread thread) {
            gated = thread;
        }

        @Override
        public Object get(String key) {
            Object value = delegate.get(key);
            if (Thread.currentThread() == gated) {
                gated = null;
                held.countDown();
                await(release);
            } else {
                reads.incrementAndGet();
            }
            return value;
        }
    }

    @Test
    void aFailedReloadKeepsTheOldEntry() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Memoized<String, String> m = Memo.<String, String>of(k -> {
            if (runs.incrementAndGet() > 1) {
                throw new IllegalStateException("down");
            }
            return "old";
        }).cache(Cache.memory()).ttl(Duration.ofSeconds(10)).refresh(Duration.ofSeconds(5)).build();
        m.apply("k");
        now.addAndGet(6_000);
        String log = FailureLogTest.captureLog(() -> {
            assertThat(m.apply("k")).isEqualTo("old");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (m.stats().loadFailures() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(200); // the failure is counted, then logged: on a loaded machine the line trails the count
        });
        assertThat(m.stats().loadFailures()).isEqualTo(1);
        assertThat(m.apply("k")).isEqualTo("old");
        assertThat(log).contains("background refresh (the old entry stays) failed").contains("IllegalStateException: down");
    }

    @Test
    void memoStaleIfErrorServesTheLastGoodValue() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Memoized<String, String> m = Memo.<String, String>of(k -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return "good";
        }).cache(Cache.memory()).ttl(Duration.ofSeconds(10)).staleIfError(Duration.ofMinutes(1)).build();
        m.apply("k");
        now.addAndGet(30_000);
        failure.set(new IllegalStateException("down"));
        assertThat(m.apply("k")).isEqualTo("good");
        assertThat(m.stats().staleServed()).isEqualTo(1);
        now.addAndGet(60_000);
        assertThatThrownBy(() -> m.apply("k")).hasMessage("down");
    }

    @Test
    void fleetOverMemoryIsSingleFlightPerJvm() throws Exception {
        Service s = Cachetory.create(Service.class);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return s.fleet("X");
                }));
            }
            start.countDown();
            for (Future<String> f : calls) {
                assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("X");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(RUNS.get()).isEqualTo(1);
    }

    @Test
    void refreshNotShorterThanTheTtlIsRefusedNamingTheMethod() {
        assertThatThrownBy(() -> Cachetory.create(RefreshNotShorter.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RefreshNotShorter.class.getName() + ".get(java.lang.String)")
                .hasMessageContaining("refresh PT5M must be shorter than the ttl PT5M");
    }

    @Test
    void staleIfErrorWithoutTtlIsRefusedNamingTheMethod() {
        assertThatThrownBy(() -> Cachetory.proxy(new StaleWithoutTtl()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(StaleWithoutTtl.class.getName() + ".get(java.lang.String)")
                .hasMessageContaining("staleIfError PT1H needs a ttl");
    }

    @Test
    void refreshWithoutTtlIsRefusedNamingTheMethod() {
        assertThatThrownBy(() -> Cachetory.create(RefreshWithoutTtl.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RefreshWithoutTtl.class.getName() + ".get(java.lang.String)")
                .hasMessageContaining("refresh PT1M needs a ttl");
    }

    @Test
    void aNonPositiveLeaseIsRefusedNamingTheMethod() {
        assertThatThrownBy(() -> Cachetory.create(BadLease.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(BadLease.class.getName() + ".get(java.lang.String)")
                .hasMessageContaining("lease '0s' must be positive");
    }

    @Test
    void anUnparsableDurationIsRefusedNamingTheMethodAndAttribute() {
        assertThatThrownBy(() -> Cachetory.create(BadDuration.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(BadDuration.class.getName() + ".get(java.lang.String)")
                .hasMessageContaining("refresh 'soon'");
    }

    @Test
    void memoBuildRefusesMisconfiguration() {
        assertThatThrownBy(() -> Memo.<String, String>of(k -> k).ttl(Duration.ofMinutes(1)).refresh(Duration.ofMinutes(2)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Memo.of").hasMessageContaining("shorter than the ttl");
        assertThatThrownBy(() -> Memo.<String, String>of(k -> k).staleIfError(Duration.ofMinutes(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("staleIfError PT1M needs a ttl");
        assertThatThrownBy(() -> Memo.<String, String>of(k -> k).ttl(k -> Duration.ofMinutes(1)).refresh(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a fixed ttl");
        assertThatThrownBy(() -> Memo.<String, String>of(k -> k).singleFlight(SingleFlight.FLEET).lease(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease must be positive");
    }

    @Test
    void cachetoryRefreshOverwritesAProtectedEntryAndPurgeDeletesIt() {
        Service s = Cachetory.create(Service.class);
        s.quote("A");
        ANSWER.set("v2");
        assertThat(Cachetory.refresh(() -> s.quote("A"))).isEqualTo("A:v2");
        assertThat(s.quote("A")).isEqualTo("A:v2");
        assertThat(Cachetory.purge(() -> s.quote("A"))).isTrue();
        ANSWER.set("v3");
        assertThat(s.quote("A")).isEqualTo("A:v3");
        assertThat(RUNS.get()).isEqualTo(3);
    }

    @Test
    void concurrentCallersOfAStaleEntryShareOneLoadAndAllGetTheStaleValue() throws Exception {
        Service s = Cachetory.create(Service.class);
        s.quote("A");
        now.addAndGet(11_000);
        failing = true;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> s.quote("A")));
            }
            for (Future<String> f : calls) {
                assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("A:v1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(stats().staleServed()).isEqualTo(4);
    }

    @Test
    void aPlainFunctionNeverReturnsAnEntryStoredWithItsWriteTime() {
        Cache<String> shared = Cache.memory();
        Memoized<String, String> stamped = Memo.<String, String>of(k -> "stamped").cache(shared)
                .ttl(Duration.ofSeconds(10)).staleIfError(Duration.ofMinutes(1)).build();
        Memoized<String, String> plain = Memo.<String, String>of(k -> "plain").cache(shared).ttl(Duration.ofSeconds(10)).build();
        assertThat(stamped.apply("k")).isEqualTo("stamped");
        assertThat(plain.apply("k")).isEqualTo("plain");
    }

    @Test
    void aProtectedFunctionReadsAnEntryStoredWithoutWriteTimeAsAHit() {
        Cache<String> shared = Cache.memory();
        shared.set("k", "bare");
        Memoized<String, String> stamped = Memo.<String, String>of(k -> "loaded").cache(shared)
                .ttl(Duration.ofSeconds(10)).refresh(Duration.ofSeconds(5)).build();
        assertThat(stamped.apply("k")).isEqualTo("bare");
        assertThat(stamped.stats().hits()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
