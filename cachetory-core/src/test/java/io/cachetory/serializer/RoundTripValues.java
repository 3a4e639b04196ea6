package io.cachetory.serializer;

import io.cachetory.serializer.fixtures.Color;
import io.cachetory.serializer.fixtures.Price;
import io.cachetory.serializer.fixtures.Quote;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Values every binary serializer must round-trip; shared by the serializer tests. */
final class RoundTripValues {
    static final String FIXTURES = "io.cachetory.serializer.fixtures";

    private RoundTripValues() {}

    static Quote quote() {
        return new Quote("AAPL", new BigDecimal("187.50"), Instant.parse("2024-05-01T10:15:30.123456789Z"), List.of("tech", "us"));
    }

    static Price price() {
        return new Price("AAPL", new BigDecimal("187.50"), 3, List.of("tech"), Color.GREEN);
    }

    /** Values both Kryo and Java serialization keep (Java cannot write Optional). */
    static Stream<Arguments> common() {
        return Stream.of(
                Arguments.of("String", "héllo, wörld"),
                Arguments.of("empty String", ""),
                Arguments.of("empty byte[]", new byte[0]),
                Arguments.of("byte[]", new byte[] {1, 2, 3}),
                Arguments.of("int[]", new int[] {1, 2, 3}),
                Arguments.of("Integer", 42),
                Arguments.of("Long", 42L),
                Arguments.of("Double", 4.2d),
                Arguments.of("Boolean", true),
                Arguments.of("null", null),
                Arguments.of("List.of", List.of(1, 2, 3)),
                Arguments.of("List.of empty", List.of()),
                Arguments.of("Map.of", Map.of("a", 1, "b", 2, "c", 3)),
                Arguments.of("Set.of", Set.of("x", "y", "z")),
                Arguments.of("ArrayList", new ArrayList<>(List.of("a", "b"))),
                Arguments.of("HashMap", new HashMap<>(Map.of("k", List.of(1L)))),
                Arguments.of("TreeMap", new TreeMap<>(Map.of("b", 2, "a", 1))),
                Arguments.of("TreeSet reversed", new TreeSet<>(Collections.reverseOrder()) {{ add("a"); add("b"); }}.descendingSet()),
                Arguments.of("Arrays.asList", Arrays.asList("a", "b")),
                Arguments.of("unmodifiableList", Collections.unmodifiableList(new ArrayList<>(List.of(1, 2)))),
                Arguments.of("unmodifiableMap", Collections.unmodifiableMap(new LinkedHashMap<>(Map.of("a", 1)))),
                Arguments.of("emptyList", Collections.emptyList()),
                Arguments.of("singletonMap", Collections.singletonMap("k", "v")),
                Arguments.of("EnumSet", EnumSet.of(Color.RED, Color.GREEN)),
                Arguments.of("record", quote()),
                Arguments.of("BigDecimal keeps its scale", new BigDecimal("12.50")),
                Arguments.of("BigInteger", new BigInteger("123456789012345678901234567890")),
                Arguments.of("LocalDate", LocalDate.of(2024, 2, 29)),
                Arguments.of("LocalDateTime", LocalDateTime.of(2024, 2, 29, 23, 59, 1, 5)),
                Arguments.of("Instant", Instant.parse("2024-05-01T10:15:30.123456789Z")),
                Arguments.of("ZonedDateTime", ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneId.of("Europe/Paris"))),
                Arguments.of("Duration", Duration.ofMillis(1234)),
                Arguments.of("ZoneId", ZoneId.of("America/New_York")),
                Arguments.of("UUID", UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
                Arguments.of("enum", Color.RED),
                Arguments.of("enum constant with a body", Color.GREEN),
                Arguments.of("String[]", new String[] {"a", null, "c"}),
                Arguments.of("record[]", new Quote[] {quote(), null}));
    }

    /** Values Kryo keeps beyond {@link #common()}. */
    static Stream<Arguments> kryo() {
        return Stream.concat(common(), Stream.of(
                Arguments.of("Optional", Optional.of("x")),
                Arguments.of("Optional.empty", Optional.empty()),
                Arguments.of("Optional record", Optional.of(quote())),
                Arguments.of("synchronizedSet", Collections.synchronizedSet(new java.util.LinkedHashSet<>(List.of(1, 2)))),
                Arguments.of("unmodifiableSortedMap", Collections.unmodifiableSortedMap(new TreeMap<>(Map.of("a", 1)))),
                Arguments.of("URI", java.net.URI.create("https://example.com/a?b=c"))));
    }
}
