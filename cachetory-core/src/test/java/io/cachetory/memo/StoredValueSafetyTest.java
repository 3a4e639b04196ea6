package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import io.cachetory.CacheStats;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import io.cachetory.backend.AsyncBackend;
import io.cachetory.backend.Backend;
import io.cachetory.backend.MemoryBackend;
import io.cachetory.memo.declared.Quote;
import io.cachetory.serializer.NoopSerializer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever a backend holds or throws, a memoized call returns its body's result or a value it can
 * return: a value of the wrong type is a miss (and replaced), an {@code Error} from the cache path
 * is fail-open, and a call made after an earlier call's future completed is a hit.
 */
class StoredValueSafetyTest {
    static final String CACHE = "stored-value-safety";
    static final AtomicInteger RUNS = new AtomicInteger();

    public static class Quotes {
        @Cached(cache = CACHE, prefix = "q")
        public Quote quote(String ticker) {
            RUNS.incrementAndGet();
            return new Quote(ticker, BigDecimal.ONE);
        }

        @Cached(cache = CACHE, prefix = "n")
        public int count(String ticker) {
            RUNS.incrementAndGet();
            return 42;
        }

        @Cached(cache = CACHE, prefix = "f")
        public CompletableFuture<Quote> later(String ticker) {
            RUNS.incrementAndGet();
            return CompletableFuture.completedFuture(new Quote(ticker, BigDecimal.TEN));
        }
    }

    Cache<Object> cache;
    Quotes quotes;

    @BeforeEach
    void setUp() {
        RUNS.set(0);
        cache = Cache.memory();
        Cachetory.registry().register(CACHE, cache);
        quotes = Cachetory.create(Quotes.class);
    }

