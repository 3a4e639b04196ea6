package io.cachetory.serializer;

import java.lang.reflect.Type;
import java.util.Objects;

/**
 * What the value serializers ({@code kryo}, {@code java}, {@code json}) share: a payload framed by
 * {@link ValueFrame}'s header naming the structure of its classes, read only through an
 * {@link AllowList}. Subclasses write and read the payload alone.
 */
abstract class FramedSerializer<V> implements Serializer<V, byte[]> {
    final AllowList allowList;
    private final String format;

    FramedSerializer(AllowList allowList, String format) {
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.format = format;
    }

    /** Writes {@code value} behind a 16-byte header naming the structure of its classes. */
    @Override
    public final byte[] serialize(V value) {
        return ValueFrame.write(this::writePayload, value);
    }

    /**
     * Reads a value written by {@link #serialize}; a value written by classes of another structure,
     * or before values carried a header, is a {@link io.cachetory.StructureMismatchException}.
     */
    @Override
    public final V deserialize(byte[] data) {
        return ValueFrame.read(this::readPayload, data, format);
    }

    /** Adds the type to this serializer's allow-list (see {@link AllowList#allowDeclaredType}). */
    @Override
    public final void allowDeclaredType(Type type) {
        allowList.allowDeclaredType(type);
    }

    /** The allow-list this serializer reads with. */
    public final AllowList allowList() {
        return allowList;
    }

    abstract byte[] writePayload(V value);

    abstract V readPayload(byte[] payload);
}
