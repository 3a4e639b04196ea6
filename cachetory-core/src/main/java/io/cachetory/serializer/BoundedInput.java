package io.cachetory.serializer;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.InputChunked;
import java.io.InputStream;

/**
 * A Kryo {@link Input} over one payload that refuses lengths the remaining bytes cannot hold before
 * allocating for them: every character of a string and every element of an array takes at least one
 * byte, so a count beyond the remaining bytes is garbage (or hostile) and would otherwise allocate
 * memory sized by a number, not by the payload. {@link Chunks} does the same for the chunks a user
 * class's fields are read through ({@link BoundedFieldSerializer}). One per read (never pooled, so
 * nothing it grew stays pinned); not thread-safe.
 */
final class BoundedInput extends Input {
    BoundedInput(byte[] data) {
        super(data);
    }

    // The overrides below are repeated in Chunks: a plain Input here keeps the input of every read
    // as small as Kryo's own (an InputChunked carries one more field).

    @Override
    public String readString() {
        checkStringLength(this);
        return super.readString();
    }

    @Override
    public StringBuilder readStringBuilder() {
        checkStringLength(this);
        return super.readStringBuilder();
    }

    @Override
    public byte[] readBytes(int length) {
        check(this, length, 1);
        return super.readBytes(length);
    }

    @Override
    public int[] readInts(int length, boolean optimizePositive) {
        check(this, length, 1);
        return super.readInts(length, optimizePositive);
    }

    @Override
    public int[] readInts(int length) {
        check(this, length, 4);
        return super.readInts(length);
    }

    @Override
    public long[] readLongs(int length, boolean optimizePositive) {
        check(this, length, 1);
        return super.readLongs(length, optimizePositive);
    }

    @Override
    public long[] readLongs(int length) {
        check(this, length, 8);
        return super.readLongs(length);
    }

    @Override
    public float[] readFloats(int length) {
        check(this, length, 4);
        return super.readFloats(length);
    }

    @Override
    public double[] readDoubles(int length) {
        check(this, length, 8);
        return super.readDoubles(length);
    }

    @Override
    public short[] readShorts(int length) {
        check(this, length, 2);
        return super.readShorts(length);
    }

    @Override
    public char[] readChars(int length) {
        check(this, length, 2);
        return super.readChars(length);
    }

    @Override
    public boolean[] readBooleans(int length) {
        check(this, length, 1);
        return super.readBooleans(length);
    }

    /**
     * The chunks of a user class's fields that another bounded input holds next, read as Kryo's
     * {@link InputChunked} reads them, with the same checks as {@link BoundedInput}. One per object
     * read; not thread-safe.
     */
    static final class Chunks extends InputChunked {
        Chunks(Input outer, int chunkSize) {
            super(outer, chunkSize);
        }

        @Override
        public String readString() {
            checkStringLength(this);
            return super.readString();
        }

        @Override
        public StringBuilder readStringBuilder() {
            checkStringLength(this);
            return super.readStringBuilder();
        }

        @Override
        public byte[] readBytes(int length) {
            check(this, length, 1);
            return super.readBytes(length);
        }

        @Override
        public int[] readInts(int length, boolean optimizePositive) {
            check(this, length, 1);
            return super.readInts(length, optimizePositive);
        }

        @Override
        public int[] readInts(int length) {
            check(this, length, 4);
            return super.readInts(length);
        }

        @Override
        public long[] readLongs(int length, boolean optimizePositive) {
            check(this, length, 1);
            return super.readLongs(length, optimizePositive);
        }

        @Override
        public long[] readLongs(int length) {
            check(this, length, 8);
            return super.readLongs(length);
        }

        @Override
        public float[] readFloats(int length) {
            check(this, length, 4);
            return super.readFloats(length);
        }

        @Override
        public double[] readDoubles(int length) {
            check(this, length, 8);
            return super.readDoubles(length);
        }

        @Override
        public short[] readShorts(int length) {
            check(this, length, 2);
            return super.readShorts(length);
        }

        @Override
        public char[] readChars(int length) {
            check(this, length, 2);
            return super.readChars(length);
        }

        @Override
        public boolean[] readBooleans(int length) {
            check(this, length, 1);
            return super.readBooleans(length);
        }
    }

    /** Refuses a string at {@code input}'s position whose UTF-8 form announces more chars than the bytes left. */
    private static void checkStringLength(Input input) {
        input.canReadVarInt(); // brings the length into the buffer where the data has it; consumes nothing
        byte[] bytes = input.getBuffer();
        int p = input.position();
        int limit = input.limit();
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
            check(input, announced - 1L, 1);
        }
    }

    /**
     * Refuses {@code count} items of at least {@code bytesEach} bytes when {@code input} cannot deliver
     * that many bytes. {@code input} may be one over a whole payload or one reading chunks from another:
     * what such an input can still deliver is what it holds plus what the input it reads from can.
     */
    static void check(Input input, long count, int bytesEach) {
        long remaining = remaining(input);
        if (count < 0 || count > remaining / bytesEach) {
            ClassTrail.refused(); // a limit, not a class change: stays a refusal under a value header
            throw new KryoException("a length of " + count + " in " + remaining + " remaining bytes: corrupt data");
        }
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
}
