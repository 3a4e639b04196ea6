package io.cachetory.memo;

/** Rethrows a loader's checked exception unchanged to callers that share its load (rule 3.2/3.3). */
final class Sneaky {
    private Sneaky() {}

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T rethrow(Throwable t) throws T {
        throw (T) t;
    }
}
