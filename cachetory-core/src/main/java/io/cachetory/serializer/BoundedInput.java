package io.cachetory.serializer;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import java.io.InputStream;

/**
 * A Kryo {@link Input} over one byte array that refuses lengths the remaining bytes cannot hold
 * before allocating for them: every character of a string and every element of an array takes at
 * least one byte, so a count beyond the remaining bytes is garbage (or hostile) and would otherwise
 * allocate memory sized by a number, not by the payload. One per read (never pooled, so nothing it
 * grew stays pinned); not thread-safe.
 */
final class BoundedInput extends Input {
    BoundedInput(byte[] data) {
        super(data);
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
        int start = position;
        if (start < limit && readVarIntFlag()) {
            // UTF-8 form: a length (0 = null, 1 = empty, n = n - 1 chars) then at least a byte per char.
            int announced = readVarIntFlag(true);
            setPosition(start);
            if (announced > 1) {
                check(announced - 1L, 1);
            }
        } else {
            setPosition(start);
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
        refuseBeyond(count, bytesEach, (long) limit - position);
    }

    /**
     * Refuses {@code count} items of at least {@code bytesEach} bytes when {@code input} cannot deliver
     * that many bytes. {@code input} may be this class or one reading from it through a chain of inputs
     * (a Kryo {@code InputChunked} that a custom serializer reads its data through, say): what such an
     * input can still deliver is what it holds plus what the input it reads from can.
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
