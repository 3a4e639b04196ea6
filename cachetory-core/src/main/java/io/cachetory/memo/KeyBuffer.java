package io.cachetory.memo;

/**
 * A per-thread builder for keys, so that a hit allocates only the key itself (one {@code String} and
 * its bytes) rather than a fresh builder that grows and is copied. Rendering may run user code
 * ({@code toString()}) that builds another key on the same thread; such a nested use gets a
 * builder of its own instead of clobbering the outer one.
 */
final class KeyBuffer {
    private static final int MAX_RETAINED = 1024;
    private static final ThreadLocal<KeyBuffer> CURRENT = ThreadLocal.withInitial(KeyBuffer::new);

    private final StringBuilder sb = new StringBuilder(128);
    private boolean inUse;

    private KeyBuffer() {}

    /** @return an empty builder; hand it back with {@link #release} */
    static StringBuilder acquire() {
        KeyBuffer buffer = CURRENT.get();
        if (buffer.inUse) {
            return new StringBuilder(64);
        }
        buffer.inUse = true;
        buffer.sb.setLength(0);
        return buffer.sb;
    }

    /** @return the builder's content; the builder may be reused after this */
    static String release(StringBuilder sb) {
        String key = sb.toString();
        KeyBuffer buffer = CURRENT.get();
        if (buffer.sb == sb) {
            if (sb.capacity() > MAX_RETAINED) {
                // one huge key must not pin its buffer for the thread's life
                sb.setLength(0);
                sb.trimToSize();
                sb.ensureCapacity(128);
            }
            buffer.inUse = false;
        }
        return key;
    }

    /** Returns the builder after a failure without producing a key. */
    static void abandon(StringBuilder sb) {
        KeyBuffer buffer = CURRENT.get();
        if (buffer.sb == sb) {
            buffer.inUse = false;
        }
    }
}
