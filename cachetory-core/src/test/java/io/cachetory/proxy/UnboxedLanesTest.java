package io.cachetory.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Methods of one or two parameters with an {@code int} among them reach the runtime
 * unboxed: same keys, same values, same single body run as the boxed path, for values outside the
 * {@code Integer} box cache too; methods whose calls take the protected or future paths get their
 * arguments boxed back as declared.
 */
class UnboxedLanesTest {
    static final String CACHE = "lanes-test";
    static final AtomicInteger RUNS = new AtomicInteger();

    Cache<Object> cache;

    @BeforeEach
    void setUp() {
        RUNS.set(0);
        cache = Cache.memory();
        Cachetory.registry().register(CACHE, cache);
        prices = Cachetory.create(Prices.class);
    }

    public static class Prices {
        @Cached(cache = CACHE, prefix = "i")
        public String day(int day) {
            RUNS.incrementAndGet();
            return "d" + day;
        }

        @Cached(cache = CACHE, prefix = "li")
        public String price(String ticker, int day) {
            RUNS.incrementAndGet();
            return ticker + day;
        }

        @Cached(cache = CACHE, prefix = "il")
        public String since(int epochDay, String ticker) {
            RUNS.incrementAndGet();
            return epochDay + ticker;
        }

        @Cached(cache = CACHE, prefix = "ii")
        public String range(int from, int to) {
            RUNS.incrementAndGet();
            return from + ".." + to;
        }

        @Cached(cache = CACHE, prefix = "refreshed", ttl = "1h", refresh = "30m")
        public String refreshed(String ticker, int day) {
            RUNS.incrementAndGet();
            return ticker + "~" + day;
        }

        @Cached(cache = CACHE, prefix = "later")
        public CompletableFuture<String> later(int day) {
            RUNS.incrementAndGet();
            return CompletableFuture.completedFuture("later" + day);
        }
    }

    private Prices prices;

    @Test
    void aLoneIntIsKeyedAndCachedAsBoxed() {
        assertThat(prices.day(1000)).isEqualTo("d1000");
        assertThat(prices.day(1000)).isEqualTo("d1000");
        assertThat(prices.day(-129)).isEqualTo("d-129");

        assertThat(RUNS.get()).isEqualTo(2);
        assertThat(cache.get("i:1000")).isEqualTo("d1000");
        assertThat(cache.get("i:-129")).isEqualTo("d-129");
    }

    @Test
    void aStringThenAnIntKeepsTheDocumentedKey() {
        assertThat(prices.price("A:B", Integer.MIN_VALUE)).isEqualTo("A:B" + Integer.MIN_VALUE);
        assertThat(prices.price("A:B", Integer.MIN_VALUE)).isEqualTo("A:B" + Integer.MIN_VALUE);

        assertThat(RUNS.get()).isEqualTo(1);
        assertThat(cache.get("li:A\\:B:" + Integer.MIN_VALUE)).isEqualTo("A:B" + Integer.MIN_VALUE);
    }

    @Test
    void anIntThenANullStringIsKeyedTheGeneralWay() {
        assertThat(prices.since(Integer.MAX_VALUE, null)).isEqualTo(Integer.MAX_VALUE + "null");
        assertThat(prices.since(Integer.MAX_VALUE, null)).isEqualTo(Integer.MAX_VALUE + "null");

        assertThat(RUNS.get()).isEqualTo(1);
        assertThat(cache.get("il:" + Integer.MAX_VALUE + ":\\N")).isEqualTo(Integer.MAX_VALUE + "null");
    }

    @Test
    void twoIntsAreKeyedAsBoxed() {
        assertThat(prices.range(128, -1000)).isEqualTo("128..-1000");
        assertThat(prices.range(128, -1000)).isEqualTo("128..-1000");

        assertThat(RUNS.get()).isEqualTo(1);
        assertThat(cache.get("ii:128:-1000")).isEqualTo("128..-1000");
    }

    @Test
    void aProtectedMethodGetsItsIntBackAsDeclared() {
        assertThat(prices.refreshed("T", 5000)).isEqualTo("T~5000");
        assertThat(prices.refreshed("T", 5000)).isEqualTo("T~5000");

        assertThat(RUNS.get()).isEqualTo(1);
    }

    @Test
    void aFutureMethodGetsItsIntBackAsDeclared() {
        assertThat(prices.later(90_000).join()).isEqualTo("later90000");
        assertThat(prices.later(90_000).join()).isEqualTo("later90000");

        assertThat(RUNS.get()).isEqualTo(1);
        assertThat(cache.get("later:90000")).isEqualTo("later90000");
    }
}
