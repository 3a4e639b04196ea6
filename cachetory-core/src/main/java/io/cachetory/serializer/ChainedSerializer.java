package io.cachetory.serializer;

import java.util.Objects;

/**
 * Two serializers in a row: {@code first} then {@code second} on write, {@code second} then
 * {@code first} on read — {@code kryo+zstd://} is {@code new ChainedSerializer<>(kryo, zstd)}. Longer
 * chains nest. Thread-safe when both parts are (every serializer here is).
 *
 * @param <V> the value type
 * @param <M> what {@code first} writes and {@code second} reads
 * @param <W> the wire type
 */
public final class ChainedSerializer<V, M, W> implements Serializer<V, W> {
    private final Serializer<V, M> first;
    private final Serializer<M, W> second;

    public ChainedSerializer(Serializer<V, M> first, Serializer<M, W> second) {
        this.first = Objects.requireNonNull(first, "first");
        this.second = Objects.requireNonNull(second, "second");
    }

    @Override
    public void allowDeclaredType(java.lang.reflect.Type type) {
        first.allowDeclaredType(type);
        second.allowDeclaredType(type);
    }

    @Override
    public W serialize(V value) {
        return second.serialize(first.serialize(value));
    }

    @Override
    public V deserialize(W data) {
        return first.deserialize(second.deserialize(data));
    }

    /** The URL-like form of the chain, e.g. {@code kryo+zstd://?compression-level=3}. */
    @Override
    public String toString() {
        String a = first.toString();
        String b = second.toString();
        int sa = a.indexOf("://");
        int sb = b.indexOf("://");
        if (sa < 0 || sb < 0) {
            return a + " then " + b;
        }
        String query = a.substring(sa + 3);
        String second = b.substring(sb + 3);
        if (query.isEmpty()) {
            query = second;
        }
        return a.substring(0, sa) + "+" + b.substring(0, sb) + "://" + query;
    }
}
