package io.cachetory.serializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SerializersTest {

    @ParameterizedTest
    @CsvSource({
        "noop://, noop://",
        "null://, noop://",
        "kryo://, kryo://",
        "java://, java://",
        "json://, json://",
        "zlib://, zlib://?compression-level=-1",
        "zstd://, zstd://?compression-level=3",
        "zstandard://, zstd://?compression-level=3",
        "KRYO://, kryo://",
        "kryo+zstd://, kryo+zstd://?compression-level=3",
    })
    void schemeMakesTheSerializerItNames(String url, String described) {
        assertThat(Serializers.<Object, Object>fromUrl(url)).hasToString(described);
    }

    @ParameterizedTest
    @ValueSource(strings = {"noop://", "null://"})
    void noopHandsTheValueOnUnchanged(String url) {
        Serializer<Object, Object> noop = Serializers.fromUrl(url);
        Object value = new Object();

        assertThat(noop.serialize(value)).isSameAs(value);
        assertThat(noop.deserialize(value)).isSameAs(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo://", "java://", "json://", "KRYO://", "kryo+zstd://", "java+zlib://", "json+zstd://"})
    void valueSchemeWritesBytesThatReadBackEqual(String url) {
        Serializer<Object, byte[]> serializer = Serializers.fromUrl(url);
        String value = "AAPL 187.25 ".repeat(20);

        byte[] written = serializer.serialize(value);

        assertThat(written).isNotEmpty();
        assertThat(serializer.deserialize(written)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zlib://", "zstd://", "zstandard://"})
    void compressorShrinksRepetitiveBytesAndRestoresThem(String url) {
        Serializer<byte[], byte[]> compressor = Serializers.fromUrl(url);
        byte[] input = "AAPL 187.25 ".repeat(200).getBytes(StandardCharsets.UTF_8);

        byte[] compressed = compressor.serialize(input);

        assertThat(compressed.length).isLessThan(input.length / 4);
        assertThat(compressor.deserialize(compressed)).isEqualTo(input);
    }

    @Test
    void chainAppliesSchemesLeftToRightOnWrite() {
        Serializer<Object, byte[]> chain = Serializers.fromUrl("kryo+zstd://?compression-level=5");
        Serializer<Object, byte[]> kryo = Serializers.fromUrl("kryo://");
        Serializer<byte[], byte[]> zstd = Serializers.fromUrl("zstd://?compression-level=5");
        String value = "AAPL 187.25 ".repeat(20);

        assertThat(chain.serialize(value)).isEqualTo(zstd.serialize(kryo.serialize(value)));
        assertThat(chain.deserialize(zstd.serialize(kryo.serialize(value)))).isEqualTo(value);
        assertThat(chain).hasToString("kryo+zstd://?compression-level=5");
    }

    @Test
    void threeSchemeChainAppliesAllThreeInOrder() {
        Serializer<Object, byte[]> chain = Serializers.fromUrl("java+zlib+zstd://");
        Serializer<Object, byte[]> java = Serializers.fromUrl("java://");
        Serializer<byte[], byte[]> zlib = Serializers.fromUrl("zlib://");
        Serializer<byte[], byte[]> zstd = Serializers.fromUrl("zstd://");
        String value = "AAPL 187.25 ".repeat(20);

        assertThat(chain.serialize(value)).isEqualTo(zstd.serialize(zlib.serialize(java.serialize(value))));
        assertThat(chain.deserialize(chain.serialize(value))).isEqualTo(value);
    }

    @Test
    void unknownSchemeIsNamed() {
        assertThatThrownBy(() -> Serializers.fromUrl("pickle://"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'pickle'");
        assertThatThrownBy(() -> Serializers.fromUrl("kryo+lz4://"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'lz4'");
    }

    @Test
    void unknownParameterIsNamed() {
        assertThatThrownBy(() -> Serializers.fromUrl("kryo+zstd://?compression-threads=2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'compression-threads'");
    }

    @Test
    void nonIntegerCompressionLevelIsABadValue() {
        assertThatThrownBy(() -> Serializers.fromUrl("zlib://?compression-level=high"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compression-level").hasMessageContaining("high");
    }

    @Test
    void zlibRefusesLevelTen() {
        assertThatThrownBy(() -> Serializers.fromUrl("zlib://?compression-level=10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compression-level").hasMessageContaining("zlib");
    }

    @Test
    void zstdRefusesLevelZero() {
        assertThatThrownBy(() -> Serializers.fromUrl("zstd://?compression-level=0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compression-level").hasMessageContaining("zstd");
    }

    @Test
    void zstdRefusesLevelTwentyThree() {
        assertThatThrownBy(() -> Serializers.fromUrl("kryo+zstd://?compression-level=23"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compression-level");
    }

    @Test
    void levelMustSuitEveryCompressorInTheChain() {
        assertThatThrownBy(() -> Serializers.fromUrl("kryo+zlib+zstd://?compression-level=15"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compression-level").hasMessageContaining("zlib");
        Serializer<Object, byte[]> accepted = Serializers.fromUrl("kryo+zlib+zstd://?compression-level=9");
        assertThat(accepted).hasToString("kryo+zlib+zstd://?compression-level=9");
        assertThat(accepted.deserialize(accepted.serialize("AAPL"))).isEqualTo("AAPL");
    }

    @Test
    void compressionLevelWithoutACompressorIsRefused() {
        assertThatThrownBy(() -> Serializers.fromUrl("kryo://?compression-level=3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compression-level");
    }

    @Test
    void zlibAcceptsItsDefaultLevelMinusOne() {
        assertThat(Serializers.<byte[], byte[]>fromUrl("zlib://?compression-level=-1")).hasToString("zlib://?compression-level=-1");
    }

    @Test
    void noopCannotBeChained() {
        assertThatThrownBy(() -> Serializers.fromUrl("noop+zstd://"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noop");
        assertThatThrownBy(() -> Serializers.fromUrl("kryo+noop://"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noop");
    }

    @Test
    void valueSerializerMayOnlyComeFirst() {
        assertThatThrownBy(() -> Serializers.fromUrl("zstd+kryo://"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kryo");
    }

    @Test
    void malformedAllowEntryIsABadValue() {
        assertThatThrownBy(() -> Serializers.fromUrl("kryo://?allow=com..example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allow").hasMessageContaining("com..example");
    }

    @Test
    void allowWithoutAValueSerializerIsRefused() {
        assertThatThrownBy(() -> Serializers.fromUrl("zstd://?allow=com.example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allow");
    }

    @Test
    void allowParameterExtendsTheGlobalList() {
        KryoSerializer<?> kryo = (KryoSerializer<?>) Serializers.<Object, byte[]>fromUrl("kryo://?allow=com.example,io.cachetory.serializer.fixtures.Quote");

        assertThat(kryo.allowList().isAllowed("com.example.api.Quote")).isTrue();
        assertThat(kryo.allowList().isAllowed("io.cachetory.serializer.fixtures.Quote$Leg")).isTrue();
        assertThat(kryo.allowList().isAllowed("com.examplebad.X")).isFalse();
        assertThat(kryo.allowList().isAllowed("java.lang.String")).isTrue();
    }

    @Test
    void repeatedParameterIsRefused() {
        assertThatThrownBy(() -> Serializers.fromUrl("zstd://?compression-level=3&compression-level=4"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compression-level");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "kryo:/", "://", "kryo://localhost", "kryo://?compression-level"})
    void malformedUrlIsRefused(String url) {
        assertThatThrownBy(() -> Serializers.fromUrl(url)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "zstd://, com.github.luben:zstd-jni",
        "kryo+zstandard://, com.github.luben:zstd-jni",
        "json://, com.fasterxml.jackson.core:jackson-databind",
    })
    void absentOptionalDependencyIsNamedByItsArtifact(String url, String artifact) throws Exception {
        // Only cachetory's own classes: zstd-jni and Jackson are not there.
        URL classes = Serializers.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader bare = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Method fromUrl = bare.loadClass(Serializers.class.getName()).getMethod("fromUrl", String.class);

            assertThatThrownBy(() -> invoke(fromUrl, url))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(artifact);
        }
    }

    private static void invoke(Method method, String argument) throws Throwable {
        try {
            method.invoke(null, argument);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void nullUrlIsRefused() {
        assertThatThrownBy(() -> Serializers.fromUrl(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
