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
 * <p>Two ways to feed it: {@link #enter()}/{@link #exit(Object, boolean)} around every nested read
 * (Kryo, where each nested object is read through one call), or {@link #completed(Object, long)} with
 * the sizes of an object's direct children (Java serialization, which reports objects only once they
 * are complete). Not thread-safe: one per read.
 */
final class ReadBudget {
    /** Unfolded objects allowed at least, however small the payload. */
    static final long MIN_LIMIT = 100_000;
    /** Unfolded objects allowed per byte of payload beyond {@link #MIN_LIMIT}. */
    static final long PER_BYTE = 32;

    private final long limit;
    /** Made on the first shared-referable object: most cached values are a handful of objects. */
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
     * @param backReference the read resolved to an object read earlier (or still being read)
     * @throws ReadBudgetExceededException when the object's unfolded tree is over the limit
     */
    void exit(Object result, boolean backReference) {
        long inner = frames[--depth];
        long size;
        if (result == null) {
            size = 1;
        } else if (backReference) {
            // An object still being read (a cycle) has no size yet: a cycle does not unfold when
            // hashed, it overflows the stack, which the serializers already turn into a refusal.
            size = sizeOf(result);
        } else {
            size = saturatedAdd(1, inner);
            // the value's root is complete last, when nothing can refer back to it any more: most
            // cached values are one object, whose read then needs no identity map at all
            if (depth > 0 && isReferable(result)) {
                remember(result, size);
            }
        }
        check(size);
        if (depth > 0) {
            frames[depth - 1] = saturatedAdd(frames[depth - 1], size);
        }
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

    private static boolean isReferable(Object o) {
        return !(o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Character
                || o instanceof Enum<?>);
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
