package io.cachetory;

/**
 * Stored bytes were written by code whose classes differ in structure from this JVM's (a field
 * added, removed or retyped, a record component or enum constant changed, anywhere in the value's
 * graph), or before values carried the header that lets a reader tell. Such a value is never
 * returned: {@link Cache#get} answers {@code null}, {@link Cache#getMany} leaves the key out, and
 * memoization takes it as a miss. Serializers throw it; callers of a {@link Cache} do not see it.
 */
public class StructureMismatchException extends SerializationException {
    private static final long serialVersionUID = 1L;

    public StructureMismatchException(String message) {
        super(message);
    }

    public StructureMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
