package io.cachetory;

/** A backend operation failed: connection refused, timeout, an error reply. Never holds a password. */
public class BackendException extends CacheException {
    private static final long serialVersionUID = 1L;

    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
