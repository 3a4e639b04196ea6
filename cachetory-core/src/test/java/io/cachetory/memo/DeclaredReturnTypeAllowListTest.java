package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import io.cachetory.backend.MemoryBackend;
import io.cachetory.memo.declared.Quote;
import io.cachetory.serializer.AllowList;
import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Kryo's read allow-list gains the declared return types of @Cached methods (and only those, never a JDK package). */
class DeclaredReturnTypeAllowListTest {
    static final AtomicInteger RUNS = new AtomicInteger();

    public static class QuoteService {
        @Cached(cache = "declared-test", prefix = "q")
        public Quote quote(String ticker) {
            RUNS.incrementAndGet();
            return new Quote(ticker, new BigDecimal("12.50"));
        }
    }

    @Test
    void declaredReturnTypeIsAllowedOnceAProxyResolvesTheMethod() {
        assertThat(AllowList.global().isAllowed(Quote.class.getName())).isFalse();
        Serializer<Object, byte[]> kryo = Serializers.fromUrl("kryo://");
        MemoryBackend<byte[]> backend = new MemoryBackend<>();
        Cachetory.registry().register("declared-test", Cache.of(kryo, backend));

        QuoteService service = Cachetory.create(QuoteService.class);
        assertThat(AllowList.global().isAllowed(Quote.class.getName())).isTrue();

        Quote first = service.quote("AAPL");
        Quote second = service.quote("AAPL");
        assertThat(second).isEqualTo(first).isNotSameAs(first);
        assertThat(backend.get("q#" + KeyTag.ofReturnType(Quote.class, "") + ":AAPL")).isNotEmpty();
        assertThat(RUNS).hasValue(1);
    }
}
