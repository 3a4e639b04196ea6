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
        return kryo(new KryoSerializer<>(), longer, shorter, longer, encoding, count);
    }

    /**
     * The bytes of {@code holder}, which holds {@code longer} somewhere inside (in a field of a user
     * class, say), written by {@code kryo}, with the count of {@code longer} replaced by {@code count}.
     */
    public static byte[] kryo(KryoSerializer<Object> kryo, Object holder, Object shorter, Object longer,
            Encoding encoding, int count) {
        byte[] a = payloadOf(kryo.serialize(shorter));
        byte[] b = payloadOf(kryo.serialize(longer));
        int at = 0;
        while (a[at] == b[at]) {
            at++;
        }
        // The count and the elements after it read the same wherever the value sits.
        byte[] marker = Arrays.copyOfRange(b, at, Math.min(b.length, at + 8));
        byte[] framed = kryo.serialize(holder);
        byte[] c = payloadOf(framed);
        int found = indexOf(c, marker);
        Output output = new Output(c.length + 16);
        output.writeBytes(c, 0, found);
        if (encoding == Encoding.PLAIN) {
            output.writeVarInt(count + 1, true);
        } else {
            output.writeVarIntFlag((c[found] & 0x80) != 0, count + 1, true);
        }
        output.writeBytes(c, found + 1, c.length - found - 1);
        byte[] patched = ValueFrame.frame(output.toBytes(), 0);
        System.arraycopy(framed, 4, patched, 4, 8); // the writer's class digest
        return patched;
    }

    private static int indexOf(byte[] bytes, byte[] marker) {
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the value's count is not in the holder's bytes");
    }

    private static byte[] payloadOf(byte[] framed) {
        return Arrays.copyOfRange(framed, ValueFrame.HEADER, framed.length);
    }
}
