package io.cachetory.serializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.SerializationException;
import io.cachetory.serializer.hostile.HostileCounter;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hostile writer of the backend stores bytes naming a class outside the allow-list. The bytes are
 * made from a twin of that class loaded by an isolated class loader, so this JVM's own copy of the
 * class is never initialized by the test itself: any count it records was caused by the reader.
 */
class HostilePayloadTest {
    private static final String HOSTILE = "io.cachetory.serializer.hostile.Hostile";
    private static final String CONTROL = "io.cachetory.serializer.hostile.Control";
    private static final String ALLOWING = "?allow=io.cachetory.serializer.hostile";

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "json", "kryo+zstd", "java+zlib"})
    void hostileClassIsRefusedWithoutRunningAnyOfItsCode(String schemes) throws Exception {
        byte[] payload = Serializers.<Object, byte[]>fromUrl(schemes + "://" + ALLOWING).serialize(twinOf(HOSTILE));
        Serializer<Object, byte[]> reader = Serializers.fromUrl(schemes + "://");

        assertThatThrownBy(() -> reader.deserialize(payload))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(HOSTILE);
        assertThat(HostileCounter.HOSTILE_RAN).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "json"})
    void allowedClassIsReadAndItsInitializerRuns(String scheme) throws Exception {
        byte[] payload = Serializers.<Object, byte[]>fromUrl(scheme + "://" + ALLOWING).serialize(twinOf(CONTROL));

        Object read = Serializers.<Object, byte[]>fromUrl(scheme + "://" + ALLOWING).deserialize(payload);

        assertThat(read.getClass().getName()).isEqualTo(CONTROL);
        assertThat(read.getClass().getClassLoader()).isNotInstanceOf(URLClassLoader.class);
        // Nothing but a reader touches this JVM's Control, so a count means its initializer ran.
        assertThat(HostileCounter.CONTROL_RAN.get()).isPositive();
    }

    @org.junit.jupiter.api.Test
    void jsonTypeIdWithAHostileTypeArgumentIsRefusedWithoutRunningAnyOfItsCode() {
        // io.cachetory.memo.Stamped names its value's class in the JSON (@JsonTypeInfo); a hostile
        // writer puts a generic type there whose raw class is allowed and whose argument is not
        String json = "{\"@class\":\"io.cachetory.memo.Stamped\",\"value\":{\"writtenAtMillis\":1,"
                + "\"value\":[\"java.util.ArrayList<" + HOSTILE + ">\",[{}]]}}";
        byte[] bytes = ValueFrame.frame(json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ClassFingerprint.of(io.cachetory.memo.Stamped.class));

        assertThatThrownBy(() -> new JsonSerializer<>().deserialize(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(HOSTILE);
        assertThat(HostileCounter.HOSTILE_RAN).hasValue(0);
    }

    private static Object twinOf(String className) throws Exception {
        URL testClasses = HostileCounter.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader isolated = new URLClassLoader(new URL[] {testClasses}, ClassLoader.getPlatformClassLoader());
        Object twin = isolated.loadClass(className).getConstructor().newInstance();
        assertThat(twin.getClass().getClassLoader()).isSameAs(isolated);
        return twin;
    }
}
