package io.cachetory.memo;

/**
 * Rethrows a loader's checked exception unchanged to callers that share its load: an exception from the
 * body propagates as it is, to the caller and to every caller waiting for the same key.
 */
final class Sneaky {
    private Sneaky() {}

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T rethrow(Throwable t) throws T {
        throw (T) t;
    }
}
