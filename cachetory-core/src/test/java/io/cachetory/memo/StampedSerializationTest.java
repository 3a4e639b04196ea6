package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.serializer.AllowList;
import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The write-time wrapper of refresh/staleIfError entries reads back as itself from every byte serializer. */
class StampedSerializationTest {
    record Price(String ticker, BigDecimal amount) implements java.io.Serializable {}

    static {
        AllowList.global().allowDeclaredType(Price.class);
    }

    private static Object roundTrip(String url, Object value) {
        Serializer<Object, Object> serializer = Serializers.fromUrl(url);
        return serializer.deserialize(serializer.serialize(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo://", "java://", "json://", "kryo+zstd://"})
    void aStampedValueReadsBackWithItsTimeAndItsClass(String url) {
        Stamped stamped = new Stamped(1_700_000_000_123L, new Price("ACME", new BigDecimal("12.50")));
        assertThat(roundTrip(url, stamped)).isEqualTo(stamped);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo://", "java://", "json://"})
    void aStampedNullMarkerReadsBackAsTheMarker(String url) {
        assertThat(roundTrip(url, new Stamped(42, CachedNull.INSTANCE))).isEqualTo(new Stamped(42, CachedNull.INSTANCE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo://", "java://", "json://"})
    void aStampedStringReadsBackAsAString(String url) {
        assertThat(roundTrip(url, new Stamped(7, "hello"))).isEqualTo(new Stamped(7, "hello"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo://", "java://"})
    void aStampedListReadsBackAsAnEqualList(String url) {
        assertThat(roundTrip(url, new Stamped(7, List.of(1, 2, 3)))).isEqualTo(new Stamped(7, List.of(1, 2, 3)));
    }

    @Test
    void aStampedListOfRecordsIsRefusedByJsonRatherThanReadBackAsMaps() {
        Serializer<Object, Object> json = Serializers.fromUrl("json://");
        Stamped stamped = new Stamped(7, new java.util.ArrayList<>(List.of(new Price("ACME", BigDecimal.ONE))));

        assertThatThrownBy(() -> json.serialize(stamped))
                .isInstanceOf(io.cachetory.SerializationException.class)
                .hasMessageContaining(Price.class.getName());
    }
}
