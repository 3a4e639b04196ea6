package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Methods returning CompletableFuture / CompletionStage, through both proxies: the completed value is
 * stored, callers share the in-flight load through futures of their own, a failed future stores nothing.
 */
class FutureMemoizationTest {
    static final String CACHE = "future-test";
    static final AtomicInteger RUNS = new AtomicInteger();
    /** Futures the bodies returned, for the test to complete. */
    static final List<CompletableFuture<String>> PENDING = new CopyOnWriteArrayList<>();

    public static class Service {
        @Cached(cache = CACHE, prefix = "f")
        public CompletableFuture<String> fetch(String key) {
            RUNS.incrementAndGet();
            CompletableFuture<String> f = new CompletableFuture<>();
            PENDING.add(f);
            return f;
        }

        @Cached(cache = CACHE, prefix = "s")
        public CompletionStage<String> stage(String key) {
            RUNS.incrementAndGet();
            return CompletableFuture.completedFuture("stage:" + key);
        }
    }

    enum Way {
        CREATE, PROXY;

        Service make() {
            return this == CREATE ? Cachetory.create(Service.class) : Cachetory.proxy(new Service());
        }
    }

    Cache<Object> cache;

    @BeforeEach
    void setUp() {
        RUNS.set(0);
        PENDING.clear();
        cache = Cache.memory();
        Cachetory.registry().register(CACHE, cache);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void completedValueIsStoredNotTheFuture(Way way) throws Exception {
        Service s = way.make();
        CompletableFuture<String> first = s.fetch("a");
        assertThat(first).isNotDone();
        PENDING.get(0).complete("v");
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("v");
        assertThat(cache.get("f:a")).isEqualTo("v");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void hitOnAMemoryBackendReturnsAnAlreadyCompletedFuture(Way way) throws Exception {
        Service s = way.make();
        s.fetch("a");
        PENDING.get(0).complete("v");
        CompletableFuture<String> second = s.fetch("a");
        assertThat(second).isCompletedWithValue("v");
        assertThat(RUNS).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void concurrentCallersShareTheInFlightLoadEachWithItsOwnFuture(Way way) throws Exception {
        Service s = way.make();
        CompletableFuture<String> one = s.fetch("a");
        CompletableFuture<String> two = s.fetch("a");
        assertThat(one).isNotSameAs(two);
        one.cancel(true);
        PENDING.get(0).complete("v");
        assertThat(two.get(5, TimeUnit.SECONDS)).isEqualTo("v");
        assertThat(one).isCancelled();
        assertThat(RUNS).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void failedFutureStoresNothing(Way way) {
        Service s = way.make();
        CompletableFuture<String> first = s.fetch("a");
        PENDING.get(0).completeExceptionally(new IllegalStateException("boom"));
        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(cache.get("f:a")).isNull();
        s.fetch("a");
        assertThat(RUNS).hasValue(2);
        assertThat(Cachetory.registry().stats(CACHE).loadFailures()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void completionStageMethodIsMemoized(Way way) throws Exception {
        Service s = way.make();
        assertThat(s.stage("a").toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("stage:a");
        assertThat(s.stage("a").toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("stage:a");
        assertThat(RUNS).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void purgeOfAFutureMethodDeletesAndReturnsACompletedFutureOfNull(Way way) throws Exception {
        Service s = way.make();
        s.fetch("a");
        PENDING.get(0).complete("v");
        CompletableFuture<?>[] seen = new CompletableFuture<?>[1];
        assertThat(Cachetory.purge(() -> seen[0] = s.fetch("a"))).isTrue();
        assertThat(seen[0]).isCompletedWithValue(null);
        assertThat(cache.get("f:a")).isNull();
        assertThat(RUNS).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void registeredAsyncCacheIsUsedForFutureMethods(Way way) throws Exception {
        AsyncCache<Object> async = AsyncCache.memory();
        Cachetory.registry().register(CACHE, async);
        Service s = way.make();
        s.fetch("a");
        PENDING.get(0).complete("v");
        assertThat(async.get("f:a").get(5, TimeUnit.SECONDS)).isEqualTo("v");
    }
}
