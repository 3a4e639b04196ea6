package io.cachetory.serializer;

import com.esotericsoftware.kryo.ClassResolver;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.util.MapReferenceResolver;

/**
 * A {@link Kryo} whose reads are bounded by their payload: every nested object read feeds a
 * {@link ReadBudget} (so shared references cannot unfold into exponential hashing work), arrays,
 * collections and maps refuse element counts their remaining bytes cannot hold before allocating
 * ({@link CountCheckedSerializers}, {@link #checkCount}), and the reference table it keeps between
 * reads is trimmed after a large one, so no read leaves memory pinned in the pool. Writes are Kryo's own. Not thread-safe (pooled, like any {@code Kryo}).
 */
final class BoundedKryo extends Kryo {
    /** Reference tables larger than this are released after a read rather than kept for the next. */
    private static final int KEPT_REFERENCES = 4096;

    private final BudgetReferenceResolver references;
    private ReadBudget budget;
    /** The bytes of the payload being read, and the elements its containers announced so far. */
    private long payloadBytes;
    private long announcedElements;

    BoundedKryo(ClassResolver classResolver) {
        this(classResolver, new BudgetReferenceResolver());
    }

    private BoundedKryo(ClassResolver classResolver, BudgetReferenceResolver references) {
        super(classResolver, references);
        this.references = references;
    }

    /** Reads one value from {@code data} within a budget sized by {@code data.length}. */
    Object readBounded(byte[] data) {
        budget = new ReadBudget(data.length);
        payloadBytes = data.length;
        announcedElements = 0;
        try {
            return readClassAndObject(new BoundedInput(data));
        } finally {
            budget = null;
        }
    }

    // Every entry point of a nested read counts against the budget (Kryo's serializers call each of
    // them). The five overrides repeat one shape on purpose: sharing it through a lambda allocated a
    // capture per object read (~150 B per Redis hit, measured with RedisBenchmark -prof gc).

    @Override
    public Object readClassAndObject(Input input) {
        ReadBudget b = budget;
        if (b == null) {
            return super.readClassAndObject(input);
        }
        int depth = enter(b);
        Object result = super.readClassAndObject(input);
        exit(b, result, depth);
        return result;
    }

    @Override
    public <T> T readObject(Input input, Class<T> type) {
        ReadBudget b = budget;
        if (b == null) {
            return super.readObject(input, type);
        }
        int depth = enter(b);
        T result = super.readObject(input, type);
        exit(b, result, depth);
        return result;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public <T> T readObject(Input input, Class<T> type, Serializer serializer) {
        ReadBudget b = budget;
        if (b == null) {
            return super.readObject(input, type, serializer);
        }
        int depth = enter(b);
        T result = super.readObject(input, type, serializer);
        exit(b, result, depth);
        return result;
    }

    @Override
    public <T> T readObjectOrNull(Input input, Class<T> type) {
        ReadBudget b = budget;
        if (b == null) {
            return super.readObjectOrNull(input, type);
        }
        int depth = enter(b);
        T result = super.readObjectOrNull(input, type);
        exit(b, result, depth);
        return result;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public <T> T readObjectOrNull(Input input, Class<T> type, Serializer serializer) {
        ReadBudget b = budget;
        if (b == null) {
            return super.readObjectOrNull(input, type, serializer);
        }
        int depth = enter(b);
        T result = super.readObjectOrNull(input, type, serializer);
        exit(b, result, depth);
        return result;
    }

    private int enter(ReadBudget b) {
        b.enter();
        return references.enter();
    }

    private void exit(ReadBudget b, Object result, int depth) {
        boolean backReference = references.backReferenceAt == depth;
        int ownId = result == null || backReference ? -1 : references.idAt[depth];
        long backReferenceSize = backReference ? references.sizeOf(references.backReferenceId) : -1;
        references.depth = depth - 1;
        references.backReferenceAt = -1;
        long size = b.exit(backReferenceSize);
        // the value's root (depth 1) is complete last, when nothing can refer back to it any more
        if (ownId >= 0 && depth > 1) {
            references.remember(ownId, size);
        }
    }

    @Override
    public void reset() {
        super.reset();
        references.depth = 0;
        references.backReferenceAt = -1;
    }

    /**
     * Refuses {@code count} elements of an array, collection, map or class when the bytes left cannot
     * hold them, or when the elements all containers of this read announced exceed the payload's bytes.
     * Each element starts at a byte of its own, however the containers nest, so a legitimate payload
     * never announces more elements than it has bytes; without the sum, containers nested in a chain
     * could each allocate for nearly all the bytes left, before any of their elements is read.
     */
    void checkCount(Input input, long count) {
        BoundedInput.check(input, count, 1);
        if (budget != null) {
            announcedElements += count;
            if (announcedElements > payloadBytes) {
                ClassTrail.refused(); // a limit, not a class change: stays a refusal under a value header
                throw new KryoException("the value's arrays and collections announce " + announcedElements
                        + " elements in " + payloadBytes + " bytes: corrupt data");
            }
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Serializer getDefaultSerializer(Class type) {
        return CountCheckedSerializers.replace(this, type, super.getDefaultSerializer(type));
    }

    /**
     * Tells the Kryo, per nesting level, whether the read at that level was a back-reference (and to
     * which id), and which reference id the object it read got: the budget keeps sizes by id.
     */
    private static final class BudgetReferenceResolver extends MapReferenceResolver {
        int depth;
        int backReferenceAt = -1;
        int backReferenceId = -1;
        /** The reference id given at each nesting level, -1 for none. */
        int[] idAt = new int[16];
        /**
         * The unfolded size of each object read so far by reference id (0: none yet), for the read
         * budget; kept with the reference table between reads and cleared with it.
         */
        private long[] sizes = new long[64];
        private int highestSized = -1;

        void remember(int id, long size) {
            if (id >= sizes.length) {
                sizes = java.util.Arrays.copyOf(sizes, Math.max(sizes.length * 2, id + 1));
            }
            sizes[id] = size;
            highestSized = Math.max(highestSized, id);
        }

        /** The unfolded size of the object with this reference id, 1 when unknown (still being read). */
        long sizeOf(int id) {
            long size = id < sizes.length ? sizes[id] : 0;
            return size == 0 ? 1 : size;
        }

        int enter() {
            int d = ++depth;
            if (d == idAt.length) {
                idAt = java.util.Arrays.copyOf(idAt, d * 2);
            }
            idAt[d] = -1;
            backReferenceAt = -1;
            return d;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public int nextReadId(Class type) {
            int id = super.nextReadId(type);
            idAt[depth] = id;
            return id;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Object getReadObject(Class type, int id) {
            backReferenceAt = depth;
            backReferenceId = id;
            return super.getReadObject(type, id);
        }

        @Override
        public void reset() {
            boolean large = readObjects.size() > KEPT_REFERENCES;
            super.reset();
            if (large) {
                readObjects.trimToSize();
            }
            if (sizes.length > KEPT_REFERENCES) {
                sizes = new long[64];
            } else if (highestSized >= 0) {
                java.util.Arrays.fill(sizes, 0, highestSized + 1, 0L);
            }
            highestSized = -1;
        }
    }
}
