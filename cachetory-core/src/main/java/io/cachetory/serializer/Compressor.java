package io.cachetory.serializer;

/**
 * What the byte compressors share: a level checked against their {@link CompressionLevels}, and the
 * most bytes a read may decompress to (a larger result is a decompression bomb, refused).
 */
abstract class Compressor implements Serializer<byte[], byte[]> {
    final int level;
    final int maxDecompressedBytes;

    /** @throws IllegalArgumentException when {@code level} is out of range or the maximum is not positive */
    Compressor(CompressionLevels levels, int level, int maxDecompressedBytes) {
        if (!levels.contains(level)) {
            throw new IllegalArgumentException(levels.compressor() + " compression-level must be " + levels.text()
                    + ", not " + level);
        }
        if (maxDecompressedBytes <= 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must be positive, not " + maxDecompressedBytes);
        }
        this.level = level;
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    /** @return the level this compressor writes at */
    public int level() {
        return level;
    }

    /** @return the most bytes one value may decompress to */
    public int maxDecompressedBytes() {
        return maxDecompressedBytes;
    }
}
