package io.cachetory.serializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cachetory.SerializationException;
import io.cachetory.memo.CachedNull;
import io.cachetory.serializer.fixtures.Link;
import io.cachetory.serializer.fixtures.Node;
import io.cachetory.serializer.fixtures.Quote;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JavaSerializerTest {
    private final JavaSerializer<Object> java = new JavaSerializer<>(AllowList.global().with(RoundTripValues.FIXTURES));

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.cachetory.serializer.RoundTripValues#common")
    void valueRoundTrips(String what, Object value) {
        assertThat(java.deserialize(java.serialize(value))).isEqualTo(value);
    }

    @Test
    void cachedNullReadsBackAsTheSameInstance() {
        JavaSerializer<Object> plain = new JavaSerializer<>();

        assertThat(plain.deserialize(plain.serialize(CachedNull.INSTANCE))).isSameAs(CachedNull.INSTANCE);
    }

    @Test
    void cyclicValueRoundTrips() {
        Node a = new Node("a", null);
        a.next = new Node("b", a);

        Node read = (Node) java.deserialize(java.serialize(a));

        assertThat(read.next.next).isSameAs(read);
    }

    @Test
    void tooDeepValueIsASerializationExceptionNotAnError() {
        Node head = null;
        for (int i = 0; i < 100_000; i++) {
            head = new Node("n", head);
        }
        Node deep = head;

        assertThat(catchThrowable(() -> java.serialize(deep))).isInstanceOf(SerializationException.class);
    }

    @Test
    void valueDeeperThanTheReadLimitIsRefused() throws Exception {
        byte[][] bytes = new byte[1][];
        // Writing this deep needs more stack than a default thread has.
        Thread writer = new Thread(null, () -> {
            Node head = null;
            for (int i = 0; i < AllowListObjectInputStream.MAX_DEPTH + 10; i++) {
                head = new Node("n", head);
            }
            bytes[0] = java.serialize(head);
        }, "deep-writer", 256L << 20);
        writer.start();
        writer.join();
        assertThat(bytes[0]).isNotNull();

        assertThatThrownBy(() -> java.deserialize(bytes[0])).isInstanceOf(SerializationException.class);
    }

    @Test
    void notSerializableValueIsASerializationException() {
        assertThatThrownBy(() -> java.serialize(Optional.of("x"))).isInstanceOf(SerializationException.class);
    }

    @Test
    void classOutsideTheAllowListIsRefusedOnRead() {
        byte[] bytes = java.serialize(RoundTripValues.quote());

        assertThatThrownBy(() -> new JavaSerializer<>().deserialize(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Quote.class.getName());
    }

    @Test
    void jdkClassOutsideTheAllowListIsRefusedOnRead() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new java.util.concurrent.atomic.AtomicLong(5));
        }

        // framed with an intact header, as a hostile writer could: the allow-list still refuses it
        assertThatThrownBy(() -> java.deserialize(ValueFrame.frame(bytes.toByteArray(), 0)))
                .isInstanceOf(SerializationException.class)
                .isNotInstanceOf(io.cachetory.StructureMismatchException.class)
                .hasMessageContaining("java.util.concurrent.atomic.AtomicLong");
    }

    @Test
    void garbageIsASerializationException() {
        assertThatThrownBy(() -> java.deserialize("definitely not java".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void truncatedDataIsASerializationException() {
        byte[] bytes = java.serialize(RoundTripValues.quote());

        assertThatThrownBy(() -> java.deserialize(Arrays.copyOf(bytes, bytes.length / 2)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void arrayLongerThanTheDataIsRefusedBeforeAllocation() {
        byte[] bytes = java.serialize(new byte[] {1, 2, 3});
        // The array length is the last int before the 3 content bytes.
        byte[] hostile = bytes.clone();
        int at = hostile.length - 3 - 4;
        hostile[at] = 0x7f;
        hostile[at + 1] = (byte) 0xff;
        hostile[at + 2] = (byte) 0xff;
        hostile[at + 3] = (byte) 0xff;

        assertThatThrownBy(() -> java.deserialize(hostile)).isInstanceOf(SerializationException.class);
    }

    /** Serializable, but in no allowed package. */
    record Unlisted(String name) implements Serializable {}

    @Test
    void writingAClassOutsideTheAllowListNamesThatClass() {
        List<Object> value = new ArrayList<>(List.of(new Unlisted("x")));

        assertThatThrownBy(() -> java.serialize(value)).isInstanceOf(SerializationException.class)
                .hasMessageContaining(Unlisted.class.getName())
                .hasMessageNotContaining("StackTraceElement");
    }

    @Test
    void aFinalFieldTypeOutsideTheAllowListIsRefused() throws Exception {
        // unlike Kryo, Java serialization names every class in the stream, so the allow-list sees java.net.URL
        Link link = new Link("docs", new URL("https://example.com/a"));

        assertThatThrownBy(() -> java.serialize(link)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.net.URL");
    }
}
