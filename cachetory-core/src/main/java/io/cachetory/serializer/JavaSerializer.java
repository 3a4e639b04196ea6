package io.cachetory.serializer;

import io.cachetory.SerializationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectOutputStream;

/**
 * Java serialization ({@code java://}): {@link ObjectOutputStream} on write, an allow-listed
 * {@link java.io.ObjectInputStream} on read. Values must be {@link java.io.Serializable}.
 *
 * <p>Reading resolves only classes its {@link AllowList} allows, checked by name before the class is
 * loaded, so a refused class's static initializer, constructor and {@code readObject} never run;
 * dynamic proxies are always refused; depth is bounded and no array or reference count may exceed
 * the size of the data. Writing a class the list would refuse fails at once. Every failure is a
 * {@link SerializationException}, never an {@link Error}.
 *
 * <p>Stateless and thread-safe.
 *
 * @param <V> the value type
 */
public final class JavaSerializer<V> extends FramedSerializer<V> {

    /** A serializer reading only what {@link AllowList#global()} allows. */
    public JavaSerializer() {
        this(AllowList.global());
    }

    /** A serializer reading only what {@code allowList} allows. */
    public JavaSerializer(AllowList allowList) {
        super(allowList, "Java serialization");
    }

    @Override
    byte[] writePayload(V value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        AllowListObjectOutputStream out = null;
        try (AllowListObjectOutputStream stream = new AllowListObjectOutputStream(bytes)) {
            out = stream;
            stream.writeObject(value);
        } catch (IOException | RuntimeException e) {
            // After the first refusal ObjectOutputStream serializes its own exception into the stream
            // and trips over that too; the first refusal names the class that matters.
            String refused = out == null ? null : out.firstRefusal;
            throw new SerializationException("Java serialization could not write "
                    + KryoSerializer.describe(value) + ": "
                    + (refused != null ? AllowListClassResolver.refusal(refused) : e.toString()), e);
        } catch (StackOverflowError e) {
            throw new SerializationException("Java serialization could not write "
                    + KryoSerializer.describe(value) + ": the value is too deep", e);
        } catch (OutOfMemoryError e) {
            throw new SerializationException("Java serialization could not write "
                    + KryoSerializer.describe(value) + ": out of memory", e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    @Override
    V readPayload(byte[] data) {
        try (AllowListObjectInputStream in =
                     new AllowListObjectInputStream(new ByteArrayInputStream(data), allowList, data.length)) {
            return (V) in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new SerializationException("Java serialization could not read " + data.length + " bytes: " + e, e);
        } catch (LinkageError e) {
            // A class that is allowed but fails to initialise or link: refused like garbage, never an Error.
            throw new SerializationException("Java serialization could not read " + data.length + " bytes: " + e, e);
        } catch (StackOverflowError e) {
            throw new SerializationException("Java serialization could not read " + data.length
                    + " bytes: the value is too deep", e);
        } catch (OutOfMemoryError e) {
            throw new SerializationException("Java serialization could not read " + data.length
                    + " bytes: corrupt length", e);
        }
    }

    @Override
    public String toString() {
        return "java://";
    }

    /** Refuses, on write, a class that the allow-list would refuse on read. */
    private final class AllowListObjectOutputStream extends ObjectOutputStream {
        String firstRefusal;

        AllowListObjectOutputStream(ByteArrayOutputStream out) throws IOException {
            super(out);
        }

        @Override
        protected void annotateClass(Class<?> type) throws IOException {
            // ObjectOutputStream writes its own NotSerializableException into a failed stream; let
            // that original error surface rather than a refusal of the exception class.
            if (!Throwable.class.isAssignableFrom(type) && type != StackTraceElement.class
                    && type != StackTraceElement[].class && !allowList.isAllowed(type.getName())) {
                if (firstRefusal == null) {
                    firstRefusal = type.getName();
                }
                throw new InvalidClassException(type.getName(), AllowListClassResolver.refusal(type.getName()));
            }
            ClassTrail.record(type);
        }
    }
}
