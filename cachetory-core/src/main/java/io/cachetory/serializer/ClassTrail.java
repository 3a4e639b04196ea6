package io.cachetory.serializer;

/**
 * The classes one serialization wrote, or one deserialization resolved, as the class resolver or
 * object stream met them: kept per thread for the length of one {@link ValueFrame} call, so that the
 * serializers' resolvers can report to it without knowing about frames. JDK classes are not kept
 * (they count by name, and their names are in the bytes). Not thread-safe: one per thread.
 *
 * <pre>{@code
 * ClassTrail trail = ClassTrail.begin();
 * try { ... serializer runs, its resolver calls ClassTrail.record(type) ... ; trail.digest(); }
 * finally { trail.end(); }
 * }</pre>
 */
final class ClassTrail {
    private static final ThreadLocal<ClassTrail> CURRENT = ThreadLocal.withInitial(ClassTrail::new);

    private long[] fingerprints = new long[8];
    private int size;
    private boolean refused;
    private boolean active;
    /** The trail of an enclosing (de)serialization on this thread, restored by {@link #end}. */
    private ClassTrail outer;

    /** @return an empty trail that {@link #record} reports to until {@link #end} */
    static ClassTrail begin() {
        ClassTrail trail = CURRENT.get();
        if (trail.active) {
            // A serializer used from inside another (a custom Kryo serializer, say): its own trail.
            ClassTrail nested = new ClassTrail();
            nested.outer = trail;
            CURRENT.set(nested);
            trail = nested;
        }
        trail.active = true;
        trail.size = 0;
        trail.refused = false;
        return trail;
    }

    void end() {
        active = false;
        if (outer != null) {
            CURRENT.set(outer);
            outer = null;
        }
    }

    /** Notes a class written or resolved; does nothing outside a frame or for a JDK class. */
    static void record(Class<?> type) {
        long fingerprint = ClassFingerprint.of(type);
        if (fingerprint == ClassFingerprint.JDK) {
            return;
        }
        ClassTrail trail = CURRENT.get();
        if (trail.active) {
            trail.add(fingerprint);
        }
    }

    /** Notes that a class was refused by the allow-list (or a read limit), which no class change explains. */
    static void refused() {
        ClassTrail trail = CURRENT.get();
        if (trail.active) {
            trail.refused = true;
        }
    }

    private void add(long fingerprint) {
        for (int i = 0; i < size; i++) {
            if (fingerprints[i] == fingerprint) {
                return;
            }
        }
        if (size == fingerprints.length) {
            fingerprints = java.util.Arrays.copyOf(fingerprints, size * 2);
        }
        fingerprints[size++] = fingerprint;
    }

    boolean wasRefused() {
        return refused;
    }

    /** An order-free digest of the distinct classes met: the same for the writer and a reader with equal classes. */
    long digest() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += fingerprints[i];
        }
        return sum;
    }
}
