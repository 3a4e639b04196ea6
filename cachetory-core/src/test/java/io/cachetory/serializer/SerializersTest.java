package io.cachetory.serializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SerializersTest {

    @ParameterizedTest
    @CsvSource({
        "noop://, NoopSerializer",
        "null://, NoopSerializer",
        "kryo://, KryoSerializer",
        "java://, JavaSerializer",
        "json://, JsonSerializer",
        "zlib://, ZlibCompressor",
        "zstd://, ZstdCompressor",
        "zstandard://, ZstdCompressor",
        "KRYO://, KryoSerializer",
        "kryo+zstd://, ChainedSerializer",
    })
    void schemeMakesItsSerializer(String url, String simpleName) {
        assertThat(Serializers.<Object, Object>fromUrl(url).getClass().getSimpleName()).isEqualTo(simpleName);
    }

    @Test
    void chainAppliesSchemesLeftToRightOnWrite() {
        ChainedSerializer<?, ?, ?> chain = (ChainedSerializer<?, ?, ?>) Serializers.fromUrl("kryo+zstd://?compression-level=5");

        assertThat(chain.first()).isInstanceOf(KryoSerializer.class);
        assertThat(chain.second()).isInstanceOf(ZstdCompressor.class);
        assertThat(((ZstdCompressor) chain.second()).level()).isEqualTo(5);
        assertThat(chain).hasToString("kryo+zstd://?compression-level=5");
    }

    @Test
    void threeSchemeChainNestsInOrder() {
        ChainedSerializer<?, ?, ?> chain = (ChainedSerializer<?, ?, ?>) Serializers.fromUrl("java+zlib+zstd://");

        assertThat(chain.second()).isInstanceOf(ZstdCompressor.class);
        assertThat(((ChainedSerializer<?, ?, ?>) chain.first()).first()).isInstanceOf(JavaSerializer.class);
        assertThat(((ChainedSerializer<?, ?, ?>) chain.first()).second()).isInstanceOf(ZlibCompressor.class);
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
        assertThat(Serializers.<Object, byte[]>fromUrl("kryo+zlib+zstd://?compression-level=9")).isNotNull();
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
