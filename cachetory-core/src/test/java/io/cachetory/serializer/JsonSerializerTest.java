package io.cachetory.serializer;

import io.cachetory.memo.CachedNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.SerializationException;
import io.cachetory.serializer.fixtures.Color;
import io.cachetory.serializer.fixtures.Node;
import io.cachetory.serializer.fixtures.Price;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonSerializerTest {
    private final JsonSerializer<Object> json = new JsonSerializer<>(AllowList.global().with(RoundTripValues.FIXTURES));

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("String", "héllo, wörld"),
                Arguments.of("empty String", ""),
                Arguments.of("empty byte[]", new byte[0]),
                Arguments.of("byte[]", new byte[] {1, 2, 3}),
                Arguments.of("Integer", 42),
                Arguments.of("Long", 42L),
                Arguments.of("Boolean", false),
                Arguments.of("null", null),
                Arguments.of("List.of", List.of("a", "b")),
                Arguments.of("Map.of", Map.of("a", 1, "b", 2)),
                Arguments.of("Set.of", Set.of("x", "y")),
                Arguments.of("ArrayList", new ArrayList<>(List.of("a"))),
                Arguments.of("TreeMap", new TreeMap<>(Map.of("b", "2", "a", "1"))),
                Arguments.of("record", RoundTripValues.price()),
                Arguments.of("BigDecimal keeps its scale", new BigDecimal("12.50")),
                Arguments.of("UUID", UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
                Arguments.of("enum", Color.RED),
                Arguments.of("enum constant with a body", Color.GREEN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void valueRoundTrips(String what, Object value) {
        assertThat(json.deserialize(json.serialize(value))).isEqualTo(value);
    }

    @Test
    void recordComesBackAsItsClass() {
        assertThat(json.deserialize(json.serialize(RoundTripValues.price()))).isInstanceOf(Price.class);
    }

    @Test
    void outputIsAUtf8EnvelopeNamingTheRootClassBehindTheValueHeader() {
        byte[] bytes = json.serialize(new BigDecimal("1.5"));
        String text = new String(bytes, ValueFrame.HEADER, bytes.length - ValueFrame.HEADER, StandardCharsets.UTF_8);

        assertThat(text).isEqualTo("{\"@class\":\"java.math.BigDecimal\",\"value\":1.5}");
    }

    @Test
    void cachedNullReadsBackAsTheSameInstance() {
        JsonSerializer<Object> plain = new JsonSerializer<>();

        assertThat(plain.deserialize(plain.serialize(CachedNull.INSTANCE))).isSameAs(CachedNull.INSTANCE);
    }

    @Test
    void classOutsideTheAllowListIsRefusedOnRead() {
        byte[] bytes = json.serialize(RoundTripValues.price());

        assertThatThrownBy(() -> new JsonSerializer<>().deserialize(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Price.class.getName());
    }

    @Test
    void jdkGadgetNamedInTheEnvelopeIsRefused() {
        byte[] bytes = "{\"@class\":\"java.lang.ProcessBuilder\",\"value\":{}}".getBytes(StandardCharsets.UTF_8);

        // framed with an intact header, as a hostile writer could: the allow-list still refuses it
        assertThatThrownBy(() -> json.deserialize(ValueFrame.frame(bytes, 0)))
                .isInstanceOf(SerializationException.class)
                .isNotInstanceOf(io.cachetory.StructureMismatchException.class)
                .hasMessageContaining("java.lang.ProcessBuilder");
    }

    @Test
    void garbageIsASerializationException() {
        for (String garbage : List.of("not json", "", "{", "[1,2]", "{\"value\":1}", "{\"@class\":1,\"value\":1}",
                "{\"@class\":\"java.lang.Integer\",\"value\":\"x\"}", "{\"@class\":\"java.lang.Integer\",\"value\":1} 2")) {
            byte[] bytes = garbage.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> json.deserialize(bytes)).as(garbage).isInstanceOf(SerializationException.class);
        }
    }

    @Test
    void cyclicValueIsASerializationExceptionNotAnError() {
        Node a = new Node("a", null);
        a.next = new Node("b", a);

        assertThatThrownBy(() -> json.serialize(a)).isInstanceOf(SerializationException.class);
    }

    @Test
    void deeplyNestedGarbageIsASerializationExceptionNotAnError() {
        String deep = "{\"@class\":\"java.util.List\",\"value\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThatThrownBy(() -> json.deserialize(deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void javaTimeWithoutJsr310ModuleFailsNamingIt() {
        // the test class path deliberately has no jackson-datatype-jsr310
        assertThat(isPresent("com.fasterxml.jackson.datatype.jsr310.JavaTimeModule")).isFalse();

        assertThatThrownBy(() -> json.serialize(LocalDate.of(2024, 2, 29)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("jackson-datatype-jsr310");
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, JsonSerializerTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
