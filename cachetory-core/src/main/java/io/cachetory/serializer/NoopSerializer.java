package io.cachetory.serializer;

/**
 * Stores values as they are (for backends that hold objects, such as {@code memory://}). Stateless
 * and thread-safe; {@code noop://} and {@code null://}.
 */
public final class NoopSerializer<V> implements Serializer<V, V> {
    private static final NoopSerializer<?> INSTANCE = new NoopSerializer<>();

    @SuppressWarnings("unchecked")
    public static <V> NoopSerializer<V> instance() {
        return (NoopSerializer<V>) INSTANCE;
    }

    private NoopSerializer() {}

    @Override
    public V serialize(V value) {
        return value;
    }

    @Override
    public V deserialize(V data) {
        return data;
    }

    @Override
    public String toString() {
        return "noop://";
    }
}
