package io.cachetory.serializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cachetory.SerializationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CompressorTest {
    static Stream<Serializer<byte[], byte[]>> compressors() {
        return Stream.of(new ZlibCompressor(), new ZlibCompressor(0), new ZlibCompressor(9),
                new ZstdCompressor(), new ZstdCompressor(1), new ZstdCompressor(22));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressors")
    void bytesRoundTrip(Serializer<byte[], byte[]> compressor) {
        byte[] data = "abc ".repeat(1000).getBytes(StandardCharsets.UTF_8);

        assertThat(compressor.deserialize(compressor.serialize(data))).isEqualTo(data);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressors")
    void emptyBytesStayEmptyNotNull(Serializer<byte[], byte[]> compressor) {
        assertThat(compressor.deserialize(compressor.serialize(new byte[0]))).isNotNull().isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressors")
    void garbageIsASerializationException(Serializer<byte[], byte[]> compressor) {
        assertThatThrownBy(() -> compressor.deserialize("definitely not compressed".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressors")
    void truncatedDataIsASerializationException(Serializer<byte[], byte[]> compressor) {
        byte[] compressed = compressor.serialize(randomBytes(10_000));

        assertThatThrownBy(() -> compressor.deserialize(Arrays.copyOf(compressed, compressed.length / 2)))
                .isInstanceOf(SerializationException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressors")
    void emptyDataIsASerializationException(Serializer<byte[], byte[]> compressor) {
        assertThatThrownBy(() -> compressor.deserialize(new byte[0])).isInstanceOf(SerializationException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressors")
    void randomBytesNeverEscapeAsAnythingButSerializationException(Serializer<byte[], byte[]> compressor) {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] garbage = randomBytes(random, 1 + random.nextInt(100));
            Throwable thrown = catchThrowable(() -> compressor.deserialize(garbage));
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(SerializationException.class);
            }
        }
    }

    @Test
    void zlibRefusesADecompressionBomb() {
        byte[] bomb = new ZlibCompressor().serialize(new byte[2_000_000]);

        assertThatThrownBy(() -> new ZlibCompressor(6, 1_000_000).deserialize(bomb))
                .isInstanceOf(SerializationException.class).hasMessageContaining("1000000");
    }

    @Test
    void zstdRefusesADecompressionBomb() {
        byte[] bomb = new ZstdCompressor().serialize(new byte[2_000_000]);

        assertThatThrownBy(() -> new ZstdCompressor(3, 1_000_000).deserialize(bomb))
                .isInstanceOf(SerializationException.class).hasMessageContaining("1000000");
    }

    @Test
    void zlibWritesTheZlibFormat() {
        byte[] compressed = new ZlibCompressor().serialize(new byte[] {1});

        assertThat(compressed[0]).isEqualTo((byte) 0x78);
    }

    @Test
    void zstdWritesStandardFrames() {
        byte[] compressed = new ZstdCompressor().serialize(new byte[] {1});

        assertThat(Arrays.copyOf(compressed, 4)).containsExactly(0x28, 0xb5, 0x2f, 0xfd);
    }

    @Test
    void levelsOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> new ZlibCompressor(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZlibCompressor(-2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZstdCompressor(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZstdCompressor(23)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] randomBytes(int length) {
        return randomBytes(new Random(length), length);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
