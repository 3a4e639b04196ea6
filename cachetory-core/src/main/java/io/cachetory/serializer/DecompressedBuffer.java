package io.cachetory.serializer;

import io.cachetory.SerializationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects decompressed bytes in chunks and refuses to hold more than a cap, then hands them over
 * in one array of the exact size. Unlike a doubling buffer, which needs two to three times the
 * output at its peak, this holds the output once plus the final copy, and stops at the cap rather
 * than after overshooting it: a decompression bomb costs at most the cap. Not thread-safe.
 */
final class DecompressedBuffer {
    private static final int FIRST_CHUNK = 8 << 10;
    private static final int LARGEST_CHUNK = 1 << 20;

    private final String what;
    private final int inputBytes;
    private final int cap;
    private final List<byte[]> full = new ArrayList<>();
    private byte[] current;
    private int used;
    private long size;

    /**
     * @param what the format, for messages ({@code "zlib"})
     * @param inputBytes the size of the compressed data, for messages
     * @param cap the most bytes this buffer accepts
     * @param expected a hint for the first chunk (the compressed size, say); never trusted beyond {@code cap}
     */
    DecompressedBuffer(String what, int inputBytes, int cap, long expected) {
        this.what = what;
        this.inputBytes = inputBytes;
        this.cap = cap;
        this.current = new byte[(int) Math.min(cap, Math.max(FIRST_CHUNK, Math.min(expected, LARGEST_CHUNK)))];
    }

    /** The chunk to write into; {@link #advance(int)} says how much was written. Never full. */
    byte[] chunk() {
        if (used == current.length) {
            if (size >= cap) {
                throw tooLarge();
            }
            full.add(current);
            current = new byte[(int) Math.min(cap - size, Math.min(LARGEST_CHUNK, Math.max(FIRST_CHUNK, size)))];
            used = 0;
        }
        return current;
    }

    /** Where in {@link #chunk()} to write. */
    int offset() {
        return used;
    }

    /** Room left in {@link #chunk()}. */
    int room() {
        return current.length - used;
    }

    void advance(int written) {
        used += written;
        size += written;
    }

    /** True when the cap is reached: one more byte of output means the data is refused. */
    boolean atCap() {
        return size >= cap;
    }

    SerializationException tooLarge() {
        return new SerializationException(what + " data of " + inputBytes + " bytes decompresses to more than "
                + cap + " bytes (max-value-size)");
    }

    byte[] toByteArray() {
        byte[] out = new byte[(int) size];
        int at = 0;
        for (byte[] chunk : full) {
            System.arraycopy(chunk, 0, out, at, chunk.length);
            at += chunk.length;
        }
        System.arraycopy(current, 0, out, at, used);
        return out;
    }
}
