package io.cachetory.serializer;

/**
 * The default bound on what a compressor inflates one stored value to ({@code max-value-size}):
 * 64 MiB, or an eighth of the heap when that is smaller, so that a few concurrent decompression
 * bombs cannot exhaust a small heap. Values larger than this do not belong in a cache entry.
 */
final class MaxValueSize {
    static final long CEILING = 64L << 20;

    private MaxValueSize() {}

    static int defaultBytes() {
        long heap = Runtime.getRuntime().maxMemory();
        long eighth = heap == Long.MAX_VALUE ? CEILING : heap / 8;
        return (int) Math.max(1 << 20, Math.min(CEILING, eighth));
    }

    /**
     * Parses {@code 1048576}, {@code 512k}, {@code 64m}, {@code 1g} (binary units, case-insensitive,
     * an optional trailing {@code b} or {@code ib}).
     *
     * @throws IllegalArgumentException when not a positive size of at most 2 GiB - 1
     */
    static int parse(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith("ib")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                default -> unit = 1;
            }
            if (unit > 1) {
                t = t.substring(0, t.length() - 1);
            }
        }
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size (e.g. 16m, 1048576)");
        }
        if (n <= 0 || n > Integer.MAX_VALUE / unit) {
            throw new IllegalArgumentException("'" + text + "' must be between 1 byte and 2 GiB");
        }
        long bytes = n * unit;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("'" + text + "' must be between 1 byte and 2 GiB");
        }
        return (int) bytes;
    }
}
