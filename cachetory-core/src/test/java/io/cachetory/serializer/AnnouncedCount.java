package io.cachetory.serializer;

import com.esotericsoftware.kryo.io.Output;
import java.util.Arrays;

/**
 * Real {@code kryo://} bytes with the element count of their value patched to announce far more
 * elements than the bytes hold, behind an intact value header (a hostile writer can compute the
 * header, so the read limits must hold behind it).
 */
public final class AnnouncedCount {
    /** How Kryo writes the count of a value. */
    public enum Encoding {
        /** {@code writeVarInt(n + 1)}: arrays and maps. */
        PLAIN,
        /** {@code writeVarIntFlag(sameType, n + 1)}: collections whose element serializer is not known. */
        FLAGGED
    }

    private AnnouncedCount() {}

    /**
     * The bytes of {@code longer} (one element more than {@code shorter}, same class) with its count
     * replaced by {@code count}: the first byte where the two differ is the count.
     */
    public static byte[] kryo(Object shorter, Object longer, Encoding encoding, int count) {
        KryoSerializer<Object> kryo = new KryoSerializer<>();
        byte[] framed = kryo.serialize(longer);
        byte[] a = payloadOf(kryo.serialize(shorter));
        byte[] b = payloadOf(framed);
        int at = 0;
        while (a[at] == b[at]) {
            at++;
        }
        Output output = new Output(b.length + 16);
        output.writeBytes(b, 0, at);
        if (encoding == Encoding.PLAIN) {
            output.writeVarInt(count + 1, true);
        } else {
            output.writeVarIntFlag((b[at] & 0x80) != 0, count + 1, true);
        }
        output.writeBytes(b, at + 1, b.length - at - 1);
        byte[] patched = ValueFrame.frame(output.toBytes(), 0);
        System.arraycopy(framed, 4, patched, 4, 8); // the writer's class digest
        return patched;
    }

    private static byte[] payloadOf(byte[] framed) {
        return Arrays.copyOfRange(framed, ValueFrame.HEADER, framed.length);
    }
}
