package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.cachetory.BackendException;
import io.cachetory.Cache;
import io.cachetory.CacheStats;
import io.cachetory.Cachetory;
import io.cachetory.SerializationException;
import io.cachetory.annotations.Cached;
import io.cachetory.annotations.Exclude;
import io.cachetory.backend.Backend;
import io.cachetory.backend.MemoryBackend;
import io.cachetory.serializer.AnnouncedCount;
import io.cachetory.serializer.NoopSerializer;
import io.cachetory.serializer.Serializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The memoization rules (hit, miss, single-flight, fail-open, misconfiguration, null marker, ...) through each way in: a generated subclass ({@code Cachetory.create}), a
 * delegating proxy ({@code Cachetory.proxy}) and the functional wrapper ({@code Memo.of}).
 */
class MemoizationRulesTest {
    static final String CACHE = "rules-test";

    /** A fake clock for expiry without sleeping. */
    static final AtomicLong NANOS = new AtomicLong(1);

    /** What the test makes the body do, per argument. */
    static volatile Function<String, String> behaviour = k -> "v:" + k;
    static final AtomicInteger RUNS = new AtomicInteger();
    static volatile CountDownLatch gate;

    public static class Service {
        @Cached(cache = CACHE, prefix = "svc", ttl = "1m")
        public String get(String key) {
            return body(key);
        }

        @Cached(cache = CACHE, prefix = "nul", cacheNull = true)
        public String getCachingNull(String key) {
            return body(key);
        }

        @Cached(cache = CACHE, prefix = "exc", exclude = ExcludeEmpty.class)
        public String getExcludingEmpty(String key) {
            return body(key);
        }

        @Cached(cache = CACHE, prefix = "nx", ifNotExists = true)
        public String getIfNotExists(String key) {
            return body(key);
        }

        @Cached(cache = CACHE, prefix = "rec")
        public String recursive(String key) {
            RUNS.incrementAndGet();
            return RUNS.get() == 1 ? "outer(" + recursive(key) + ")" : "inner";
        }

        @Cached(cache = CACHE, prefix = "len")
        public int length(String key) {
            return body(key).length();
        }
    }

    public static class ExcludeEmpty implements Exclude {
        @Override
        public boolean test(String key, Object value) {
            return "".equals(value);
        }
    }

    static String body(String key) {
        RUNS.incrementAndGet();
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return behaviour.apply(key);
    }

    /** One way in, seen through the same small surface. */
    interface Subject {
        String get(String key);

        String getCachingNull(String key);

        String getExcludingEmpty(String key);

        String getIfNotExists(String key);

        int length(String key);

        String recursive(String key);

        CacheStats stats();
    }

    enum Way {
        CREATE, PROXY, MEMO;

        Subject make(Cache<Object> cache) {
            Cachetory.registry().register(CACHE, cache);
            if (this == MEMO) {
                return memoSubject(cache);
            }
            Service s = this == CREATE ? Cachetory.create(Service.class) : Cachetory.proxy(new Service());
            return new Subject() {
                public String get(String key) { return s.get(key); }
                public String getCachingNull(String key) { return s.getCachingNull(key); }
                public String getExcludingEmpty(String key) { return s.getExcludingEmpty(key); }
                public String getIfNotExists(String key) { return s.getIfNotExists(key); }
                public int length(String key) { return s.length(key); }
                public String recursive(String key) { return s.recursive(key); }
                public CacheStats stats() { return Cachetory.registry().stats(CACHE); }
            };
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Subject memoSubject(Cache<Object> cache) {
            Cache<String> c = (Cache) cache;
            Memoized<String, String> get = Memo.of(MemoizationRulesTest::body).cache(c).prefix("svc").returns(String.class).ttl(Duration.ofMinutes(1)).build();
            Memoized<String, String> nul = Memo.of(MemoizationRulesTest::body).cache(c).prefix("nul").cacheNull(true).build();
            Memoized<String, String> exc = Memo.of(MemoizationRulesTest::body).cache(c).prefix("exc").exclude((k, v) -> "".equals(v)).build();
            Memoized<String, String> nx = Memo.of(MemoizationRulesTest::body).cache(c).prefix("nx").ifNotExists(true).build();
            Memoized<String, Integer> len = Memo.of((String k) -> body(k).length()).cache((Cache) cache).prefix("len").build();
            Memoized<String, String>[] rec = new Memoized[1];
            rec[0] = Memo.of((String k) -> {
                RUNS.incrementAndGet();
                return RUNS.get() == 1 ? "outer(" + rec[0].apply(k) + ")" : "inner";
            }).cache(c).prefix("rec").build();
            return new Subject() {
                public String get(String key) { return get.apply(key); }
                public String getCachingNull(String key) { return nul.apply(key); }
                public String getExcludingEmpty(String key) { return exc.apply(key); }
                public String getIfNotExists(String key) { return nx.apply(key); }
                public int length(String key) { return len.apply(key); }
                public String recursive(String key) { return rec[0].apply(key); }
                public CacheStats stats() { return get.stats(); }
            };
        }
    }

