package io.cachetory.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.SerializerFactory.CompatibleFieldSerializerFactory;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.CompatibleFieldSerializer;
import com.esotericsoftware.kryo.util.Util;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Kryo's {@link CompatibleFieldSerializer} with bounded reads: a user class's fields are read through
 * a {@link BoundedInput.Chunks} over their chunks, where Kryo's own {@code InputChunked} would allocate for
 * any string or array length the data announced, and the count of field names is checked against the
 * remaining bytes before it is allocated for. Writes are Kryo's own: the bytes do not change.
 *
 * <p>{@link #read} and {@code readFields} follow Kryo 5.6.2's {@code CompatibleFieldSerializer}
 * (BSD-3-Clause, Copyright (c) 2008-2023, Nathan Sweet), with the chunked input swapped and the
 * count checked; the one package-private call there ({@code setReuseSerializer(false)}, so that a
 * field whose values change class never keeps the serializer of an earlier value) is replaced by
 * clearing the field's serializer before each read. One per class per {@code Kryo}; not thread-safe.
 *
 * @param <T> the class read and written
 */
final class BoundedFieldSerializer<T> extends CompatibleFieldSerializer<T> {
    private static final int BINARY_SEARCH_THRESHOLD = 32;

    private final CompatibleFieldSerializerConfig config;
    /** Fields given a serializer by an annotation: Kryo keeps it whatever class the data names. */
    private final Set<CachedField> bound = Collections.newSetFromMap(new IdentityHashMap<>());

    @SuppressWarnings("rawtypes")
    BoundedFieldSerializer(Kryo kryo, Class type, CompatibleFieldSerializerConfig config) {
        super(kryo, type, config);
        this.config = config;
        for (CachedField field : getFields()) {
            if (field.getSerializer() != null) {
                bound.add(field);
            }
        }
    }

    /** Makes this serializer the default, with {@code config}, as Kryo's factory makes its own. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static CompatibleFieldSerializerFactory factory(CompatibleFieldSerializerConfig config) {
        return new CompatibleFieldSerializerFactory(config) {
            @Override
            public CompatibleFieldSerializer newSerializer(Kryo kryo, Class type) {
                return new BoundedFieldSerializer(kryo, type, getConfig().clone());
            }
        };
    }

    @Override
    public T read(Kryo kryo, Input input, Class<? extends T> type) {
        int pop = pushTypeVariables();

        T object = create(kryo, input, type);
        kryo.reference(object);

        CachedField[] fields = (CachedField[]) kryo.getGraphContext().get(this);
        if (fields == null) {
            fields = readFields(kryo, input);
        }

        boolean chunked = config.getChunkedEncoding();
        boolean readUnknownTagData = config.getReadUnknownTagData();
        Input fieldInput;
        BoundedInput.Chunks inputChunked = null;
        if (chunked) {
            fieldInput = inputChunked = new BoundedInput.Chunks(input, config.getChunkSize());
        } else {
            fieldInput = input;
        }
        for (CachedField cachedField : fields) {
            if (readUnknownTagData) {
                Registration registration;
                try {
                    registration = kryo.readClass(fieldInput);
                } catch (KryoException ex) {
                    if (!chunked) {
                        throw new KryoException("Unable to read unknown data (unknown type). (" + getType().getName()
                                + "#" + cachedField + ")", ex);
                    }
                    inputChunked.nextChunk();
                    continue;
                }
                if (registration == null) {
                    if (chunked) {
                        inputChunked.nextChunk();
                    }
                    continue;
                }
                Class<?> valueClass = registration.getType();
                if (cachedField == null) {
                    // Read unknown data in case it is a reference.
                    try {
                        kryo.readObject(fieldInput, valueClass);
                    } catch (KryoException ex) {
                        if (!chunked) {
                            throw new KryoException("Unable to read unknown data, type: " + Util.className(valueClass)
                                    + " (" + getType().getName() + "#" + cachedField + ")", ex);
                        }
                    }
                    if (chunked) {
                        inputChunked.nextChunk();
                    }
                    continue;
                }

                // Ensure the type in the data is compatible with the field type.
                if (cachedField.getValueClass() != null
                        && !Util.isAssignableTo(valueClass, cachedField.getField().getType())) {
                    if (!chunked) {
                        throw new KryoException("Read type is incompatible with the field type: "
                                + Util.className(valueClass) + " -> " + Util.className(cachedField.getValueClass())
                                + " (" + getType().getName() + "#" + cachedField + ")");
                    }
                    inputChunked.nextChunk();
                    continue;
                }

                cachedField.setCanBeNull(false);
                if (!bound.isEmpty() && bound.contains(cachedField)) {
                    cachedField.setValueClass(valueClass);
                } else {
                    cachedField.setValueClass(valueClass, null);
                }
            } else if (cachedField == null) {
                if (!chunked) {
                    throw new KryoException("Unknown field. (" + getType().getName() + ")");
                }
                inputChunked.nextChunk();
                continue;
            }

            cachedField.read(fieldInput, object);
            if (chunked) {
                inputChunked.nextChunk();
            }
        }

        popTypeVariables(pop);
        return object;
    }

    private CachedField[] readFields(Kryo kryo, Input input) {
        int length = input.readVarInt(true);
        CountCheckedSerializers.checkCount(kryo, input, length); // each name takes at least a byte
        String[] names = new String[length];
        for (int i = 0; i < length; i++) {
            names[i] = input.readString();
        }

        CachedField[] fields = new CachedField[length];
        CachedField[] allFields = getFields();
        if (length < BINARY_SEARCH_THRESHOLD) {
            outer:
            for (int i = 0; i < length; i++) {
                String schemaName = names[i];
                for (CachedField field : allFields) {
                    if (field.getName().equals(schemaName)) {
                        fields[i] = field;
                        continue outer;
                    }
                }
            }
        } else {
            int lastFieldIndex = allFields.length - 1;
            outer:
            for (int i = 0; i < length; i++) {
                String schemaName = names[i];
                int low = 0;
                int high = lastFieldIndex;
                while (low <= high) {
                    int mid = (low + high) >>> 1;
                    int compare = schemaName.compareTo(allFields[mid].getName());
                    if (compare < 0) {
                        high = mid - 1;
                    } else if (compare > 0) {
                        low = mid + 1;
                    } else {
                        fields[i] = allFields[mid];
                        continue outer;
                    }
                }
            }
        }

        kryo.getGraphContext().put(this, fields);
        return fields;
    }
}
