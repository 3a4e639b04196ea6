package io.cachetory.serializer;

import io.cachetory.memo.CachedNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cachetory.SerializationException;
import io.cachetory.serializer.fixtures.Box;
import io.cachetory.serializer.fixtures.Node;
import io.cachetory.serializer.fixtures.Quote;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KryoSerializerTest {
    private final KryoSerializer<Object> kryo = new KryoSerializer<>(AllowList.global().with(RoundTripValues.FIXTURES));

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.cachetory.serializer.RoundTripValues#kryo")
    void valueRoundTrips(String what, Object value) {
        Object read = kryo.deserialize(kryo.serialize(value));

        assertThat(read).isEqualTo(value);
        if (value != null) {
            assertThat(read).hasSameClassAs(value);
        }
    }

    @Test
    void cachedNullReadsBackAsTheSameInstance() {
        assertThat(kryo.deserialize(kryo.serialize(CachedNull.INSTANCE))).isSameAs(CachedNull.INSTANCE);
    }

    @Test
    void cachedNullNeedsNoAllowEntry() {
        KryoSerializer<Object> plain = new KryoSerializer<>();

        assertThat(plain.deserialize(plain.serialize(CachedNull.INSTANCE))).isSameAs(CachedNull.INSTANCE);
    }

    @Test
    void aFieldWhoseValuesChangeClassReadsEachWithItsOwnSerializer() {
        List<Object> contents = List.of(7, "seven", List.of(7L), new Node("seven", null), 7.5, new int[] {7});
        List<byte[]> written = contents.stream().map(c -> kryo.serialize(new Box(c))).toList();

        for (int round = 0; round < 2; round++) { // the second round reads with the serializers the first cached
            for (int i = 0; i < contents.size(); i++) {
                Object content = ((Box) kryo.deserialize(written.get(i))).content;
                if (content instanceof Node node) {
                    assertThat(node.name).isEqualTo("seven");
                } else {
                    assertThat(content).isEqualTo(contents.get(i));
                }
            }
        }
    }

    @Test
    void kryoIsTheVersionWhoseReadCodeTheBoundedSerializersRepeat() throws Exception {
        java.util.Properties pom = new java.util.Properties();
        try (var in = com.esotericsoftware.kryo.Kryo.class.getResourceAsStream(
                "/META-INF/maven/com.esotericsoftware/kryo/pom.properties")) {
            pom.load(in);
        }

        assertThat(pom.getProperty("version"))
                .as("CountCheckedSerializers reads the length Kryo 5.6.2 writes in front of an array:"
                        + " check the new version's array format, then change this version")
                .isEqualTo("5.6.2");
    }

    @Test
    void cyclicValueRoundTrips() {
        Node a = new Node("a", null);
        Node b = new Node("b", a);
        a.next = b;

        Node read = (Node) kryo.deserialize(kryo.serialize(a));

        assertThat(read.name).isEqualTo("a");
        assertThat(read.next.name).isEqualTo("b");
        assertThat(read.next.next).isSameAs(read);
    }

    @Test
    void selfContainingListRoundTrips() {
        List<Object> list = new ArrayList<>();
        list.add("x");
        list.add(list);

        @SuppressWarnings("unchecked")
        List<Object> read = (List<Object>) kryo.deserialize(kryo.serialize(list));

        assertThat(read.get(1)).isSameAs(read);
    }

    @Test
    void tooDeepValueIsASerializationExceptionNotAnError() {
        Node head = null;
        for (int i = 0; i < 100_000; i++) {
            head = new Node("n", head);
        }
        Node deep = head;

        assertThat(catchThrowable(() -> kryo.serialize(deep))).isInstanceOf(SerializationException.class);
    }

    @Test
    void classOutsideTheAllowListIsRefusedOnRead() {
        byte[] bytes = kryo.serialize(RoundTripValues.quote());

        assertThatThrownBy(() -> new KryoSerializer<>().deserialize(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Quote.class.getName())
                .hasMessageContaining("allow-list");
    }

    @Test
    void classOutsideTheAllowListInAFieldIsRefusedNotSkipped() {
        byte[] bytes = kryo.serialize(new Box(new Node("n", null)));
        KryoSerializer<Object> boxesOnly = new KryoSerializer<>(AllowList.global().with(Box.class.getName()));

        // the value must not come back without the field, nor read as another release's
        assertThatThrownBy(() -> boxesOnly.deserialize(bytes))
                .isInstanceOf(SerializationException.class)
                .isNotInstanceOf(io.cachetory.StructureMismatchException.class)
                .hasMessageContaining(Node.class.getName()).hasMessageContaining("allow-list");
    }

    @Test
    void classOutsideTheAllowListIsRefusedOnWrite() {
        assertThatThrownBy(() -> new KryoSerializer<>().serialize(RoundTripValues.quote()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Quote.class.getName());
    }

    @Test
    void garbageIsASerializationException() {
        assertThatThrownBy(() -> kryo.deserialize("definitely not kryo".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void emptyDataIsASerializationException() {
        assertThatThrownBy(() -> kryo.deserialize(new byte[0])).isInstanceOf(SerializationException.class);
    }

    @Test
    void truncatedDataIsASerializationException() {
        byte[] bytes = kryo.serialize(RoundTripValues.quote());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);

        assertThatThrownBy(() -> kryo.deserialize(truncated)).isInstanceOf(SerializationException.class);
    }

    @Test
    void absurdCollectionLengthIsASerializationException() {
        // ArrayList by name, then a varint length of about 2^31 and nothing behind it.
        byte[] list = kryo.serialize(new ArrayList<>(List.of(1)));
        byte[] hostile = java.util.Arrays.copyOf(list, list.length + 8);
        int lengthAt = list.length - 3;
        byte[] huge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
        System.arraycopy(huge, 0, hostile, lengthAt, huge.length);

        assertThat(catchThrowable(() -> kryo.deserialize(hostile))).isInstanceOf(SerializationException.class);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void randomBytesNeverEscapeAsAnythingButSerializationException() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            byte[] garbage = new byte[1 + random.nextInt(64)];
            random.nextBytes(garbage);
            Throwable thrown = catchThrowable(() -> kryo.deserialize(garbage));
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(SerializationException.class);
            }
        }
    }

    @Test
    void concurrentRoundTripsFromEightThreadsAgree() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int i = 0; i < 500; i++) {
                        Quote quote = new Quote("SKU-" + thread + "-" + i, new java.math.BigDecimal(i),
                                java.time.Instant.ofEpochSecond(i), List.of("t" + thread));
                        if (!quote.equals(kryo.deserialize(kryo.serialize(quote)))) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nullDataIsASerializationException() {
        assertThatThrownBy(() -> kryo.deserialize(null)).isInstanceOf(SerializationException.class);
    }

    @Test
    void aFinalFieldTypeIsReadFromTheAllowedClassWithoutANameCheck() throws Exception {
        // the field's class comes from Link's own code, not from the bytes: nothing to choose, nothing to check
        io.cachetory.serializer.fixtures.Link link = new io.cachetory.serializer.fixtures.Link("docs", new java.net.URL("https://example.com/a"));

        assertThat(kryo.deserialize(kryo.serialize(link))).isEqualTo(link);
    }
}
