package io.cachetory.serializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.io.Output;
import io.cachetory.SerializationException;
import io.cachetory.serializer.AnnouncedCount.Encoding;
import io.cachetory.serializer.fixtures.Box;
import io.cachetory.serializer.fixtures.Node;
import io.cachetory.serializer.hostile.HostileCounter;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever bytes a backend holds, a read costs work and memory bounded by those bytes: at worst a
 * {@link SerializationException}, never a hang, an {@link Error} or memory sized by a number in the
 * payload. The timeouts guard against a hang only; nothing here asserts how fast a read is.
 */
class BoundedReadTest {

    /** Nested sets sharing their children: a few KB whose hashing on read is exponential (SerialDOS). */
    private static Set<Object> serialDos(int depth) {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("x"); // t1 and t2 must differ, or the sets would merge them
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "kryo+zstd"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void sharedNestedSetsAreRefusedInsteadOfHashedForever(String schemes) {
        Serializer<Object, byte[]> serializer = Serializers.fromUrl(schemes + "://");
        byte[] payload = serializer.serialize(serialDos(100));
        assertThat(payload.length).isLessThan(8_000);

        assertThatThrownBy(() -> serializer.deserialize(payload))
                .isInstanceOf(SerializationException.class)
                .isNotInstanceOf(io.cachetory.StructureMismatchException.class)
                .hasMessageContaining("unfolds to more than");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java"})
    void sharingWithinTheBudgetReadsBack(String scheme) {
        Serializer<Object, byte[]> serializer = Serializers.fromUrl(scheme + "://");
        List<String> shared = new ArrayList<>(List.of("EUR", "1.25"));
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add(shared);
        }
        many.add(serialDos(8));

        Object read = serializer.deserialize(serializer.serialize(many));

        assertThat((List<?>) read).hasSize(20_001);
        assertThat(((List<?>) read).get(19_999)).isEqualTo(shared);
    }

    @Test
    void aStringAnnouncingMoreCharactersThanItsBytesIsRefusedWithoutAllocatingThem() {
        Output output = new Output(16);
        output.writeVarInt(3, true);          // class ID of String in a default Kryo (1 + registration 2)
        output.writeVarInt(1, true);          // a new object, not a back-reference
        output.writeVarIntFlag(true, 60_000_001, true); // UTF-8 string of 60 000 000 chars
        KryoSerializer<Object> kryo = new KryoSerializer<>();
        byte[] payload = framedLike(kryo.serialize("x"), output.toBytes());

        long before = allocatedBytes();
        assertThatThrownBy(() -> kryo.deserialize(payload)).isInstanceOf(SerializationException.class)
                .isNotInstanceOf(io.cachetory.StructureMismatchException.class)
                .hasMessageContaining("remaining bytes");
        assertThat(allocatedBytes() - before).isLessThan(10_000_000);
    }

    /** Each Kryo value kind whose read sizes an allocation by its announced count: a shorter and a longer real value. */
    static Stream<Arguments> countedKinds() {
        return Stream.of(
                Arguments.of("Integer[]", new Integer[] {1}, new Integer[] {1, 2}, Encoding.PLAIN),
                Arguments.of("Object[]", new Object[] {1}, new Object[] {1, "b"}, Encoding.PLAIN),
                Arguments.of("String[]", new String[] {"a"}, new String[] {"a", "b"}, Encoding.PLAIN),
                Arguments.of("boolean[]", new boolean[] {true}, new boolean[] {true, false}, Encoding.PLAIN),
                Arguments.of("int[]", new int[] {1}, new int[] {1, 2}, Encoding.PLAIN),
                Arguments.of("long[]", new long[] {1}, new long[] {1, 2}, Encoding.PLAIN),
                Arguments.of("double[]", new double[] {1}, new double[] {1, 2}, Encoding.PLAIN),
                Arguments.of("char[]", new char[] {'a'}, new char[] {'a', 'b'}, Encoding.PLAIN),
                Arguments.of("byte[]", new byte[] {1}, new byte[] {1, 2}, Encoding.PLAIN),
                Arguments.of("List.of", List.of(1, 2, 3), List.of(1, 2, 3, 4), Encoding.FLAGGED),
                Arguments.of("Set.of", Set.of(1, 2, 3), Set.of(1, 2, 3, 4), Encoding.FLAGGED),
                Arguments.of("Map.of", Map.of(1, 1, 2, 2), Map.of(1, 1, 2, 2, 3, 3), Encoding.PLAIN),
                Arguments.of("PriorityQueue", new PriorityQueue<>(List.of(1)), new PriorityQueue<>(List.of(1, 2)),
                        Encoding.FLAGGED),
                Arguments.of("Arrays.asList", Arrays.asList(1), Arrays.asList(1, 2), Encoding.FLAGGED),
                Arguments.of("ArrayList", new ArrayList<>(List.of(1)), new ArrayList<>(List.of(1, 2)), Encoding.FLAGGED),
                Arguments.of("HashMap", new HashMap<>(Map.of(1, 1)), new HashMap<>(Map.of(1, 1, 2, 2)), Encoding.PLAIN),
                Arguments.of("TreeSet", new TreeSet<>(List.of(1)), new TreeSet<>(List.of(1, 2)), Encoding.FLAGGED),
                Arguments.of("TreeMap", new TreeMap<>(Map.of(1, 1)), new TreeMap<>(Map.of(1, 1, 2, 2)), Encoding.PLAIN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("countedKinds")
    void aValueAnnouncingMoreElementsThanItsBytesIsRefusedWithoutAllocatingThem(
            String kind, Object shorter, Object longer, Encoding encoding) {
        KryoSerializer<Object> kryo = new KryoSerializer<>();
        byte[] payload = AnnouncedCount.kryo(shorter, longer, encoding, 30_000_000);

        long before = allocatedBytes();
        assertThatThrownBy(() -> kryo.deserialize(payload)).isInstanceOf(SerializationException.class)
                .isNotInstanceOf(io.cachetory.StructureMismatchException.class)
                .hasMessageContaining("remaining bytes");
        // 30 million elements would take at least 30 MB (120 MB as references).
        assertThat(allocatedBytes() - before).isLessThan(10_000_000);
    }

    @Test
    void arraysNestedInAChainCannotEachAllocateForTheBytesLeft() {
        // Object[] in Object[] ... 100 deep, each announcing 100 000 elements, the innermost holding a
        // byte[] of 100 000 bytes: every count fits the bytes left, but allocating for each would take
        // 100 arrays of 100 000 references (40 MB) from 100 KB.
        int depth = 100;
        int count = 100_000;
        Output output = new Output(count + 1024);
        output.writeVarInt(1, true); // a class by name
        output.writeVarInt(0, true); // name id 0, first seen here
        output.writeString(Object[].class.getName());
        output.writeVarInt(1, true); // a new object
        output.writeVarInt(count + 1, true);
        for (int i = 1; i < depth; i++) {
            output.writeVarInt(1, true);
            output.writeVarInt(0, true); // name id 0 again
            output.writeVarInt(1, true);
            output.writeVarInt(count + 1, true);
        }
        output.writeVarInt(1, true);
        output.writeVarInt(1, true);
        output.writeString(byte[].class.getName());
        output.writeVarInt(1, true);
        output.writeVarInt(count + 1, true);
        output.writeBytes(new byte[count]);
        KryoSerializer<Object> kryo = new KryoSerializer<>();
        byte[] payload = framedLike(kryo.serialize(new Object[] {new byte[1]}), output.toBytes());

        long before = allocatedBytes();
        assertThatThrownBy(() -> kryo.deserialize(payload)).isInstanceOf(SerializationException.class)
                .isNotInstanceOf(io.cachetory.StructureMismatchException.class)
                .hasMessageContaining("announce");
        assertThat(allocatedBytes() - before).isLessThan(10_000_000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("countedKinds")
    void theCountedKindsReadBackUnpatched(String kind, Object shorter, Object longer, Encoding encoding) {
        KryoSerializer<Object> kryo = new KryoSerializer<>();

        Object read = kryo.deserialize(kryo.serialize(longer));

        assertThat(read).hasSameClassAs(longer);
        if (longer instanceof PriorityQueue<?> queue) {
            assertThat(new ArrayList<Object>((PriorityQueue<?>) read)).containsExactlyInAnyOrderElementsOf(queue);
        } else {
            assertThat(read).isEqualTo(longer);
        }
    }

    /** Values in a user class's field, a shorter and a longer one. */
    static Stream<Arguments> countedKindsInAField() {
        return Stream.of(
                Arguments.of("String", "\u00e9\u00e9", "\u00e9\u00e9\u00e9", Encoding.FLAGGED),
                Arguments.of("byte[]", new byte[] {1}, new byte[] {1, 2}, Encoding.PLAIN),
                Arguments.of("int[]", new int[] {1}, new int[] {1, 2}, Encoding.PLAIN),
                Arguments.of("String[]", new String[] {"a"}, new String[] {"a", "b"}, Encoding.PLAIN),
                Arguments.of("List.of", List.of(1, 2, 3), List.of(1, 2, 3, 4), Encoding.FLAGGED),
                Arguments.of("ArrayList", new ArrayList<>(List.of(1)), new ArrayList<>(List.of(1, 2)), Encoding.FLAGGED),
                Arguments.of("StringBuilder", new StringBuilder("\u00e9\u00e9"), new StringBuilder("\u00e9\u00e9\u00e9"),
                        Encoding.FLAGGED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("countedKindsInAField")
    void aValueInAUserClassFieldAnnouncingMoreElementsThanItsBytesIsRefusedWithoutAllocatingThem(
            String kind, Object shorter, Object longer, Encoding encoding) {
        KryoSerializer<Object> kryo = new KryoSerializer<>(AllowList.global().with(RoundTripValues.FIXTURES));
        byte[] payload = AnnouncedCount.kryo(kryo, new Box(longer), shorter, longer, encoding, 30_000_000);

        long before = allocatedBytes();
        assertThatThrownBy(() -> kryo.deserialize(payload)).isInstanceOf(SerializationException.class)
                .isNotInstanceOf(io.cachetory.StructureMismatchException.class)
                .hasMessageContaining("remaining bytes");
        assertThat(allocatedBytes() - before).isLessThan(10_000_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.cachetory.serializer.fixtures.Node"})
    void aClassNameInAUserClassFieldAnnouncingMoreCharactersThanItsBytesIsRefused(String name) {
        KryoSerializer<Object> kryo = new KryoSerializer<>(AllowList.global().with(RoundTripValues.FIXTURES));
        byte[] framed = kryo.serialize(new Box(new Node("n", null)));
        // Kryo writes an ASCII name as its bytes, the last one flagged; the same name in UTF-8 form
        // starts with its length, which is what a hostile writer sets.
        byte[] ascii = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ascii[ascii.length - 1] |= (byte) 0x80;
        byte[] payload = java.util.Arrays.copyOfRange(framed, 16, framed.length);
        int at = indexOf(payload, ascii);
        Output output = new Output(payload.length + 16);
        output.writeBytes(payload, 0, at);
        output.writeVarIntFlag(true, 30_000_001, true);
        output.writeBytes(payload, at, payload.length - at);
        byte[] hostile = framedLike(framed, output.toBytes());

        long before = allocatedBytes();
        assertThatThrownBy(() -> kryo.deserialize(hostile)).isInstanceOf(SerializationException.class)
                .isNotInstanceOf(io.cachetory.StructureMismatchException.class);
        assertThat(allocatedBytes() - before).isLessThan(10_000_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java"})
    void anAllowedClassWhoseInitializerFailsIsARefusalNotAnError(String scheme) throws Exception {
        String brittle = "io.cachetory.serializer.hostile.Brittle";
        String allowing = scheme + "://?allow=io.cachetory.serializer.hostile";
        byte[] payload = Serializers.<Object, byte[]>fromUrl(allowing).serialize(twinOf(brittle));
        Serializer<Object, byte[]> reader = Serializers.fromUrl(allowing);

        assertThatThrownBy(() -> reader.deserialize(payload)).isInstanceOf(SerializationException.class);
        // The second read sees NoClassDefFoundError (the class is now unusable): still a refusal.
        assertThatThrownBy(() -> reader.deserialize(payload)).isInstanceOf(SerializationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zlib", "zstd"})
    void aDecompressionBombStopsAtMaxValueSize(String scheme) throws Exception {
        byte[] bomb = scheme.equals("zlib") ? zlibOfZeros(256 << 20) : zstdOfZeros(256 << 20);
        Serializer<byte[], byte[]> compressor = Serializers.fromUrl(scheme + "://?max-value-size=16m");

        long before = allocatedBytes();
        assertThatThrownBy(() -> compressor.deserialize(bomb))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("max-value-size");
        assertThat(allocatedBytes() - before).isLessThan(40L << 20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zlib", "zstd"})
    void dataOfExactlyMaxValueSizeIsRead(String scheme) {
        Serializer<byte[], byte[]> compressor = Serializers.fromUrl(scheme + "://?max-value-size=1m");
        byte[] value = new byte[1 << 20];
        value[value.length - 1] = 7;

        assertThat(compressor.deserialize(compressor.serialize(value))).isEqualTo(value);
        byte[] bigger = new byte[(1 << 20) + 1];
        assertThatThrownBy(() -> compressor.deserialize(compressor.serialize(bigger)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void theDefaultMaxValueSizeIsAtMostAnEighthOfTheHeap() {
        assertThat((long) MaxValueSize.defaultBytes())
                .isLessThanOrEqualTo(Math.max(1 << 20, Runtime.getRuntime().maxMemory() / 8))
                .isLessThanOrEqualTo(64L << 20);
    }

    @Test
    void maxValueSizeValuesAreChecked() {
        assertThat(MaxValueSize.parse("16m")).isEqualTo(16 << 20);
        assertThat(MaxValueSize.parse("512KiB")).isEqualTo(512 << 10);
        assertThat(MaxValueSize.parse("1048576")).isEqualTo(1 << 20);
        for (String bad : new String[] {"0", "-1", "2g", "lots", "99999999999999999999"}) {
            assertThatThrownBy(() -> Serializers.fromUrl("kryo+zstd://?max-value-size=" + bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("max-value-size");
        }
        assertThatThrownBy(() -> Serializers.fromUrl("kryo://?max-value-size=1m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a compressor");
    }

    private static byte[] zlibOfZeros(int size) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
            byte[] zeros = new byte[1 << 20];
            for (int written = 0; written < size; written += zeros.length) {
                out.write(zeros);
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] zstdOfZeros(int size) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = new com.github.luben.zstd.ZstdOutputStream(bytes)) {
            byte[] zeros = new byte[1 << 20];
            for (int written = 0; written < size; written += zeros.length) {
                out.write(zeros);
            }
        }
        return bytes.toByteArray();
    }

    /**
     * {@code payload} behind an intact header carrying the class digest of {@code real} (the same
     * JDK-only classes): a hostile writer can compute the header, so the read limits must hold
     * behind it, as a refusal and not as "written by another release".
     */
    private static byte[] framedLike(byte[] real, byte[] payload) {
        byte[] framed = ValueFrame.frame(payload, 0);
        System.arraycopy(real, 4, framed, 4, 8);
        return framed;
    }

    private static int indexOf(byte[] bytes, byte[] marker) {
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not in the payload");
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static Object twinOf(String className) throws Exception {
        URL testClasses = HostileCounter.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader isolated = new URLClassLoader(new URL[] {testClasses}, ClassLoader.getPlatformClassLoader());
        return isolated.loadClass(className).getConstructor().newInstance();
    }
}
