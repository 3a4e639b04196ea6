package io.cachetory;

/**
 * A value could not be written, or stored bytes could not be read back (corrupt, a class that
 * changed, a class outside the deserialization allow-list, a cyclic or too-deep value).
 */
public class SerializationException extends CacheException {
    private static final long serialVersionUID = 1L;

    public SerializationException(String message) {
        super(message);
    }

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