    private static Cache<Object> memory() {
        return Cache.of(NoopSerializer.instance(), new MemoryBackend<>(1000, NANOS::get));
    }

    @AfterEach
    void reset() {
        behaviour = k -> "v:" + k;
        RUNS.set(0);
        gate = null;
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void hitReturnsStoredValueWithoutRunningBody(Way way) {
        Subject s = way.make(memory());
        assertThat(s.get("a")).isEqualTo("v:a");
        assertThat(s.get("a")).isEqualTo("v:a");
        assertThat(RUNS).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void missStoresResultUnderPrefixedKey(Way way) {
        Cache<Object> cache = memory();
        Subject s = way.make(cache);
        s.get("AAPL");
        assertThat(cache.get("svc:AAPL")).isEqualTo("v:AAPL");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void storedResultExpiresAfterTtl(Way way) {
        Subject s = way.make(memory());
        s.get("a");
        NANOS.addAndGet(Duration.ofSeconds(59).toNanos());
        s.get("a");
        assertThat(RUNS).hasValue(1);
        NANOS.addAndGet(Duration.ofSeconds(2).toNanos());
        s.get("a");
        assertThat(RUNS).hasValue(2);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void exceptionPropagatesUnchangedAndNothingIsStored(Way way) {
        Cache<Object> cache = memory();
        Subject s = way.make(cache);
        IllegalStateException boom = new IllegalStateException("boom");
        behaviour = k -> {
            throw boom;
        };
        assertThatThrownBy(() -> s.get("a")).isSameAs(boom);
        assertThat(cache.get("svc:a")).isNull();
        behaviour = k -> "v:" + k;
        assertThat(s.get("a")).isEqualTo("v:a");
        assertThat(RUNS).hasValue(2);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void nullResultIsNotStoredByDefault(Way way) {
        Subject s = way.make(memory());
        behaviour = k -> null;
        assertThat(s.get("a")).isNull();
        assertThat(s.get("a")).isNull();
        assertThat(RUNS).hasValue(2);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void nullResultIsStoredAsMarkerWithCacheNull(Way way) {
        Cache<Object> cache = memory();
        Subject s = way.make(cache);
        behaviour = k -> null;
        assertThat(s.getCachingNull("a")).isNull();
        assertThat(s.getCachingNull("a")).isNull();
        assertThat(RUNS).hasValue(1);
        assertThat(cache.get("nul:a")).isSameAs(CachedNull.INSTANCE);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void excludedResultIsReturnedButNotStored(Way way) {
        Cache<Object> cache = memory();
        Subject s = way.make(cache);
        behaviour = k -> k.equals("empty") ? "" : "v:" + k;
        assertThat(s.getExcludingEmpty("empty")).isEmpty();
        assertThat(s.getExcludingEmpty("full")).isEqualTo("v:full");
        assertThat(cache.get("exc:empty")).isNull();
        assertThat(cache.get("exc:full")).isEqualTo("v:full");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void ifNotExistsKeepsWhatAnotherWriterStoredFirst(Way way) {
        Cache<Object> cache = memory();
        Subject s = way.make(cache);
        behaviour = k -> {
            cache.set("nx:" + k, "other writer");
            return "mine";
        };
        assertThat(s.getIfNotExists("a")).isEqualTo("mine");
        assertThat(cache.get("nx:a")).isEqualTo("other writer");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void primitiveResultIsCachedAndUnboxed(Way way) {
        Subject s = way.make(memory());
        assertThat(s.length("abc")).isEqualTo(5);
        assertThat(s.length("abc")).isEqualTo(5);
        assertThat(RUNS).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void concurrentCallsWithOneKeyRunTheBodyOnce(Way way) throws Exception {
        Subject s = way.make(memory());
        gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> s.get("k")));
            }
            awaitMisses(s, 8);
            gate.countDown();
            for (Future<String> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("v:k");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(RUNS).hasValue(1);
        assertThat(s.stats().loads()).isEqualTo(1);
        assertThat(s.stats().misses()).isEqualTo(8);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void concurrentCallersShareTheLoadersException(Way way) throws Exception {
        Subject s = way.make(memory());
        gate = new CountDownLatch(1);
        IllegalStateException boom = new IllegalStateException("boom");
        behaviour = k -> {
            throw boom;
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Throwable>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    try {
                        s.get("k");
                        return null;
                    } catch (Throwable t) {
                        return t;
                    }
                }));
            }
            awaitMisses(s, 8);
            gate.countDown();
            for (Future<Throwable> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(boom);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(RUNS).hasValue(1);
        assertThat(s.stats().loadFailures()).isEqualTo(1);
    }

    private static void awaitMisses(Subject s, int misses) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s.stats().misses() < misses && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(s.stats().misses()).isEqualTo(misses);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void recursiveCallWithTheSameKeyRunsItsOwnBody(Way way) {
        Subject s = way.make(memory());
        assertThat(s.recursive("k")).isEqualTo("outer(inner)");
        assertThat(RUNS).hasValue(2);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    @SuppressWarnings("unchecked")
    void backendFailureNeverFailsTheCall(Way way) {
        Backend<Object> broken = mock(Backend.class);
        when(broken.get(anyString())).thenThrow(new BackendException("connection refused"));
        when(broken.set(anyString(), any(), any(), anyBoolean())).thenThrow(new BackendException("connection refused"));
        Subject s = way.make(Cache.of(NoopSerializer.instance(), broken));
        assertThat(s.get("a")).isEqualTo("v:a");
        assertThat(s.get("a")).isEqualTo("v:a");
        assertThat(RUNS).hasValue(2);
        assertThat(s.stats().backendErrors()).isEqualTo(4);
        assertThat(s.stats().loads()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    @SuppressWarnings("unchecked")
    void thirdPartyRuntimeExceptionFromBackendIsFailOpenToo(Way way) {
        Backend<Object> broken = mock(Backend.class);
        when(broken.get(anyString())).thenThrow(new IllegalStateException("driver bug"));
        Subject s = way.make(Cache.of(NoopSerializer.instance(), broken));
        assertThat(s.get("a")).isEqualTo("v:a");
        assertThat(s.stats().backendErrors()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    @SuppressWarnings({"unchecked", "rawtypes"})
    void storedValueThatDoesNotDecodeIsAMissAndIsDeleted(Way way) {
        MemoryBackend<byte[]> backend = new MemoryBackend<>(100, NANOS::get);
        Serializer<Object, byte[]> strings = new Serializer<>() {
            public byte[] serialize(Object value) {
                return ("ok:" + value).getBytes(StandardCharsets.UTF_8);
            }

            public Object deserialize(byte[] data) {
                String s = new String(data, StandardCharsets.UTF_8);
                if (!s.startsWith("ok:")) {
                    throw new SerializationException("corrupt");
                }
                return s.substring(3);
            }
        };
        Subject s = way.make(Cache.of(strings, backend));
        // a cache storing bytes: the key carries the tag of the return type (String, no version)
        String key = "svc#" + KeyTag.ofReturnType(String.class, "") + ":a";
        backend.set(key, new byte[] {1, 2, 3}, null, false);
        assertThat(s.get("a")).isEqualTo("v:a");
        assertThat(new String(backend.get(key), StandardCharsets.UTF_8)).isEqualTo("ok:v:a");
        assertThat(s.stats().backendErrors()).isEqualTo(1);
        assertThat(s.get("a")).isEqualTo("v:a");
        assertThat(RUNS).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void storedKryoValueAnnouncingMoreElementsThanItsBytesIsAMissAndIsDeleted(Way way) {
        MemoryBackend<byte[]> backend = new MemoryBackend<>(100, NANOS::get);
        Serializer<Object, byte[]> kryo = io.cachetory.serializer.Serializers.fromUrl("kryo://");
        Subject s = way.make(Cache.of(kryo, backend));
        String key = "svc#" + KeyTag.ofReturnType(String.class, "") + ":a";
        backend.set(key, AnnouncedCount.kryo(new String[] {"a"}, new String[] {"a", "b"},
                AnnouncedCount.Encoding.PLAIN, 30_000_000), null, false);

        assertThat(s.get("a")).isEqualTo("v:a");
        // A refusal, not another release's value: counted, and the entry replaced by the load.
        assertThat(s.stats().backendErrors()).isEqualTo(1);
        assertThat(kryo.deserialize(backend.get(key))).isEqualTo("v:a");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void countersCountEachCallOnce(Way way) {
        Subject s = way.make(memory());
        s.get("a");
        s.get("a");
        s.get("b");
        behaviour = k -> {
            throw new IllegalStateException();
        };
        assertThatThrownBy(() -> s.get("c")).isInstanceOf(IllegalStateException.class);
        assertThat(s.stats()).isEqualTo(new CacheStats(1, 3, 2, 1, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void purgeDeletesTheEntryOfTheCallWithoutRunningIt(Way way) {
        Subject s = way.make(memory());
        s.get("a");
        assertThat(Cachetory.purge(() -> s.get("a"))).isTrue();
        assertThat(RUNS).hasValue(1);
        assertThat(Cachetory.purge(() -> s.get("a"))).isFalse();
        s.get("a");
        assertThat(RUNS).hasValue(2);
    }

    @ParameterizedTest
    @EnumSource(value = Way.class, names = {"CREATE", "PROXY"})
    void purgeOfAPrimitiveMethodReturnsZeroInside(Way way) {
        Subject s = way.make(memory());
        s.length("abc");
        int[] seen = {-1};
        assertThat(Cachetory.purge(() -> seen[0] = s.length("abc"))).isTrue();
        assertThat(seen[0]).isZero();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void purgeAndRefreshCountNothing(Way way) {
        Subject s = way.make(memory());
        s.get("a");
        CacheStats before = s.stats();
        Cachetory.refresh(() -> s.get("a"));
        Cachetory.purge(() -> s.get("a"));
        assertThat(s.stats()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void refreshRunsTheBodyOnAHitAndOverwrites(Way way) {
        Cache<Object> cache = memory();
        Subject s = way.make(cache);
        s.get("a");
        behaviour = k -> "new:" + k;
        assertThat(Cachetory.refresh(() -> s.get("a"))).isEqualTo("new:a");
        assertThat(RUNS).hasValue(2);
        assertThat(s.get("a")).isEqualTo("new:a");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void refreshOverwritesEvenWithIfNotExists(Way way) {
        Cache<Object> cache = memory();
        Subject s = way.make(cache);
        s.getIfNotExists("a");
        behaviour = k -> "new:" + k;
        Cachetory.refresh(() -> s.getIfNotExists("a"));
        assertThat(cache.get("nx:a")).isEqualTo("new:a");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void refreshWithAnUncachedNullDeletesTheOldEntry(Way way) {
        Cache<Object> cache = memory();
        Subject s = way.make(cache);
        s.get("a");
        behaviour = k -> null;
        assertThat((String) Cachetory.refresh(() -> s.get("a"))).isNull();
        assertThat(cache.get("svc:a")).isNull();
    }
}
