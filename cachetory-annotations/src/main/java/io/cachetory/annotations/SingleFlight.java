package io.cachetory.annotations;

/**
 * How far {@link Cached} coalesces concurrent misses of one key into one run of the method's body.
 */
public enum SingleFlight {
    /**
     * Per JVM: concurrent calls with the same key in this JVM run the body once; other JVMs sharing
     * the cache run it too.
     */
    JVM,
    /**
     * Per fleet: concurrent misses of one key in any number of JVMs sharing a backend run the body
     * once. One caller takes a lease in the backend, the others wait (at most the lease) for its
     * value. Over a backend without leases (in-process {@code memory://}), this is {@link #JVM}.
     */
    FLEET
}
