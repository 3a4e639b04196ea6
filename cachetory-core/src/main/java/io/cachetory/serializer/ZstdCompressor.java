package io.cachetory.serializer;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.cachetory.SerializationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Zstandard compression ({@code zstd://}, {@code zstandard://}) with zstd-jni, an optional dependency
 * ({@code com.github.luben:zstd-jni}). Writes standard zstd frames, as Python's {@code zstd} does.
 *
 * <p>Levels 1 (fastest) to 22 (best); 3 by default. Reading refuses data that is not a complete zstd
 * frame or decompresses to more than {@link #maxDecompressedBytes()} (a decompression bomb):
 * {@link SerializationException}, never a hang. Stateless and thread-safe.
 */
public final class ZstdCompressor extends Compressor {
    /** The level {@link #ZstdCompressor()} compresses at. */
    public static final int DEFAULT_LEVEL = 3;

    public ZstdCompressor() {
        this(DEFAULT_LEVEL);
    }

    /** @throws IllegalArgumentException when {@code level} is outside 1…22 */
    public ZstdCompressor(int level) {
        this(level, MaxValueSize.defaultBytes());
    }

    /** @throws IllegalArgumentException when {@code level} is outside 1…22 or the maximum is not positive */
    public ZstdCompressor(int level, int maxDecompressedBytes) {
        super(CompressionLevels.ZSTD, level, maxDecompressedBytes);
    }

    @Override
    public byte[] serialize(byte[] value) {
        if (value == null) {
            throw new SerializationException("zstd cannot compress null");
        }
        try {
            return Zstd.compress(value, level);
        } catch (ZstdException e) {
            throw new SerializationException("zstd could not compress " + value.length + " bytes: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] deserialize(byte[] data) {
        if (data == null) {
            throw new SerializationException("zstd cannot decompress null data");
        }
        if (data.length == 0) {
            throw new SerializationException("zstd cannot decompress 0 bytes: not a zstd frame");
        }
        // The frame's declared size is written by whoever wrote the bytes: trusted for one exact
        // allocation only when small (zstd still checks it), otherwise the bounded stream below.
        long declared;
        try {
            declared = Zstd.getFrameContentSize(data);
        } catch (RuntimeException e) {
            declared = -1;
        }
        if (declared > maxDecompressedBytes) {
            throw new SerializationException("zstd data of " + data.length + " bytes declares " + declared
                    + " bytes, more than " + maxDecompressedBytes + " (max-value-size)");
        }
        if (declared >= 0 && declared <= Math.min(SINGLE_SHOT_LIMIT, maxDecompressedBytes)) {
            try {
                return Zstd.decompress(data, (int) declared);
            } catch (RuntimeException e) {
                throw new SerializationException("zstd could not decompress " + data.length + " bytes: " + e.getMessage(), e);
            }
        }
        try (ZstdInputStreamNoFinalizer in = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(data))) {
            DecompressedBuffer out = new DecompressedBuffer("zstd", data.length, maxDecompressedBytes,
                    declared >= 0 ? declared : 4L * data.length);
            while (true) {
                if (out.atCap()) {
                    if (in.read() != -1) {
                        throw out.tooLarge();
                    }
                    break;
                }
                byte[] chunk = out.chunk();
                int n = in.read(chunk, out.offset(), out.room());
                if (n == -1) {
                    break;
                }
                out.advance(n);
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException se) {
                throw se;
            }
            throw new SerializationException("zstd could not decompress " + data.length + " bytes: " + e.getMessage(), e);
        }
    }

    /** Declared sizes up to this decompress in one call into an exact array. */
    private static final long SINGLE_SHOT_LIMIT = 1 << 20;

    @Override
    public String toString() {
        return "zstd://?compression-level=" + level;
    }
}
