package io.cachetory.memo;

/**
 * Marks the one re-invocation of a future-returning method whose body must run without the cache:
 * its enter advice consumes the mark and lets the body run (the agent cannot wait: a future-returning method returns its future at once).
 */
final class Bypass {
    private static final ThreadLocal<CachedMethod> NEXT = new ThreadLocal<>();

    private Bypass() {}

    static void set(CachedMethod method) {
        NEXT.set(method);
    }

    /** @return true, once, when the current call is the marked re-invocation of {@code method} */
    static boolean consume(CachedMethod method) {
        if (NEXT.get() == method) {
            NEXT.remove();
            return true;
        }
        return false;
    }

    static void clear() {
        NEXT.remove();
    }
}
