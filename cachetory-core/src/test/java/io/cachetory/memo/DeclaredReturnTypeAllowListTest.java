package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.cachetory.SerializationException;
import io.cachetory.annotations.Cached;
import io.cachetory.backend.MemoryBackend;
import io.cachetory.memo.declared.Quote;
import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A {@code @Cached} method's declared return type is declared to the serializers of the cache it
 * uses (and of any cache registered under that name later), and to no other serializer. Every
 * serializer here has its own {@code allow} entry, so the process-wide list is never involved.
 */
class DeclaredReturnTypeAllowListTest {
    static final AtomicInteger RUNS = new AtomicInteger();
    static final String UNRELATED = "kryo://?allow=com.example.unrelated";

    public static class QuoteService {
        @Cached(cache = "declared-test", prefix = "q")
        public Quote quote(String ticker) {
            RUNS.incrementAndGet();
            return new Quote(ticker, new BigDecimal("12.50"));
        }
    }

    private static byte[] written(Quote quote) {
        Serializer<Object, byte[]> writer = Serializers.fromUrl("kryo://?allow=" + Quote.class.getName());
        return writer.serialize(quote);
    }

    @Test
    void theCacheAMethodUsesReadsItsDeclaredReturnTypeAndNoOtherSerializerDoes() {
        Serializer<Object, byte[]> kryo = Serializers.fromUrl(UNRELATED);
        byte[] bytes = written(new Quote("X", BigDecimal.ONE));
        assertThatThrownBy(() -> kryo.deserialize(bytes)).isInstanceOf(SerializationException.class);
        MemoryBackend<byte[]> backend = new MemoryBackend<>();
        Cachetory.registry().register("declared-test", Cache.of(kryo, backend));

        QuoteService service = Cachetory.create(QuoteService.class);
        Quote first = service.quote("AAPL");
        Quote second = service.quote("AAPL");

        assertThat(second).isEqualTo(first).isNotSameAs(first);
        assertThat(backend.get("q#" + KeyTag.ofReturnType(Quote.class, "") + ":AAPL")).isNotEmpty();
        assertThat(RUNS).hasValue(1);
        assertThat(kryo.deserialize(bytes)).isEqualTo(new Quote("X", BigDecimal.ONE));
        Serializer<Object, byte[]> other = Serializers.fromUrl(UNRELATED);
        assertThatThrownBy(() -> other.deserialize(bytes)).isInstanceOf(SerializationException.class);

        // a cache registered under the name afterwards reads the method's values back as well
        Serializer<Object, byte[]> replacement = Serializers.fromUrl(UNRELATED);
        MemoryBackend<byte[]> replacementBackend = new MemoryBackend<>();
        Cachetory.registry().register("declared-test", Cache.of(replacement, replacementBackend));
        service.quote("MSFT");
        Quote hit = service.quote("MSFT");
        assertThat(hit).isEqualTo(new Quote("MSFT", new BigDecimal("12.50")));
        assertThat(RUNS).hasValue(2);
        assertThat(replacement.deserialize(bytes)).isEqualTo(new Quote("X", BigDecimal.ONE));
    }
}
