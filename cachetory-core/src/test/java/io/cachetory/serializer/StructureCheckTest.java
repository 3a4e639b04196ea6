package io.cachetory.serializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.SerializationException;
import io.cachetory.StructureMismatchException;
import io.cachetory.serializer.versions.Basket;
import io.cachetory.serializer.versions.Holder;
import io.cachetory.serializer.versions.Item;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A value written by another version of its classes (compiled at test time, loaded beside this
 * JVM's) is refused by every byte serializer and chain, never read into a wrong value.
 */
class StructureCheckTest {
    private static Serializer<Object, byte[]> serializer(String schemes) {
        return Serializers.fromUrl(schemes + "://" + Twins.ALLOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "json", "kryo+zstd", "java+zlib", "json+zstd"})
    void valueOfAnUnchangedClassFromAnotherLoaderReadsBack(String schemes) {
        byte[] written = serializer(schemes).serialize(Twins.sample("Item", Twins.ITEM_SAME));

        assertThat(serializer(schemes).deserialize(written)).isEqualTo(new Item("a", 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "json", "kryo+zstd", "java+zlib", "json+zstd"})
    void fieldTypeChangedIsAMismatch(String schemes) {
        byte[] written = serializer(schemes).serialize(Twins.sample("Item", Twins.ITEM_STRING_QTY));

        assertThatThrownBy(() -> serializer(schemes).deserialize(written)).isInstanceOf(StructureMismatchException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "json", "kryo+zlib", "java+zstd", "json+zlib"})
    void classChangedInsideAListOfTheValueIsAMismatch(String schemes) {
        byte[] written = serializer(schemes).serialize(Twins.sample("Basket", Twins.ITEM_STRING_QTY));

        assertThatThrownBy(() -> serializer(schemes).deserialize(written)).isInstanceOf(StructureMismatchException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "json"})
    void unchangedClassInsideAListReadsBack(String schemes) {
        byte[] written = serializer(schemes).serialize(Twins.sample("Basket", Twins.ITEM_SAME));

        assertThat(serializer(schemes).deserialize(written)).isEqualTo(new Basket(List.of(new Item("a", 2))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "json", "json+zstd"})
    void classChangedInsideARootListIsAMismatch(String schemes) {
        byte[] written = serializer(schemes).serialize(new ArrayList<>(List.of(Twins.sample("Item", Twins.ITEM_STRING_QTY))));

        assertThatThrownBy(() -> serializer(schemes).deserialize(written)).isInstanceOf(StructureMismatchException.class);
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "json", "json+zstd"})
    void unchangedClassInsideARootListReadsBackAsItself(String schemes) {
        byte[] written = serializer(schemes).serialize(new ArrayList<>(List.of(Twins.sample("Item", Twins.ITEM_SAME))));

        assertThat((List<Object>) serializer(schemes).deserialize(written)).hasOnlyElementsOfType(Item.class)
                .containsExactly(new Item("a", 2));
    }

    /** JSON refuses to write an {@code Item} in an {@code Object} field (see JsonElementTypesTest). */
    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "kryo+zstd"})
    void classChangedBehindAnObjectFieldIsAMismatch(String schemes) {
        byte[] written = serializer(schemes).serialize(Twins.sample("Holder", Twins.ITEM_STRING_QTY));

        assertThatThrownBy(() -> serializer(schemes).deserialize(written)).isInstanceOf(StructureMismatchException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java"})
    void unchangedClassBehindAnObjectFieldReadsBack(String schemes) {
        byte[] written = serializer(schemes).serialize(Twins.sample("Holder", Twins.ITEM_SAME));

        assertThat(((Holder) serializer(schemes).deserialize(written)).payload).isEqualTo(new Item("a", 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "json"})
    void bytesWithoutTheHeaderAreAMismatch(String scheme) {
        byte[] framed = serializer(scheme).serialize(new Item("a", 2));
        byte[] legacy = java.util.Arrays.copyOfRange(framed, ValueFrame.HEADER, framed.length);

        assertThatThrownBy(() -> serializer(scheme).deserialize(legacy)).isInstanceOf(StructureMismatchException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "json", "kryo+zstd"})
    void corruptPayloadBehindTheHeaderIsASerializationExceptionNotAMismatch(String schemes) {
        byte[] bytes = serializer(schemes.replace("+zstd", "")).serialize(new Item("a", 2));
        bytes[bytes.length - 2] ^= 0x5A;
        Serializer<Object, byte[]> reader = serializer(schemes.replace("+zstd", ""));

        assertThatThrownBy(() -> reader.deserialize(bytes))
                .isInstanceOf(SerializationException.class)
                .isNotInstanceOf(StructureMismatchException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void unknownFormatIsAMismatch() {
        byte[] bytes = serializer("kryo").serialize(new Item("a", 2));
        bytes[2] = 9;

        assertThatThrownBy(() -> serializer("kryo").deserialize(bytes)).isInstanceOf(StructureMismatchException.class);
    }

    @Test
    void headerStartsWithMagicAndFormatAndDigestsOnlyNonJdkClasses() {
        byte[] bytes = serializer("kryo").serialize("x");

        assertThat(bytes[0]).isEqualTo((byte) 0xCA);
        assertThat(bytes[1]).isEqualTo((byte) 0xC7);
        assertThat(bytes[2]).isEqualTo((byte) 2);
        // a value of JDK classes only: their names are in the payload, the class digest is zero
        assertThat(java.util.Arrays.copyOfRange(bytes, 4, 12)).containsOnly(0);
        assertThat(bytes.length).isGreaterThan(ValueFrame.HEADER);
    }
}
