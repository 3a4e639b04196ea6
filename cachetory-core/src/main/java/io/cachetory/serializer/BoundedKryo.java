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
        int depth = ++references.depth;
        references.backReferenceAt = -1;
        return depth;
    }

    private void exit(ReadBudget b, Object result, int depth) {
        boolean backReference = references.backReferenceAt == depth;
        references.depth = depth - 1;
        references.backReferenceAt = -1;
        b.exit(result, backReference);
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

    /** Tells the Kryo, per nesting level, whether the read at that level was a back-reference. */
    private static final class BudgetReferenceResolver extends MapReferenceResolver {
        int depth;
        int backReferenceAt = -1;

        @Override
        @SuppressWarnings("rawtypes")
        public Object getReadObject(Class type, int id) {
            backReferenceAt = depth;
            return super.getReadObject(type, id);
        }

        @Override
        public void reset() {
            boolean large = readObjects.size() > KEPT_REFERENCES;
            super.reset();
            if (large) {
                readObjects.trimToSize();
            }
        }
    }
}
