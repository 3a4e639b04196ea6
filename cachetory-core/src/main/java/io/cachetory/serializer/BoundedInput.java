package io.cachetory.serializer;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.InputChunked;
import java.io.InputStream;

/**
 * A Kryo {@link Input} over one payload, or over the chunks of a user class's fields read from
 * another {@code BoundedInput}, that refuses lengths the remaining bytes cannot hold before
 * allocating for them: every character of a string and every element of an array takes at least one
 * byte, so a count beyond the remaining bytes is garbage (or hostile) and would otherwise allocate
 * memory sized by a number, not by the payload. It is an {@link InputChunked} so that the fields of a
 * user class (which Kryo's field serializer reads through chunks) are bounded too
 * ({@link BoundedFieldSerializer}); over a whole payload there are no chunks. One per read or per
 * object read (never pooled, so nothing it grew stays pinned); not thread-safe.
 */
final class BoundedInput extends InputChunked {
    /** Over a whole payload. */
    BoundedInput(byte[] data) {
        super(0);
        setBuffer(data);
    }

    /** Over the chunks that {@code outer} holds next. */
    BoundedInput(Input outer, int chunkSize) {
        super(outer, chunkSize);
    }

    @Override
    protected int fill(byte[] buffer, int offset, int count) {
        // A whole payload has nothing beyond its buffer, as a plain Input without a stream.
        return getInputStream() == null ? -1 : super.fill(buffer, offset, count);
    }

    @Override
    public String readString() {
        checkStringLength();
        return super.readString();
    }

    @Override
    public StringBuilder readStringBuilder() {
        checkStringLength();
        return super.readStringBuilder();
    }

    private void checkStringLength() {
        canReadVarInt(); // brings the length into the buffer where the data has it; consumes nothing
        byte[] bytes = buffer;
        int p = position;
        if (p == limit || (bytes[p] & 0x80) == 0) {
            return; // ASCII, read as it comes, or nothing left to read
        }
        // UTF-8 form: a length (0 = null, 1 = empty, n = n - 1 chars), decoded as Kryo does, then at
        // least a byte per char.
        int b = bytes[p++];
        int announced = b & 0x3F;
        if ((b & 0x40) != 0) {
            for (int shift = 6; ; shift += 7) {
                if (p == limit) {
                    return; // cut short: the read fails before it allocates
                }
                b = bytes[p++];
                announced |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0 || shift == 27) {
                    break;
                }
            }
        }
        if (announced < 0 || announced > 1) {
            check(announced - 1L, 1);
        }
    }

    @Override
    public byte[] readBytes(int length) {
        check(length, 1);
        return super.readBytes(length);
    }

    @Override
    public int[] readInts(int length, boolean optimizePositive) {
        check(length, 1);
        return super.readInts(length, optimizePositive);
    }

    @Override
    public int[] readInts(int length) {
        check(length, 4);
        return super.readInts(length);
    }

    @Override
    public long[] readLongs(int length, boolean optimizePositive) {
        check(length, 1);
        return super.readLongs(length, optimizePositive);
    }

    @Override
    public long[] readLongs(int length) {
        check(length, 8);
        return super.readLongs(length);
    }

    @Override
    public float[] readFloats(int length) {
        check(length, 4);
        return super.readFloats(length);
    }

    @Override
    public double[] readDoubles(int length) {
        check(length, 8);
        return super.readDoubles(length);
    }

    @Override
    public short[] readShorts(int length) {
        check(length, 2);
        return super.readShorts(length);
    }

    @Override
    public char[] readChars(int length) {
        check(length, 2);
        return super.readChars(length);
    }

    @Override
    public boolean[] readBooleans(int length) {
        check(length, 1);
        return super.readBooleans(length);
    }

    /** Refuses {@code count} items of at least {@code bytesEach} bytes when fewer bytes remain. */
    void check(long count, int bytesEach) {
        refuseBeyond(count, bytesEach, remaining(this));
    }

    /**
     * Refuses {@code count} items of at least {@code bytesEach} bytes when {@code input} cannot deliver
     * that many bytes. {@code input} may be one over a whole payload or one reading chunks from another:
     * what such an input can still deliver is what it holds plus what the input it reads from can.
     */
    static void check(Input input, long count, int bytesEach) {
        refuseBeyond(count, bytesEach, remaining(input));
    }

    /** An upper bound of the bytes {@code input} can still deliver; unbounded for an input not read from ours. */
    static long remaining(Input input) {
        long remaining = 0;
        for (Input in = input; ; ) {
            remaining += in.limit() - in.position();
            InputStream source = in.getInputStream();
            if (source == null) {
                return in instanceof BoundedInput ? remaining : Long.MAX_VALUE;
            }
            if (!(source instanceof Input next)) {
                return Long.MAX_VALUE;
            }
            in = next;
        }
    }

    private static void refuseBeyond(long count, int bytesEach, long remaining) {
        if (count < 0 || count > remaining / bytesEach) {
            ClassTrail.refused(); // a limit, not a class change: stays a refusal under a value header
            throw new KryoException("a length of " + count + " in " + remaining + " remaining bytes: corrupt data");
        }
    }
}
