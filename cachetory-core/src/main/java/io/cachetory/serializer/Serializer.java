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

    /**
     * Lets this serializer read back the classes a caller declares it will store: the raw class of
     * {@code type}, its generic type arguments, array elements, and their packages (a JDK class adds
     * nothing; a class of this library adds only itself). Memoization calls it with each
     * {@code @Cached} method's return type, for the caches the method uses. Serializers that
     * instantiate no classes by name (the default) ignore it; the others add to their
     * {@link AllowList}. Thread-safe; declaring a type twice is harmless.
     */
    default void allowDeclaredType(java.lang.reflect.Type type) {}
}
