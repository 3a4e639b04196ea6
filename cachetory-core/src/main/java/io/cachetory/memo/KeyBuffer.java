package io.cachetory.memo;

/**
 * A per-thread builder for keys, so that a hit allocates only the key itself (one {@code String} and
 * its bytes) rather than a fresh builder that grows and is copied. Rendering may run user code
 * ({@code toString()}) that builds another key on the same thread; such a nested use gets a
 * builder of its own instead of clobbering the outer one.
 *
 * <pre>{@code
 * KeyBuffer buffer = KeyBuffer.acquire();     // one thread-local lookup per key
 * buffer.sb.append(prefix)...;
 * return buffer.release();                    // or buffer.abandon() on failure
 * }</pre>
 */
final class KeyBuffer {
    private static final int MAX_RETAINED = 1024;
    private static final ThreadLocal<KeyBuffer> CURRENT = ThreadLocal.withInitial(() -> new KeyBuffer(true));

    final StringBuilder sb;
    /** False for the throw-away buffer of a nested use. */
    private final boolean shared;
    private boolean inUse;

    private KeyBuffer(boolean shared) {
        this.shared = shared;
        this.sb = new StringBuilder(shared ? 128 : 64);
    }

    /** @return an empty buffer; hand it back with {@link #release} or {@link #abandon} */
    static KeyBuffer acquire() {
        KeyBuffer buffer = CURRENT.get();
        if (buffer.inUse) {
            return new KeyBuffer(false);
        }
        buffer.inUse = true;
        buffer.sb.setLength(0);
        return buffer;
    }

    /** @return the built key; the buffer may be reused after this */
    String release() {
        String key = sb.toString();
        if (shared) {
            if (sb.capacity() > MAX_RETAINED) {
                // one huge key must not pin its buffer for the thread's life
                sb.setLength(0);
                sb.trimToSize();
                sb.ensureCapacity(128);
            }
            inUse = false;
        }
        return key;
    }

    /** Hands the buffer back after a failure, without a key. */
    void abandon() {
        if (shared) {
            inUse = false;
        }
    }
}
