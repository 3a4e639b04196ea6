package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import io.cachetory.CacheStats;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import io.cachetory.annotations.SingleFlight;
import io.cachetory.backend.AsyncBackend;
import io.cachetory.backend.MemoryBackend;
import io.cachetory.serializer.NoopSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Load protection of methods returning futures, in one JVM over {@code memory://} on a fake clock:
 * the asynchronous protected algorithm behaves as the synchronous one, and answers at once when it can.
 */
class FutureLoadProtectionTest {
    static final String CACHE = "future-load-protection-test";
    static final String SYNC_CACHE = "future-load-protection-test-sync";
    static final AtomicInteger RUNS = new AtomicInteger();
    static final AtomicReference<String> ANSWER = new AtomicReference<>("v1");
    static volatile boolean failing;
    /** The threads bodies ran on, in order. */
    static final List<Thread> BODY_THREADS = new CopyOnWriteArrayList<>();
    /** Futures {@code pending} returned, for the test to complete. */
    static final List<CompletableFuture<String>> PENDING = new CopyOnWriteArrayList<>();
    /** Held closed by reloads of {@code refreshed} (every run after the first waits for it). */
    static volatile CountDownLatch gate = new CountDownLatch(0);

    final AtomicLong now = new AtomicLong(1_000_000);

    static String body(String symbol) {
        RUNS.incrementAndGet();
        BODY_THREADS.add(Thread.currentThread());
        if (failing) {
            throw new IllegalStateException("service down");
        }
        return symbol + ":" + ANSWER.get();
    }

    public static class Service {
        @Cached(cache = CACHE, prefix = "quote", ttl = "10s", staleIfError = "1m")
        public CompletableFuture<String> quote(String symbol) {
            try {
                return CompletableFuture.completedFuture(body(symbol));
            } catch (IllegalStateException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Cached(cache = CACHE, prefix = "pending", ttl = "10s", staleIfError = "1m", singleFlight = SingleFlight.FLEET)
        public CompletableFuture<String> pending(String key) {
            RUNS.incrementAndGet();
            CompletableFuture<String> f = new CompletableFuture<>();
            PENDING.add(f);
            return f;
        }

        @Cached(cache = CACHE, prefix = "refreshed", ttl = "10s", refresh = "5s", singleFlight = SingleFlight.FLEET)
        public CompletableFuture<String> refreshed(String symbol) throws InterruptedException {
            if (RUNS.get() > 0 && !gate.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
            try {
                return CompletableFuture.completedFuture(body(symbol));
            } catch (IllegalStateException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    /** The same options as {@code quote}, synchronous, on another cache: to compare the counters. */
    public static class SyncService {
        @Cached(cache = SYNC_CACHE, prefix = "quote", ttl = "10s", staleIfError = "1m")
        public String quote(String symbol) {
            return body(symbol);
        }
    }

    @BeforeEach
    void setUp() {
        RUNS.set(0);
        ANSWER.set("v1");
        failing = false;
        BODY_THREADS.clear();
        PENDING.clear();
        gate = new CountDownLatch(0);
        LoadProtection.clock = now::get;
        Cachetory.registry().register(CACHE, Cache.memory());
        Cachetory.registry().register(SYNC_CACHE, Cache.memory());
    }

    @AfterEach
    void tearDown() {
        LoadProtection.clock = LoadProtection.SYSTEM_CLOCK;
        gate.countDown();
    }

    /** Waits until no load of {@link #CACHE} is in flight: every completed load's write is done. */
    private static void awaitStored() throws InterruptedException {
        Binding b = CachedMethods.global().defaultRegistry().slot(CACHE).binding();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!b.asyncFlights.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(b.asyncFlights).isEmpty();
    }

    private static CacheStats stats() {
        return Cachetory.registry().stats(CACHE);
    }

    @Test
    void aHitOnMemoryReturnsAnAlreadyCompletedFuture() throws Exception {
        Service s = Cachetory.create(Service.class);
        CompletableFuture<String> first = s.quote("A");
        assertThat(first).isDone(); // a miss whose body completed at once: done on return too
        CompletableFuture<String> hit = s.quote("A");
        assertThat(hit).isDone();
        assertThat(hit.get()).isEqualTo("A:v1");
        assertThat(RUNS.get()).isEqualTo(1);
        assertThat(stats().hits()).isEqualTo(1);
        assertThat(stats().misses()).isEqualTo(1);
    }

    @Test
    void concurrentMissesShareOneBodyRunEachThroughItsOwnFuture() throws Exception {
        Service s = Cachetory.proxy(new Service());
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(s.pending("k"));
        }
        assertThat(RUNS.get()).isEqualTo(1);
        assertThat(calls).doesNotHaveDuplicates().noneMatch(CompletableFuture::isDone);
        calls.get(0).cancel(false); // one caller gives up: the others still get the value
        PENDING.get(0).complete("shared");
        for (CompletableFuture<String> call : calls.subList(1, 5)) {
            assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo("shared");
        }
        assertThat(s.pending("k").get(5, TimeUnit.SECONDS)).isEqualTo("shared");
        assertThat(RUNS.get()).isEqualTo(1);
        CacheStats stats = stats();
        assertThat(stats.misses()).isEqualTo(5);
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.loads()).isEqualTo(1);
    }

    @Test
    void aFailedBodyFailsEveryCallersFutureWithItsExceptionUnchanged() throws Exception {
        Service s = Cachetory.create(Service.class);
        CompletableFuture<String> first = s.pending("k");
        CompletableFuture<String> second = s.pending("k");
        IllegalStateException thrown = new IllegalStateException("service down");
        AtomicReference<Throwable> seen = new AtomicReference<>();
        second.whenComplete((v, e) -> seen.set(e));
        PENDING.get(0).completeExceptionally(thrown);
        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause().isSameAs(thrown);
        assertThat(seen.get()).as("a stage observer sees the body's exception itself").isSameAs(thrown);
        assertThat(stats().loadFailures()).isEqualTo(1);
        s.pending("k"); // nothing was stored: the next call runs the body again
        assertThat(RUNS.get()).isEqualTo(2);
    }

    @Test
    void aStaleValueAnswersEveryCallerOfAFailedLoad() throws Exception {
        Service s = Cachetory.create(Service.class);
        CompletableFuture<String> stored = s.pending("k");
        PENDING.get(0).complete("old");
        assertThat(stored.get(5, TimeUnit.SECONDS)).isEqualTo("old");
        awaitStored(); // until then, a call joins the completed load (a hit, however old the clock says it is)
        now.addAndGet(11_000);
        CompletableFuture<String> a = s.pending("k");
        CompletableFuture<String> b = s.pending("k");
        assertThat(RUNS.get()).isEqualTo(2);
        PENDING.get(1).completeExceptionally(new IllegalStateException("service down"));
        assertThat(a.get(5, TimeUnit.SECONDS)).isEqualTo("old");
        assertThat(b.get(5, TimeUnit.SECONDS)).isEqualTo("old");
        assertThat(stats().staleServed()).isEqualTo(2);
        assertThat(stats().loadFailures()).isEqualTo(1);
    }

    @Test
    void pastTheStaleWindowTheFailedFuturePropagates() {
        Service s = Cachetory.create(Service.class);
        s.quote("A").join();
        now.addAndGet(10_000 + 60_000);
        failing = true;
        assertThatThrownBy(() -> s.quote("A").get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalStateException.class).hasMessage("service down");
        assertThat(stats().staleServed()).isZero();
    }

    @Test
    void aHitOlderThanRefreshIsCompletedAtOnceAndTheReloadRunsOnALoadThread() throws Exception {
        Service s = Cachetory.create(Service.class);
        assertThat(s.refreshed("A").get(5, TimeUnit.SECONDS)).isEqualTo("A:v1");
        now.addAndGet(6_000);
        ANSWER.set("v2");
        gate = new CountDownLatch(1); // the reload waits in its body: the caller must not
        CompletableFuture<String> hit = s.refreshed("A");
        assertThat(hit).isDone();
        assertThat(hit.get()).isEqualTo("A:v1");
        for (int i = 0; i < 10; i++) {
            assertThat(s.refreshed("A")).isCompletedWithValue("A:v1");
        }
        gate.countDown();
        String value = "A:v1";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.equals("A:v1") && System.nanoTime() < deadline) {
            Thread.sleep(5);
            value = s.refreshed("A").get(5, TimeUnit.SECONDS);
        }
        assertThat(value).isEqualTo("A:v2");
        assertThat(RUNS.get()).as("one reload however many hits saw the old entry").isEqualTo(2);
        assertThat(BODY_THREADS.get(1).getName()).startsWith("cachetory-load-");
    }

    @Test
    void aFailedBackgroundReloadKeepsTheOldEntryAndCountsALoadFailure() throws Exception {
        Service s = Cachetory.create(Service.class);
        s.refreshed("A").get(5, TimeUnit.SECONDS);
        now.addAndGet(6_000);
        failing = true;
        String log = FailureLogTest.captureLog(() -> {
            assertThat(s.refreshed("A")).isCompletedWithValue("A:v1");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (stats().loadFailures() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(200); // the failure is counted, then logged
        });
        assertThat(stats().loadFailures()).isEqualTo(1);
        assertThat(s.refreshed("A").get(5, TimeUnit.SECONDS)).isEqualTo("A:v1");
        assertThat(log).contains("background refresh (the old entry stays) failed").contains("IllegalStateException: service down");
    }

    @Test
    void cachetoryRefreshOverwritesAProtectedFutureEntryAndPurgeDeletesIt() throws Exception {
        Service s = Cachetory.create(Service.class);
        s.quote("A").get(5, TimeUnit.SECONDS);
        ANSWER.set("v2");
        assertThat(Cachetory.refresh(() -> s.quote("A")).get(5, TimeUnit.SECONDS)).isEqualTo("A:v2");
        assertThat(s.quote("A").get(5, TimeUnit.SECONDS)).isEqualTo("A:v2");
        assertThat(Cachetory.purge(() -> s.quote("A"))).isTrue();
        ANSWER.set("v3");
        assertThat(s.quote("A").get(5, TimeUnit.SECONDS)).isEqualTo("A:v3");
        assertThat(RUNS.get()).isEqualTo(3);
    }

    @Test
    void theCountersOfAFutureMethodAreThoseOfTheSameSynchronousMethod() {
        Service async = Cachetory.create(Service.class);
        SyncService sync = Cachetory.create(SyncService.class);
        List<Supplier<Object>> calls = List.of(() -> async.quote("A").join(), () -> sync.quote("A"));
        for (Supplier<Object> call : calls) {
            now.set(1_000_000);
            failing = false;
            call.get(); // miss, load
            call.get(); // hit
            now.addAndGet(11_000);
            failing = true;
            call.get(); // miss, failed load, stale served
            now.addAndGet(60_000);
            try {
                call.get(); // miss, failed load, thrown
            } catch (RuntimeException expected) {
                // the body's exception
            }
            failing = false;
            call.get(); // miss, load
        }
        CacheStats async0 = stats();
        assertThat(async0).isEqualTo(Cachetory.registry().stats(SYNC_CACHE));
        assertThat(async0.hits()).isEqualTo(1);
        assertThat(async0.misses()).isEqualTo(4);
        assertThat(async0.loads()).isEqualTo(2);
        assertThat(async0.loadFailures()).isEqualTo(2);
        assertThat(async0.staleServed()).isEqualTo(1);
    }

    @Test
    void theBodyNeverRunsOnTheThreadThatCompletedARead() throws Exception {
        LaterBackend io = new LaterBackend();
        Cachetory.registry().register(CACHE, AsyncCache.of(NoopSerializer.instance(), io));
        try {
            Service s = Cachetory.create(Service.class);
            CompletableFuture<String> miss = s.quote("A");
            assertThat(miss.get(5, TimeUnit.SECONDS)).isEqualTo("A:v1");
            assertThat(BODY_THREADS).hasSize(1);
            assertThat(BODY_THREADS.get(0)).isNotSameAs(io.thread.get()).isNotSameAs(Thread.currentThread());
            assertThat(s.quote("A").get(5, TimeUnit.SECONDS)).isEqualTo("A:v1");
            assertThat(RUNS.get()).isEqualTo(1);
        } finally {
            io.close();
        }
    }

    /** Memory whose every operation completes later, on one thread of its own (as a client's event loop). */
    static final class LaterBackend implements AsyncBackend<Object> {
        final AtomicReference<Thread> thread = new AtomicReference<>();
        private final MemoryBackend<Object> memory = new MemoryBackend<>();
        private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fake-io");
            t.setDaemon(true);
            thread.set(t);
            return t;
        });

        private <T> CompletableFuture<T> later(Supplier<T> op) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    Thread.sleep(5); // completes after the caller attached its continuation
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return op.get();
            }, io);
        }

        @Override public CompletableFuture<Object> get(String key) { return later(() -> memory.get(key)); }
        @Override public CompletableFuture<Map<String, Object>> getMany(Collection<String> keys) { return later(() -> memory.getMany(keys)); }
        @Override public CompletableFuture<Boolean> set(String key, Object value, Duration ttl, boolean ifNotExists) { return later(() -> memory.set(key, value, ttl, ifNotExists)); }
        @Override public CompletableFuture<Void> setMany(Map<String, ?> items, Duration ttl) { return later(() -> { memory.setMany(items, ttl); return null; }); }
        @Override public CompletableFuture<Void> expireIn(String key, Duration ttl) { return later(() -> { memory.expireIn(key, ttl); return null; }); }
        @Override public CompletableFuture<Boolean> delete(String key) { return later(() -> memory.delete(key)); }
        @Override public CompletableFuture<Void> deleteMany(Collection<String> keys) { return later(() -> { memory.deleteMany(keys); return null; }); }
        @Override public CompletableFuture<Void> clear() { return later(() -> { memory.clear(); return null; }); }
        @Override public CompletableFuture<Void> clearPrefix(String prefix) { return later(() -> { memory.clearPrefix(prefix); return null; }); }

        @Override
        public void close() {
            io.shutdownNow();
            memory.close();
        }
    }
}
