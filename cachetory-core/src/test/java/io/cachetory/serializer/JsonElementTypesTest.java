package io.cachetory.serializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.SerializationException;
import io.cachetory.StructureMismatchException;
import io.cachetory.serializer.fixtures.Color;
import io.cachetory.serializer.hostile.HostileCounter;
import io.cachetory.serializer.versions.Item;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code json://} reads a value back with its own classes, elements of root containers included, or
 * refuses it: never maps where items were written.
 */
@SuppressWarnings("unchecked")
class JsonElementTypesTest {
    private final JsonSerializer<Object> json =
            new JsonSerializer<>(AllowList.global().with(Twins.PACKAGE, RoundTripValues.FIXTURES, JsonElementTypesTest.class.getName()));

    /** A record whose field can hold anything. */
    public record Boxed(Object content) {}

    /** A subclass JSON would read back as its superclass in an {@code Item} field. */
    public static class SpecialItem extends Item {
        public String special = "s";

        public SpecialItem() {}

        SpecialItem(String name, int qty) {
            super(name, qty);
        }
    }

    /** A generic record: the envelope names its type argument, inferred from its items. */
    public record Page<T>(List<T> items, T first) {}

    /** A generic class with a field of its type variable. */
    public static class Box<T> {
        public T content;

        public Box() {}

        Box(T content) {
            this.content = content;
        }
    }

    /** A record holding an {@code Item} field. */
    public record Slot(Item item) {}

    /** A bean whose extra properties Jackson writes from a map and reads back into one. */
    public static class Bag {
        public String id = "b";
        private final Map<String, Object> extra = new java.util.LinkedHashMap<>();

        @com.fasterxml.jackson.annotation.JsonAnyGetter
        public Map<String, Object> extra() {
            return extra;
        }

        @com.fasterxml.jackson.annotation.JsonAnySetter
        public void put(String key, Object value) {
            extra.put(key, value);
        }
    }

    private Object roundTrip(Object value) {
        return json.deserialize(json.serialize(value));
    }

    private static String envelope(byte[] framed) {
        return new String(framed, ValueFrame.HEADER, framed.length - ValueFrame.HEADER, StandardCharsets.UTF_8);
    }

    @Test
    void rootListOfItemsReadsBackWithItems() {
        Object read = roundTrip(new ArrayList<>(List.of(new Item("a", 1), new Item("b", 2))));

        assertThat(read).isInstanceOf(ArrayList.class);
        assertThat((List<Object>) read).hasOnlyElementsOfType(Item.class).containsExactly(new Item("a", 1), new Item("b", 2));
    }

    @Test
    void immutableRootListOfItemsReadsBackWithItems() {
        assertThat((List<Object>) roundTrip(List.of(new Item("a", 1)))).hasOnlyElementsOfType(Item.class)
                .containsExactly(new Item("a", 1));
    }

    @Test
    void rootSetOfItemsReadsBackWithItems() {
        Object read = roundTrip(new LinkedHashSet<>(Set.of(new Item("a", 1), new Item("b", 2))));

        assertThat(read).isInstanceOf(Set.class);
        assertThat((Set<Object>) read).hasOnlyElementsOfType(Item.class).containsExactlyInAnyOrder(new Item("a", 1), new Item("b", 2));
    }

    @Test
    void rootMapOfStringToItemsReadsBackWithItems() {
        Object read = roundTrip(new HashMap<>(Map.of("x", new Item("a", 1))));

        assertThat(read).isEqualTo(Map.of("x", new Item("a", 1)));
        assertThat(((Map<?, ?>) read).get("x")).isInstanceOf(Item.class);
    }

    @Test
    void rootMapWithEnumKeysReadsBackWithEnumKeys() {
        Object read = roundTrip(new HashMap<>(Map.of(Color.RED, new Item("a", 1))));

        assertThat(read).isEqualTo(Map.of(Color.RED, new Item("a", 1)));
    }

    @Test
    void rootArrayOfItemsReadsBackAsAnArrayOfItems() {
        Object read = roundTrip(new Item[] {new Item("a", 1)});

        assertThat(read).isInstanceOf(Item[].class);
        assertThat((Item[]) read).containsExactly(new Item("a", 1));
    }

