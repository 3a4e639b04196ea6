package io.cachetory.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.BackendException;
import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import io.cachetory.backend.Backend;
import io.cachetory.serializer.Serializers;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachetoryMetricsTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private CachetoryMetrics binding;

    @AfterEach
    void unbind() {
        if (binding != null) {
            binding.close();
        }
    }

    public static class Quotes {
        final AtomicInteger runs = new AtomicInteger();

        @Cached(cache = "metrics-quotes")
        public String quote(String ticker) {
            runs.incrementAndGet();
            if (ticker.equals("BAD")) {
                throw new IllegalStateException("no quote for " + ticker);
            }
            return ticker + "=1";
        }
    }

    public static class Flaky {
        volatile boolean down;

        @Cached(cache = "metrics-stale", ttl = "1ms", staleIfError = "1h")
        public String quote(String ticker) {
            if (down) {
                throw new IllegalStateException("quotes down");
            }
            return ticker + "=1";
        }
    }

    public static class Late {
        @Cached(cache = "metrics-late")
        public String value(String k) {
            return k;
        }
    }

    public static class Broken {
        @Cached(cache = "metrics-broken")
        public String value(String k) {
            return k;
        }
    }

    private double count(String name, String cache, String... tags) {
        FunctionCounter counter = meters.get(name).tags(Tags.of("cache", cache).and(tags)).functionCounter();
        return counter.count();
    }

    @Test
    void countsHitsMissesLoadsAndLoadFailuresExactly() {
        Cachetory.registry().register("metrics-quotes", Cache.memory());
        binding = CachetoryMetrics.bindTo(meters);
        Quotes quotes = Cachetory.create(Quotes.class);
        quotes.quote("AAPL");
        quotes.quote("AAPL");
        quotes.quote("AAPL");
        quotes.quote("MSFT");
        assertThatThrownBy(() -> quotes.quote("BAD")).isInstanceOf(IllegalStateException.class);

        assertThat(count("cache.gets", "metrics-quotes", "result", "hit")).isEqualTo(2);
        assertThat(count("cache.gets", "metrics-quotes", "result", "miss")).isEqualTo(3);
        assertThat(count("cache.loads", "metrics-quotes", "result", "success")).isEqualTo(2);
        assertThat(count("cache.loads", "metrics-quotes", "result", "failure")).isEqualTo(1);
        assertThat(count("cachetory.backend.errors", "metrics-quotes")).isZero();
        assertThat(count("cachetory.stale.served", "metrics-quotes")).isZero();
    }

    @Test
    void cacheRegisteredAfterBindingGetsMeters() {
        binding = CachetoryMetrics.bindTo(meters);
        assertThat(meters.find("cache.gets").tag("cache", "metrics-late").functionCounters()).isEmpty();
        Cachetory.registry().register("metrics-late", Cache.memory());
        Late late = Cachetory.create(Late.class);
        late.value("a");
        late.value("a");
        assertThat(count("cache.gets", "metrics-late", "result", "hit")).isEqualTo(1);
        assertThat(count("cache.gets", "metrics-late", "result", "miss")).isEqualTo(1);
    }

    @Test
    void countsBackendErrorsOfAFailingBackend() {
        Cachetory.registry().register("metrics-broken", Cache.of(Serializers.fromUrl("noop://"), new FailingBackend(), ""));
        binding = CachetoryMetrics.bindTo(meters);
        Broken broken = Cachetory.create(Broken.class);
        assertThat(broken.value("a")).isEqualTo("a");
        assertThat(broken.value("a")).isEqualTo("a");
        // each call: a failed read, then the body, then a failed write
        assertThat(count("cachetory.backend.errors", "metrics-broken")).isEqualTo(4);
        assertThat(count("cache.gets", "metrics-broken", "result", "miss")).isEqualTo(2);
        assertThat(count("cache.loads", "metrics-broken", "result", "success")).isEqualTo(2);
    }

    @Test
    void extraTagsAreAddedToEveryMeter() {
        Cachetory.registry().register("metrics-tagged", Cache.memory());
        binding = CachetoryMetrics.bindTo(meters, Cachetory.registry(), Tags.of("app", "quotes"));
        assertThat(meters.find("cache.gets").tags("cache", "metrics-tagged", "app", "quotes").functionCounters()).hasSize(2);
    }

    @Test
    void closeRemovesTheMetersAndStopsBindingNewCaches() {
        Cachetory.registry().register("metrics-closed", Cache.memory());
        binding = CachetoryMetrics.bindTo(meters);
        binding.close();
        Cachetory.registry().register("metrics-after-close", Cache.memory());
        assertThat(meters.find("cache.gets").tag("cache", "metrics-closed").functionCounters()).isEmpty();
        assertThat(meters.find("cache.gets").tag("cache", "metrics-after-close").functionCounters()).isEmpty();
    }

    /** A backend whose every operation fails, as an unreachable server's would. */
    static final class FailingBackend implements Backend<Object> {
        private static BackendException down() {
            return new BackendException("backend down");
        }

        @Override public Object get(String key) { throw down(); }
        @Override public Map<String, Object> getMany(Collection<String> keys) { throw down(); }
        @Override public boolean set(String key, Object value, Duration ttl, boolean ifNotExists) { throw down(); }
        @Override public void setMany(Map<String, ?> items, Duration ttl) { throw down(); }
        @Override public void expireIn(String key, Duration ttl) { throw down(); }
        @Override public boolean delete(String key) { throw down(); }
        @Override public void deleteMany(Collection<String> keys) { throw down(); }
        @Override public void clear() { throw down(); }
        @Override public void clearPrefix(String prefix) { throw down(); }
        @Override public void close() {}
    }

    @Test
    void countsStaleValuesServedWhenTheBodyFails() throws InterruptedException {
        Cachetory.registry().register("metrics-stale", Cache.memory());
        binding = CachetoryMetrics.bindTo(meters);
        Flaky flaky = Cachetory.create(Flaky.class);
        assertThat(flaky.quote("AAPL")).isEqualTo("AAPL=1");
        Thread.sleep(20); // past the 1 ms ttl, well inside staleIfError
        flaky.down = true;

        assertThat(flaky.quote("AAPL")).isEqualTo("AAPL=1");
        assertThat(flaky.quote("AAPL")).isEqualTo("AAPL=1");

        assertThat(count("cachetory.stale.served", "metrics-stale")).isEqualTo(2);
        assertThat(count("cache.loads", "metrics-stale", "result", "failure")).isEqualTo(2);
    }
}
