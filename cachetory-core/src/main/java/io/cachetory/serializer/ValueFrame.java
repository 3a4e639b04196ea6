package io.cachetory.serializer;

import io.cachetory.SerializationException;
import io.cachetory.StructureMismatchException;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The header every value serializer ({@code kryo}, {@code java}, {@code json}) puts in front of its
 * payload, so that a reader can refuse a value written by classes whose structure differs from its
 * own instead of returning a wrong value.
 *
 * <pre>
 * offset  size  field
 *      0     2  magic 0xCA 0xC7
 *      2     1  format, 1
 *      3     1  flags, 0 (a later field, such as a write time, gets a flag bit and goes after the
 *               fixed fields; a reader that does not know a flag takes the value as foreign)
 *      4     8  class digest, big-endian: the sum of the {@link ClassFingerprint}s of the distinct
 *               non-JDK classes the writer wrote by name
 *     12     4  CRC-32C of the payload, big-endian
 *     16     …  payload
 * </pre>
 *
 * <p>The reader checks the checksum first (a mismatch is corruption: {@link SerializationException}),
 * then reads the payload while its class resolver notes the classes it resolved, and compares their
 * digest, computed with its own fingerprints, to the writer's. A different digest, a payload that the
 * intact bytes cannot be read into with this JVM's classes (a class missing or changed), bytes
 * without this header (written before it existed) or of an unknown format raise
 * {@link StructureMismatchException}. A class refused by the allow-list, or a length refused by a
 * read limit, stays a plain {@link SerializationException}, even where the serializer skipped the
 * refused part and went on. Stateless and thread-safe.
 */
final class ValueFrame {
    static final int HEADER = 16;
    private static final byte MAGIC_0 = (byte) 0xCA;
    private static final byte MAGIC_1 = (byte) 0xC7;
    /**
     * 2 since Kryo writes user classes without field names or chunks (1 had them): a value of format 1
     * is read as another release's. Bump it with {@code KeyTag}'s value format.
     */
    private static final byte FORMAT = 2;

    private ValueFrame() {}

    /** A serializer's own work, without the frame. */
    interface PayloadWriter<V> {
        byte[] write(V value);
    }

    /** A serializer's own work, without the frame. */
    interface PayloadReader<V> {
        V read(byte[] payload);
    }

    static <V> byte[] write(PayloadWriter<V> writer, V value) {
        ClassTrail trail = ClassTrail.begin();
        byte[] payload;
        long digest;
        try {
            payload = writer.write(value);
            digest = trail.digest();
        } finally {
            trail.end();
        }
        return frame(payload, digest);
    }

    /** {@code payload} behind a header carrying {@code digest} and the payload's checksum. */
    static byte[] frame(byte[] payload, long digest) {
        byte[] framed = new byte[HEADER + payload.length];
        framed[0] = MAGIC_0;
        framed[1] = MAGIC_1;
        framed[2] = FORMAT;
        framed[3] = 0;
        putLong(framed, 4, digest);
        putInt(framed, 12, crc(payload, 0, payload.length));
        System.arraycopy(payload, 0, framed, HEADER, payload.length);
        return framed;
    }

    /**
     * @param what the serializer's name, for messages
     */
    static <V> V read(PayloadReader<V> reader, byte[] data, String what) {
        if (data == null) {
            throw new SerializationException(what + " cannot read null data");
        }
        if (data.length < HEADER || data[0] != MAGIC_0 || data[1] != MAGIC_1) {
            throw new StructureMismatchException(what + " found " + data.length
                    + " bytes without a value header: written before values carried one, or by another serializer");
        }
        if (data[2] != FORMAT || data[3] != 0) {
            throw new StructureMismatchException(what + " found a value of format " + data[2] + " flags " + data[3]
                    + ", which this version does not read");
        }
        if (getInt(data, 12) != crc(data, HEADER, data.length - HEADER)) {
            throw new SerializationException(what + " could not read " + data.length + " bytes: corrupt (checksum)");
        }
        long written = getLong(data, 4);
        byte[] payload = Arrays.copyOfRange(data, HEADER, data.length);
        ClassTrail trail = ClassTrail.begin();
        V value;
        long resolved;
        try {
            try {
                value = reader.read(payload);
            } catch (SerializationException e) {
                if (trail.wasRefused()) {
                    throw e;
                }
                // The bytes are intact, so they were written by classes that differ from ours.
                throw new StructureMismatchException(what + " could not read a value with this JVM's classes: "
                        + e.getMessage(), e);
            }
            if (trail.wasRefused()) {
                // Kryo skips a field whose class it cannot read and goes on; a part refused by the
                // allow-list or a read limit still makes the whole value a refusal, never a value.
                throw new SerializationException(what + " could not read " + data.length + " bytes: part of"
                        + " the value was refused (a class outside the allow-list or a length beyond its bytes)");
            }
            resolved = trail.digest();
        } finally {
            trail.end();
        }
        if (resolved != written) {
            throw new StructureMismatchException(what + " read a value written by classes of another structure"
                    + " (a class changed between the writer's code and this JVM's)");
        }
        return value;
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    private static void putInt(byte[] b, int at, int v) {
        for (int i = 3; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static int getInt(byte[] b, int at) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
