package io.cachetory.serializer;

/**
 * The compression levels a compressor takes, in one place for its constructor and for the
 * {@code compression-level} URL parameter. Immutable.
 */
record CompressionLevels(String compressor, int min, int max, String text) {
    static final CompressionLevels ZLIB = new CompressionLevels("zlib", -1, 9, "0–9 (or -1 for its default)");
    static final CompressionLevels ZSTD = new CompressionLevels("zstd", 1, 22, "1–22");

    boolean contains(int level) {
        return level >= min && level <= max;
    }
}
