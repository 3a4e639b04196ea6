package io.cachetory.serializer;

import io.cachetory.memo.CachedNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.SerializationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ChainedSerializerTest {
    private static final String FIXTURES = "allow=" + RoundTripValues.FIXTURES;

    @Test
    void kryoThenZstdOutputDecompressesWithZstdThenReadsWithKryo() {
        Serializer<Object, byte[]> chain = Serializers.fromUrl("kryo+zstd://?compression-level=7");
        Map<String, List<Integer>> value = Map.of("a", List.of(1, 2));

        byte[] written = chain.serialize(value);

        assertThat(new KryoSerializer<>().deserialize(new ZstdCompressor().deserialize(written))).isEqualTo(value);
    }

    @Test
    void javaThenZlibOutputDecompressesWithZlibThenReadsWithJava() {
        Serializer<Object, byte[]> chain = Serializers.fromUrl("java+zlib://?compression-level=9");

        byte[] written = chain.serialize("hello");

        assertThat(new JavaSerializer<>().deserialize(new ZlibCompressor().deserialize(written))).isEqualTo("hello");
    }

    @Test
    void zlibThenZstdUnwindsInReverseOnRead() {
        Serializer<byte[], byte[]> chain = Serializers.fromUrl("zlib+zstd://?compression-level=5");
        byte[] value = "zzz".repeat(100).getBytes(StandardCharsets.UTF_8);

        byte[] written = chain.serialize(value);

        assertThat(new ZlibCompressor().deserialize(new ZstdCompressor().deserialize(written))).isEqualTo(value);
        assertThat(chain.deserialize(written)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo+zstd", "kryo+zlib", "java+zstd", "java+zlib", "json+zstd", "json+zlib", "kryo+zlib+zstd"})
    void chainRoundTripsARecordStringsAndEmptyValues(String schemes) {
        Serializer<Object, byte[]> chain = Serializers.fromUrl(schemes + "://?" + FIXTURES);
        // Price needs no Jackson module; Quote is Serializable.
        Object record = schemes.startsWith("json") ? RoundTripValues.price() : RoundTripValues.quote();

        assertThat(chain.deserialize(chain.serialize(record))).isEqualTo(record);
        assertThat(chain.deserialize(chain.serialize(""))).isEqualTo("");
        assertThat(chain.deserialize(chain.serialize(new byte[0]))).isEqualTo(new byte[0]);
        assertThat(chain.deserialize(chain.serialize(CachedNull.INSTANCE))).isSameAs(CachedNull.INSTANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo+zstd", "java+zlib", "json+zstd"})
    void garbageThroughAChainIsASerializationException(String schemes) {
        Serializer<Object, byte[]> chain = Serializers.fromUrl(schemes + "://");

        assertThatThrownBy(() -> chain.deserialize("garbage".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }
}
