package io.cachetory.serializer;

/**
 * Turns values into what a backend stores and back. Implementations are thread-safe.
 *
 * @param <V> the value type the cache user sees
 * @param <W> the wire type the backend stores ({@code byte[]} for all but {@link NoopSerializer})
 */
public interface Serializer<V, W> {
    /**
     * @throws io.cachetory.SerializationException when the value cannot be written
     */
    W serialize(V value);

    /**
     * @throws io.cachetory.SerializationException when the data cannot be read back (corrupt, a class
     *     outside the allow-list), never an {@link Error}
     */
    V deserialize(W data);
}
