package io.cachetory.serializer;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Bounds the work a read may cause, whatever its bytes say. A payload can share one object from many
 * places (back-references), so a few kilobytes can describe a graph whose unfolded tree is
 * astronomically large; {@code hashCode}/{@code equals} of nested sets, maps, lists and records walk
 * that unfolded tree (the "SerialDOS" hang). This budget counts, for every object read, the size of
 * its unfolded tree (itself plus the unfolded size of everything it refers to, shared objects counted
 * at every place they are referred from) and refuses the read as soon as one object's tree exceeds
 * {@link #limit()}. Since the refusal happens when an element is complete and before a container
 * hashes it, hashing work stays within the budget too.
 *
 * <p>Two ways to feed it: {@link #enter()}/{@link #exit(long)} around every nested read (Kryo, where
 * each nested object is read through one call and every object a later part may refer back to has a
 * reference id: the caller keeps sizes by id), or {@link #completed(Object, long)} with the sizes of
 * an object's direct children (Java serialization, which reports objects only once they are complete:
 * sizes are kept here, by identity). Not thread-safe: one per read.
 */
final class ReadBudget {
    /** Unfolded objects allowed at least, however small the payload. */
    static final long MIN_LIMIT = 100_000;
    /** Unfolded objects allowed per byte of payload beyond {@link #MIN_LIMIT}. */
    static final long PER_BYTE = 32;

    private final long limit;
    /** Sizes by identity (Java serialization); made on the first object remembered. */
    private Map<Object, Long> sizes;
    private long[] frames = new long[8];
    private int depth;

    ReadBudget(long payloadBytes) {
        this.limit = Math.max(MIN_LIMIT, PER_BYTE * Math.max(0, payloadBytes));
    }

    long limit() {
        return limit;
    }

    /** Starts a nested read. */
    void enter() {
        if (depth == frames.length) {
            frames = java.util.Arrays.copyOf(frames, depth * 2);
        }
        frames[depth++] = 0;
    }

    /**
     * Ends the nested read begun by the matching {@link #enter()}.
     *
     * @param backReferenceSize when the read resolved to an object read earlier (or still being
     *     read), that object's unfolded size (1 when unknown); -1 when it read an object of its own
     * @return the unfolded size of what the read produced, for the caller to keep by reference id
     * @throws ReadBudgetExceededException when the object's unfolded tree is over the limit
     */
    long exit(long backReferenceSize) {
        long inner = frames[--depth];
        // An object still being read (a cycle) has no size yet: a cycle does not unfold when hashed,
        // it overflows the stack, which the serializers already turn into a refusal.
        long size = backReferenceSize >= 0 ? backReferenceSize : saturatedAdd(1, inner);
        check(size);
        if (depth > 0) {
            // the container's running total, checked before it adds (and may hash) this element: it
            // is refused by its elements' sum anyway, and siblings sharing one object near the limit
            // would otherwise each be hashed in full before that
            frames[depth - 1] = saturatedAdd(frames[depth - 1], size);
            check(frames[depth - 1]);
        }
        return size;
    }

    /** An object of the stream is complete; {@code childrenSize} is the sum of {@link #sizeOf} its children. */
    void completed(Object object, long childrenSize) {
        long size = saturatedAdd(1, childrenSize);
        check(size);
        remember(object, size);
    }

    /** The unfolded size of an object already read, 1 for anything else. */
    long sizeOf(Object object) {
        return object == null || sizes == null ? 1 : sizes.getOrDefault(object, 1L);
    }

    private void remember(Object object, long size) {
        if (sizes == null) {
            sizes = new IdentityHashMap<>(8);
        }
        sizes.put(object, size);
    }

    private void check(long size) {
        if (size > limit) {
            ClassTrail.refused(); // a limit, not a class change: stays a refusal under a value header
            throw new ReadBudgetExceededException("the value unfolds to more than " + limit
                    + " objects (shared references nested too deep): refused");
        }
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    /** A read that would cost more than its budget; always turned into a {@code SerializationException}. */
    static final class ReadBudgetExceededException extends RuntimeException {
        ReadBudgetExceededException(String message) {
            super(message, null, false, false);
        }
    }
}
