package io.cachetory.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.SerializerFactory.FieldSerializerFactory;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import io.cachetory.SerializationException;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Kryo 5 binary serialization ({@code kryo://}), the default over byte backends.
 *
 * <p>Writes any value Kryo can write: records, enums, JDK immutable collections ({@code List.of},
 * {@code Map.of}, {@code Set.of}), {@code java.time}, {@code Optional}, {@code BigDecimal},
 * {@code UUID}, {@code URI}, {@code Pattern}, user classes (with or without a no-arg constructor), and
 * cyclic graphs (references are on). Classes are written by name, not by registration ID, so any JVM
 * can read the bytes; user classes default to Kryo's {@code FieldSerializer} (fields in name order). A 16-byte
 * header in front of each value says which classes wrote it: a value written by classes of another
 * structure is a {@link io.cachetory.StructureMismatchException}, never a value with a field left
 * {@code null}.
 *
 * <p>Reading instantiates only classes its {@link AllowList} allows, checked by name before the class
 * is loaded; the same check applies on write, so a value that could not be read back fails at once.
 * Every failure — a refused class, garbage or truncated bytes, a graph too deep for the stack, an
 * absurd length — is a {@link SerializationException}, never an {@link Error}.
 *
 * <p>Thread-safe: {@code Kryo} and {@code Output} instances come from pools; each read has an
 * {@code Input} of its own over its bytes (never pooled, so nothing a read grew stays pinned).
 *
 * @param <V> the value type
 */
public final class KryoSerializer<V> extends FramedSerializer<V> {
    /** Deep enough for any sane value; beyond it Kryo fails cleanly instead of overflowing the stack. */
    static final int MAX_DEPTH = 2_000;

    /** An output whose buffer grew beyond this is dropped rather than kept in the pool. */
    private static final int MAX_POOLED_BUFFER = 1 << 20;

    static {
        // Kryo probes sun.misc.Unsafe in a static initializer, which JDK 24+ reports with a WARNING on
        // every start. We use only the safe streams, so we tell Kryo not to probe (unless the user chose).
        if (System.getProperty("kryo.unsafe") == null) {
            System.setProperty("kryo.unsafe", "false");
        }
    }

    private final Pool<BoundedKryo> kryos;
    private final Pool<Output> outputs;

    /** A serializer reading only what {@link AllowList#global()} allows. */
    public KryoSerializer() {
        this(AllowList.global());
    }

    /** A serializer reading only what {@code allowList} allows. */
    public KryoSerializer(AllowList allowList) {
        super(allowList, "Kryo");
        int capacity = Math.max(4, Runtime.getRuntime().availableProcessors() * 4);
        this.kryos = new Pool<>(true, false, capacity) {
            @Override
            protected BoundedKryo create() {
                return newKryo(KryoSerializer.this.allowList);
            }
        };
        this.outputs = new Pool<>(true, false, capacity) {
            @Override
            protected Output create() {
                return new Output(4096, -1);
            }
        };
    }

    private static BoundedKryo newKryo(AllowList allowList) {
        BoundedKryo kryo = new BoundedKryo(new AllowListClassResolver(allowList));
        // Registration IDs would have to agree across every JVM sharing the backend; names need not.
        kryo.setRegistrationRequired(false);
        kryo.setWarnUnregisteredClasses(false);
        kryo.setReferences(true);
        kryo.setMaxDepth(MAX_DEPTH);
        kryo.setClassLoader(KryoSerializer.class.getClassLoader());
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        // User classes: their fields in name order, straight from this read's bounded input (no field
        // names, no chunks). Every length a field announces is then checked against the value's bytes,
        // and the value header already refuses a value written by classes of another structure, which
        // is all that names and chunks would have been for.
        kryo.setDefaultSerializer(new FieldSerializerFactory());
        // FieldSerializer on these hits JDK internals (InaccessibleObjectException on JDK 17+).
        kryo.addDefaultSerializer(UUID.class, new DefaultSerializers.UUIDSerializer());
        kryo.addDefaultSerializer(URI.class, new DefaultSerializers.URISerializer());
        kryo.addDefaultSerializer(Pattern.class, new DefaultSerializers.PatternSerializer());
        kryo.addDefaultSerializer(AtomicBoolean.class, new DefaultSerializers.AtomicBooleanSerializer());
        kryo.addDefaultSerializer(AtomicInteger.class, new DefaultSerializers.AtomicIntegerSerializer());
        kryo.addDefaultSerializer(AtomicLong.class, new DefaultSerializers.AtomicLongSerializer());
        kryo.addDefaultSerializer(AtomicReference.class, new DefaultSerializers.AtomicReferenceSerializer());
        UnmodifiableCollectionSerializer.register(kryo);
        return kryo;
    }

    @Override
    byte[] writePayload(V value) {
        BoundedKryo kryo = kryos.obtain();
        Output output = outputs.obtain();
        boolean clean = false;
        try {
            kryo.writeClassAndObject(output, value);
            byte[] bytes = output.toBytes();
            clean = true;
            return bytes;
        } catch (RuntimeException e) {
            throw new SerializationException("Kryo could not write " + describe(value) + ": " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new SerializationException("Kryo could not write " + describe(value) + ": the value is too deep", e);
        } catch (OutOfMemoryError e) {
            throw new SerializationException("Kryo could not write " + describe(value) + ": out of memory", e);
        } finally {
            release(kryo, clean);
            if (output.getBuffer().length <= MAX_POOLED_BUFFER) {
                outputs.free(output);
            }
        }
    }

    @SuppressWarnings("unchecked")
    @Override
    V readPayload(byte[] data) {
        BoundedKryo kryo = kryos.obtain();
        boolean clean = false;
        try {
            Object value = kryo.readBounded(data);
            clean = true;
            return (V) value;
        } catch (RuntimeException e) {
            throw new SerializationException("Kryo could not read " + data.length + " bytes: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new SerializationException("Kryo could not read " + data.length + " bytes: the value is too deep", e);
        } catch (OutOfMemoryError e) {
            // Garbage that announces an absurd length: the allocation failed, not the heap at large.
            throw new SerializationException("Kryo could not read " + data.length + " bytes: corrupt length", e);
        } catch (LinkageError e) {
            // A class that is allowed but fails to initialise or link: refused like garbage, never an Error.
            throw new SerializationException("Kryo could not read " + data.length + " bytes: " + e, e);
        } finally {
            release(kryo, clean);
        }
    }

    private void release(BoundedKryo kryo, boolean clean) {
        // A Kryo that failed midway may hold half-built state (depth, references): drop it.
        if (clean) {
            kryos.free(kryo);
        }
    }

    static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }

    @Override
    public String toString() {
        return "kryo://";
    }
}