    @Test
    void nestedListsOfItemsReadBackWithItems() {
        List<List<Item>> value = new ArrayList<>(List.of(
                new ArrayList<>(List.of(new Item("a", 1))), new ArrayList<>(), new ArrayList<>(List.of(new Item("b", 2)))));

        Object read = roundTrip(value);

        assertThat(read).isEqualTo(value);
        assertThat(((List<?>) ((List<Object>) read).get(2)).get(0)).isInstanceOf(Item.class);
    }

    @Test
    void rootListOfSmallLongsReadsBackWithLongs() {
        assertThat(roundTrip(new ArrayList<>(List.of(1L, 2L)))).isEqualTo(List.of(1L, 2L));
    }

    @Test
    void envelopeNamesTheElementTypesOfARootContainer() {
        String text = envelope(json.serialize(new HashMap<>(Map.of("x", new ArrayList<>(List.of(new Item("a", 1)))))));

        assertThat(text).startsWith("{\"@class\":\"java.util.HashMap<java.lang.String,java.util.ArrayList<"
                + Item.class.getName() + ">>\"");
    }

    @Test
    void rootListMixingItemsAndStringsIsRefusedOnWrite() {
        List<Object> mixed = new ArrayList<>(List.of(new Item("a", 1), "b"));

        assertThatThrownBy(() -> json.serialize(mixed))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Item.class.getName())
                .hasMessageContaining("LinkedHashMap");
    }

    @Test
    void rootListMixingJsonNaturalTypesReadsBack() {
        List<Object> mixed = new ArrayList<>(Arrays.asList("a", 1, 2.5, true, null, List.of("x"), Map.of("k", 3)));

        assertThat(roundTrip(mixed)).isEqualTo(mixed);
    }

    @Test
    void itemInAnObjectFieldIsRefusedOnWrite() {
        assertThatThrownBy(() -> json.serialize(new Boxed(new Item("a", 1))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Item.class.getName())
                .hasMessageContaining(Boxed.class.getName() + ".content");
    }

    @Test
    void itemsInAListInAnObjectFieldAreRefusedOnWrite() {
        assertThatThrownBy(() -> json.serialize(new Boxed(List.of(new Item("a", 1)))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Item.class.getName());
    }

    @Test
    void enumInAnObjectFieldIsRefusedOnWrite() {
        assertThatThrownBy(() -> json.serialize(new Boxed(Color.RED)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Color.class.getName());
    }

    @Test
    void smallLongInAnObjectFieldIsRefusedOnWrite() {
        assertThatThrownBy(() -> json.serialize(new Boxed(5L)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.lang.Long");
    }

    @Test
    void nonFiniteDoubleInAnObjectFieldIsRefusedOnWrite() {
        assertThatThrownBy(() -> json.serialize(new Boxed(Double.NaN)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.lang.Double");
    }

    @Test
    void listsNestedDeeperThanTheEnvelopeTypeGoesReadBack() {
        Object value = "leaf";
        for (int i = 0; i < JsonRootType.MAX_DEPTH + 5; i++) {
            value = new ArrayList<>(List.of(value));
        }

        assertThat(roundTrip(value)).isEqualTo(value);
    }

    @Test
    void jsonNaturalValuesInAnObjectFieldReadBack() {
        Boxed value = new Boxed(Map.of("a", List.of(1, "x", 2.5), "b", true));

        assertThat(roundTrip(value)).isEqualTo(value);
    }

    @Test
    void itemInAnAnyGetterMapIsRefusedOnWrite() {
        Bag bag = new Bag();
        bag.put("item", new Item("a", 1));

        assertThatThrownBy(() -> json.serialize(bag))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Item.class.getName())
                .hasMessageContaining("@JsonAnyGetter");
    }

    @Test
    void anyGetterMapOfJsonNaturalValuesReadsBack() {
        Bag bag = new Bag();
        bag.put("n", 1);
        bag.put("s", "x");

        assertThat(((Bag) roundTrip(bag)).extra()).isEqualTo(Map.of("n", 1, "s", "x"));
    }

    @Test
    void genericRecordReadsBackWithItsItems() {
        Page<Item> page = new Page<>(List.of(new Item("a", 1), new Item("b", 2)), new Item("a", 1));
        byte[] bytes = json.serialize(page);

        assertThat(envelope(bytes)).startsWith("{\"@class\":\"" + Page.class.getName() + "<" + Item.class.getName() + ">\"");
        Page<?> read = (Page<?>) json.deserialize(bytes);
        assertThat(read).isEqualTo(page);
        assertThat(read.first()).isInstanceOf(Item.class);
    }

    @Test
    void genericClassFieldReadsBackAsItsClass() {
        Box<?> read = (Box<?>) roundTrip(new Box<>(new Item("a", 1)));

        assertThat(read.content).isEqualTo(new Item("a", 1));
    }

    @Test
    void genericRecordMixingItemsAndStringsIsRefusedOnWrite() {
        Page<Object> page = new Page<>(List.of(new Item("a", 1), "b"), null);

        assertThatThrownBy(() -> json.serialize(page))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Item.class.getName());
    }

    @Test
    void subclassInAFieldOfItsSuperclassIsRefusedOnWrite() {
        assertThatThrownBy(() -> json.serialize(new Slot(new SpecialItem("a", 1))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(SpecialItem.class.getName());
    }

    @Test
    void rootListOfAClassAndItsSubclassIsRefusedOnWrite() {
        List<Item> value = new ArrayList<>(List.of(new Item("a", 1), new SpecialItem("b", 2)));

        assertThatThrownBy(() -> json.serialize(value)).isInstanceOf(SerializationException.class);
    }

    @Test
    void envelopeOfABareRootListWithElementsIsAMismatch() {
        // as json:// wrote a List<Item> before envelopes named element types
        byte[] old = ValueFrame.frame("{\"@class\":\"java.util.ArrayList\",\"value\":[{\"name\":\"a\",\"qty\":1}]}"
                .getBytes(StandardCharsets.UTF_8), 0);

        assertThatThrownBy(() -> json.deserialize(old)).isInstanceOf(StructureMismatchException.class);
    }

    @Test
    void envelopeNamingOnlyItsRootClassStillReads() {
        byte[] plain = ValueFrame.frame(("{\"@class\":\"" + Item.class.getName() + "\",\"value\":{\"name\":\"a\",\"qty\":1}}")
                .getBytes(StandardCharsets.UTF_8), ClassFingerprint.of(Item.class));

        assertThat(json.deserialize(plain)).isEqualTo(new Item("a", 1));
    }

    @Test
    void classOutsideTheAllowListInATypeArgumentIsRefusedBeforeLoading() {
        String hostile = "io.cachetory.serializer.hostile.Hostile";
        for (String type : List.of("java.util.ArrayList<" + hostile + ">",
                "java.util.HashMap<java.lang.String,java.util.ArrayList<" + hostile + ">>")) {
            String value = type.startsWith("java.util.ArrayList") ? "[{}]" : "{\"k\":[{}]}";
            byte[] bytes = ValueFrame.frame(("{\"@class\":\"" + type + "\",\"value\":" + value + "}")
                    .getBytes(StandardCharsets.UTF_8), 0);

            assertThatThrownBy(() -> json.deserialize(bytes)).as(type)
                    .isInstanceOf(SerializationException.class)
                    .isNotInstanceOf(StructureMismatchException.class)
                    .hasMessageContaining(hostile);
        }
        assertThat(HostileCounter.HOSTILE_RAN).hasValue(0);
    }

    @Test
    void malformedTypeInTheEnvelopeIsASerializationException() {
        for (String type : List.of("java.util.ArrayList<", "java.util.ArrayList<java.lang.String",
                "java.util.ArrayList<java.lang.String>>", "java.lang.String<java.lang.String>",
                "java.util.HashMap<java.lang.String>", " java.lang.String", "java.util.ArrayList<>",
                "java.util.ArrayList<java.lang.String>x", "java.util.ArrayList<" .repeat(40) + "java.lang.String")) {
            byte[] bytes = ValueFrame.frame(("{\"@class\":\"" + type + "\",\"value\":[]}").getBytes(StandardCharsets.UTF_8), 0);

            assertThatThrownBy(() -> json.deserialize(bytes)).as(type).isInstanceOf(SerializationException.class);
        }
    }
}
