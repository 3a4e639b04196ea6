package io.cachetory.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import io.cachetory.annotations.Exclude;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachetoryProxiesTest {
    static final String CACHE = "proxy-test";
    static final AtomicInteger RUNS = new AtomicInteger();

    Cache<Object> cache;

    @BeforeEach
    void setUp() {
        RUNS.set(0);
        cache = Cache.memory();
        Cachetory.registry().register(CACHE, cache);
    }

    public static class Quotes {
        static final AtomicInteger CONSTRUCTED = new AtomicInteger();
        final String currency;

        public Quotes() {
            this("USD");
        }

        public Quotes(String currency) {
            CONSTRUCTED.incrementAndGet();
            this.currency = currency;
        }

        @Cached(cache = CACHE, prefix = "quotes")
        public String quote(String ticker) {
            RUNS.incrementAndGet();
            return ticker + "@" + currency;
        }

        @Cached(cache = CACHE, prefix = "quotes")
        public String quote(String ticker, int day) {
            RUNS.incrementAndGet();
            return ticker + "#" + day;
        }

        /** Calls its own @Cached method: only a subclass proxy can see it. */
        public String twice(String ticker) {
            return quote(ticker) + "," + quote(ticker);
        }

        public String plain(String s) {
            RUNS.incrementAndGet();
            return "plain:" + s;
        }
    }

    /** One method per arity the proxies specialise (0–3 arguments passed one by one, more as an array). */
    public static class Arities {
        @Cached(cache = CACHE, prefix = "a0")
        public String none() {
            RUNS.incrementAndGet();
            return "none";
        }

        @Cached(cache = CACHE, prefix = "a3")
        public String three(String a, @io.cachetory.annotations.CacheKey long b, double c) {
            RUNS.incrementAndGet();
            return a + b + c;
        }

        @Cached(cache = CACHE, prefix = "a4")
        public String four(String a, int b, boolean c, char d) {
            RUNS.incrementAndGet();
            return a + b + c + d;
        }
    }

    public interface Rates {
        @Cached(cache = CACHE, prefix = "rates")
        double rate(String pair);
    }

    public static class FixedRates implements Rates {
        @Override
        public double rate(String pair) {
            RUNS.incrementAndGet();
            return 1.25;
        }
    }

    public static final class FinalService {
        @Cached(cache = CACHE)
        public String get(String k) {
            return k;
        }
    }

    public static class FinalMethod {
        @Cached(cache = CACHE)
        public final String get(String k) {
            return k;
        }
    }

    public static class TtlBeyondAnyBackend {
        @Cached(cache = CACHE, ttl = "300000000000d")
        public String get(String k) {
            return k;
        }
    }

    public static class BadTtl {
        @Cached(cache = CACHE, ttl = "five minutes")
        public String get(String k) {
            return k;
        }
    }

    public static class UnknownCache {
        @Cached(cache = "no-such-cache-anywhere")
        public String get(String k) {
            return k;
        }
    }

    public static class NeedsArgument implements Exclude {
        public NeedsArgument(String s) {}

        @Override
        public boolean test(String key, Object value) {
            return false;
        }
    }

    public static class BadExclude {
        @Cached(cache = CACHE, exclude = NeedsArgument.class)
        public String get(String k) {
            return k;
        }
    }

    public static class VoidMethod {
        @Cached(cache = CACHE)
        public void run(String k) {}
    }

    @Test
    void createRunsTheMatchingConstructor() {
        Quotes q = Cachetory.create(Quotes.class, "EUR");
        assertThat(q.quote("AAPL")).isEqualTo("AAPL@EUR");
        assertThat(q.getClass().getSuperclass()).isEqualTo(Quotes.class);
    }

    @Test
    void createMemoizesCallsTheObjectMakesOnItself() {
        Quotes q = Cachetory.create(Quotes.class);
        assertThat(q.twice("AAPL")).isEqualTo("AAPL@USD,AAPL@USD");
        assertThat(RUNS).hasValue(1);
        assertThat(cache.get("quotes:AAPL")).isEqualTo("AAPL@USD");
    }

    @Test
    void proxyOfAProxyIsTheProxyItself() {
        Quotes proxy = Cachetory.proxy(new Quotes("GBP"));
        Quotes created = Cachetory.create(Quotes.class);
        assertThat(Cachetory.proxy(proxy)).isSameAs(proxy);
        assertThat(Cachetory.proxy(created)).isSameAs(created);
    }

    @Test
    void proxyIsAssignableToTheTargetClassAndDelegates() {
        Quotes target = new Quotes("GBP");
        Quotes proxy = Cachetory.proxy(target);
        assertThat(proxy).isInstanceOf(Quotes.class);
        assertThat(proxy.quote("X")).isEqualTo("X@GBP");
        assertThat(proxy.quote("X")).isEqualTo("X@GBP");
        assertThat(proxy.plain("p")).isEqualTo("plain:p");
        assertThat(RUNS).hasValue(2);
    }

    @Test
    void proxyRunsNoConstructor() {
        Quotes target = new Quotes();
        int before = Quotes.CONSTRUCTED.get();
        Cachetory.proxy(target);
        assertThat(Quotes.CONSTRUCTED).hasValue(before);
    }

    @Test
    void overloadsWithTheSamePrefixDoNotShareEntries() {
        Quotes q = Cachetory.create(Quotes.class);
        assertThat(q.quote("A")).isEqualTo("A@USD");
        assertThat(q.quote("A", 1)).isEqualTo("A#1");
        assertThat(RUNS).hasValue(2);
    }

    @Test
    void annotationOnAnInterfaceMethodIsHonouredByADelegatingProxy() {
        Rates rates = Cachetory.proxy(new FixedRates());
        assertThat(rates.rate("EURUSD")).isEqualTo(1.25);
        assertThat(rates.rate("EURUSD")).isEqualTo(1.25);
        assertThat(RUNS).hasValue(1);
    }

    @Test
    void generatedClassIsMadeOncePerType() {
        assertThat(Cachetory.create(Quotes.class).getClass()).isSameAs(Cachetory.create(Quotes.class, "EUR").getClass());
        assertThat(Cachetory.proxy(new Quotes()).getClass()).isSameAs(Cachetory.proxy(new Quotes()).getClass());
    }

    @Test
    void finalClassIsRefusedNamingItAndPointingToTheAgent() {
        assertThatThrownBy(() -> Cachetory.create(FinalService.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(FinalService.class.getName()).hasMessageContaining("agent");
        assertThatThrownBy(() -> Cachetory.proxy(new FinalService())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(FinalService.class.getName()).hasMessageContaining("agent");
    }

    @Test
    void finalCachedMethodIsRefusedByCreate() {
        assertThatThrownBy(() -> Cachetory.create(FinalMethod.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("get").hasMessageContaining("final").hasMessageContaining("agent");
    }

    @Test
    void invalidTtlFailsAtCreationNamingTheMethod() {
        assertThatThrownBy(() -> Cachetory.create(BadTtl.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(BadTtl.class.getName() + ".get").hasMessageContaining("five minutes");
    }

    @Test
    void ttlLongerThanEveryBackendHoldsFailsAtCreationNamingTheMethod() {
        assertThatThrownBy(() -> Cachetory.create(TtlBeyondAnyBackend.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(TtlBeyondAnyBackend.class.getName() + ".get").hasMessageContaining("at most");
    }

    @Test
    void cacheNameNeitherRegisteredNorConfiguredFailsAtCreation() {
        assertThatThrownBy(() -> Cachetory.proxy(new UnknownCache())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-cache-anywhere").hasMessageContaining(UnknownCache.class.getName() + ".get");
    }

    @Test
    void excludeWithoutNoArgConstructorFailsNamingIt() {
        assertThatThrownBy(() -> Cachetory.create(BadExclude.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(NeedsArgument.class.getName()).hasMessageContaining("no-arg constructor");
    }

    @Test
    void voidMethodIsRefused() {
        assertThatThrownBy(() -> Cachetory.create(VoidMethod.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("void");
    }

    @Test
    void noMatchingConstructorIsAClearError() {
        assertThatThrownBy(() -> Cachetory.create(Quotes.class, 42)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("constructor").hasMessageContaining(Quotes.class.getName());
    }

    @Test
    void everyArityIsKeyedAndMemoized() {
        for (Arities a : new Arities[] {Cachetory.create(Arities.class), Cachetory.proxy(new Arities())}) {
            cache.clear();
            RUNS.set(0);
            assertThat(a.none()).isEqualTo("none");
            assertThat(a.three("x", 7L, 1.5)).isEqualTo("x71.5");
            assertThat(a.three("y", 7L, 2.5)).as("only b forms the key").isEqualTo("x71.5");
            assertThat(a.four("x", 1, true, 'c')).isEqualTo("x1truec");
            a.none();
            a.four("x", 1, true, 'c');
            assertThat(RUNS).hasValue(3);
            assertThat(cache.get("a0")).isEqualTo("none");
            assertThat(cache.get("a3:7")).isEqualTo("x71.5");
            assertThat(cache.get("a4:x:1:true:c")).isEqualTo("x1truec");
        }
    }

    @Test
    void reRegisteringTheCacheRedirectsAProxyWhoseSiteIsAlreadyBound() {
        Quotes quotes = Cachetory.create(Quotes.class);
        quotes.quote("AAPL", 7);
        quotes.quote("AAPL", 7);
        assertThat(RUNS.get()).isEqualTo(1);

        Cache<Object> replacement = Cache.memory();
        Cachetory.registry().register(CACHE, replacement);
        quotes.quote("AAPL", 7);

        assertThat(RUNS.get()).as("the bound site follows the new registration: a miss there").isEqualTo(2);
        assertThat(replacement.get("quotes:AAPL:7")).isEqualTo("AAPL#7");
    }

    @Test
    void purgeAndRefreshReachAProxyCallThroughItsBoundSite() {
        Quotes quotes = Cachetory.create(Quotes.class);
        quotes.quote("MSFT", 1000);
        assertThat(Cachetory.purge(() -> quotes.quote("MSFT", 1000))).isTrue();
        assertThat(cache.get("quotes:MSFT:1000")).isNull();
        Cachetory.refresh(() -> quotes.quote("MSFT", 1000));
        assertThat(RUNS.get()).isEqualTo(2);
        assertThat(cache.get("quotes:MSFT:1000")).isEqualTo("MSFT#1000");
    }
}