    @Test
    void aStoredValueOfAnotherTypeIsAMissAndIsReplaced() {
        cache.set("q:AAPL", "written by an older release");

        assertThat(quotes.quote("AAPL")).isEqualTo(new Quote("AAPL", BigDecimal.ONE));
        assertThat(quotes.quote("AAPL")).isEqualTo(new Quote("AAPL", BigDecimal.ONE));

        assertThat(RUNS).hasValue(1);
        assertThat(cache.get("q:AAPL")).isInstanceOf(Quote.class);
        CacheStats stats = Cachetory.registry().stats(CACHE);
        assertThat(stats.misses()).isEqualTo(1);
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.backendErrors()).isEqualTo(1);
    }

    @Test
    void aStoredValueOfAnotherTypeIsAMissForAPrimitiveMethod() {
        cache.set("n:AAPL", "not an int");

        assertThat(quotes.count("AAPL")).isEqualTo(42);
        assertThat(cache.get("n:AAPL")).isEqualTo(42);
    }

    @Test
    void aStoredValueOfAnotherTypeIsAMissForAFutureMethod() throws Exception {
        cache.set("f:AAPL", 17L);

        assertThat(quotes.later("AAPL").get(5, TimeUnit.SECONDS)).isEqualTo(new Quote("AAPL", BigDecimal.TEN));
        assertThat(RUNS).hasValue(1);
        assertThat(cache.get("f:AAPL")).isInstanceOf(Quote.class);
    }

    @Test
    void aStoredValueOfAnotherTypeIsAMissForAMemoThatDeclaresItsResultType() {
        cache.set("m:AAPL", "written by another service");
        Memoized<String, Quote> quote = Memo.<String, Quote>of(t -> {
                    RUNS.incrementAndGet();
                    return new Quote(t, BigDecimal.ONE);
                })
                .cache(quotesView()).prefix("m").returns(Quote.class).build();

        assertThat(quote.apply("AAPL")).isEqualTo(new Quote("AAPL", BigDecimal.ONE));
        assertThat(RUNS).hasValue(1);
        assertThat(cache.get("m:AAPL")).isInstanceOf(Quote.class);
    }

    /** The test's cache as a Cache<Quote>: one store, whatever a caller declares it holds. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Cache<Quote> quotesView() {
        return (Cache) cache;
    }

    @Test
    void anErrorFromTheBackendNeverFailsTheCall() {
        Cachetory.registry().register(CACHE, Cache.of(NoopSerializer.instance(), new ErringBackend(NoClassDefFoundError::new)));

        assertThat(quotes.quote("AAPL")).isEqualTo(new Quote("AAPL", BigDecimal.ONE));
        Cachetory.registry().register(CACHE, Cache.of(NoopSerializer.instance(), new ErringBackend(StackOverflowError::new)));
        assertThat(quotes.count("AAPL")).isEqualTo(42);
        assertThat(Cachetory.registry().stats(CACHE).backendErrors()).isEqualTo(2); // the read and the write
    }

    @Test
    void aFutureCallAfterAnEarlierOneCompletedIsAHitWhileTheStoreIsStillUnderWay() throws Exception {
        LaggingStoreBackend backend = new LaggingStoreBackend();
        Cachetory.registry().register(CACHE, AsyncCache.of(NoopSerializer.instance(), backend));

        Quote first = quotes.later("AAPL").get(5, TimeUnit.SECONDS);
        // The store is still pending. The next read lands before the store does, then the store
        // completes: a read sent before the in-flight check would miss and load a second time.
        backend.beforeNextRead = backend::finishStore;
        Quote second = quotes.later("AAPL").get(5, TimeUnit.SECONDS);

        assertThat(second).isEqualTo(first);
        assertThat(RUNS).hasValue(1);
    }

    /** A backend whose every operation throws an {@code Error}. */
    static final class ErringBackend implements Backend<Object> {
        private final Supplier<Error> error;

        ErringBackend(Supplier<Error> error) {
            this.error = error;
        }

        @Override public Object get(String key) { throw error.get(); }
        @Override public Map<String, Object> getMany(Collection<String> keys) { throw error.get(); }
        @Override public boolean set(String key, Object value, Duration ttl, boolean ifNotExists) { throw error.get(); }
        @Override public void setMany(Map<String, ?> items, Duration ttl) { throw error.get(); }
        @Override public void expireIn(String key, Duration ttl) { throw error.get(); }
        @Override public boolean delete(String key) { throw error.get(); }
        @Override public void deleteMany(Collection<String> keys) { throw error.get(); }
        @Override public void clear() { throw error.get(); }
        @Override public void clearPrefix(String prefix) { throw error.get(); }
        @Override public void close() {}
    }

    /** Reads answer at once from what is stored; a store lands only when the test says so. */
    static final class LaggingStoreBackend implements AsyncBackend<Object> {
        private final MemoryBackend stored = new MemoryBackend();
        private Runnable pendingStore;
        private CompletableFuture<Boolean> pendingResult;
        volatile Runnable beforeNextRead;

        void finishStore() {
            pendingStore.run();
            pendingResult.complete(true);
        }

        @Override
        public CompletableFuture<Object> get(String key) {
            Object value = stored.get(key); // the read reaches the server here
            Runnable hook = beforeNextRead;
            beforeNextRead = null;
            if (hook != null) {
                hook.run();
            }
            return CompletableFuture.completedFuture(value);
        }

        @Override
        public synchronized CompletableFuture<Boolean> set(String key, Object value, Duration ttl, boolean ifNotExists) {
            pendingStore = () -> stored.set(key, value, ttl, ifNotExists);
            pendingResult = new CompletableFuture<>();
            return pendingResult;
        }

        @Override public CompletableFuture<Map<String, Object>> getMany(Collection<String> keys) { return CompletableFuture.completedFuture(stored.getMany(keys)); }
        @Override public CompletableFuture<Void> setMany(Map<String, ?> items, Duration ttl) { stored.setMany(items, ttl); return CompletableFuture.completedFuture(null); }
        @Override public CompletableFuture<Void> expireIn(String key, Duration ttl) { stored.expireIn(key, ttl); return CompletableFuture.completedFuture(null); }
        @Override public CompletableFuture<Boolean> delete(String key) { return CompletableFuture.completedFuture(stored.delete(key)); }
        @Override public CompletableFuture<Void> deleteMany(Collection<String> keys) { stored.deleteMany(keys); return CompletableFuture.completedFuture(null); }
        @Override public CompletableFuture<Void> clear() { stored.clear(); return CompletableFuture.completedFuture(null); }
        @Override public CompletableFuture<Void> clearPrefix(String prefix) { stored.clearPrefix(prefix); return CompletableFuture.completedFuture(null); }
        @Override public void close() {}
    }
}
