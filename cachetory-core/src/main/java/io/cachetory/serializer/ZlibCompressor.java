package io.cachetory.serializer;

import io.cachetory.SerializationException;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * zlib compression ({@code zlib://}) with {@link Deflater} and {@link Inflater}: the zlib format
 * (RFC 1950), as Python's {@code zlib} writes it, so entries are shared with the Python cachetory.
 *
 * <p>Levels 0 (none) to 9 (best), or -1 for zlib's default (6). Reading refuses data that is not a
 * complete zlib stream, carries bytes after its end, or inflates to more than
 * {@link #maxDecompressedBytes()} (a decompression bomb): {@link SerializationException}, never a
 * hang. Stateless and thread-safe (a {@code Deflater}/{@code Inflater} per call).
 */
public final class ZlibCompressor extends Compressor {

    /** zlib's default level (-1, which zlib treats as 6). */
    public ZlibCompressor() {
        this(Deflater.DEFAULT_COMPRESSION);
    }

    /** @throws IllegalArgumentException when {@code level} is outside -1…9 */
    public ZlibCompressor(int level) {
        this(level, MaxValueSize.defaultBytes());
    }

    /** @throws IllegalArgumentException when {@code level} is outside -1…9 or the maximum is not positive */
    public ZlibCompressor(int level, int maxDecompressedBytes) {
        super(CompressionLevels.ZLIB, level, maxDecompressedBytes);
    }

    @Override
    public byte[] serialize(byte[] value) {
        if (value == null) {
            throw new SerializationException("zlib cannot compress null");
        }
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(value);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, value.length / 2));
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    @Override
    public byte[] deserialize(byte[] data) {
        if (data == null) {
            throw new SerializationException("zlib cannot decompress null data");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            DecompressedBuffer out = new DecompressedBuffer("zlib", data.length, maxDecompressedBytes, 4L * data.length);
            while (!inflater.finished()) {
                if (out.atCap()) {
                    // Full: one more byte, or only the end of the stream? Probe with a byte of scratch.
                    if (inflater.inflate(new byte[1]) > 0) {
                        throw out.tooLarge();
                    }
                    if (!inflater.finished()) {
                        throw new SerializationException("zlib could not decompress " + data.length
                                + " bytes: truncated or not zlib data");
                    }
                    break;
                }
                byte[] chunk = out.chunk();
                int n = inflater.inflate(chunk, out.offset(), out.room());
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new SerializationException("zlib could not decompress " + data.length
                            + " bytes: truncated or not zlib data");
                }
                out.advance(n);
            }
            if (inflater.getRemaining() > 0) {
                throw new SerializationException("zlib data of " + data.length + " bytes has "
                        + inflater.getRemaining() + " bytes after its end");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new SerializationException("zlib could not decompress " + data.length + " bytes: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    @Override
    public String toString() {
        return "zlib://?compression-level=" + level;
    }
}
