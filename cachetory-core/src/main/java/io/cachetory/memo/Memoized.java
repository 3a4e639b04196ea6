package io.cachetory.memo;

import io.cachetory.CacheStats;
import java.util.function.Function;

/**
 * A memoized function made by {@link Memo#of}: {@link #apply} answers from the cache when it can,
 * otherwise runs the function and stores its result, with every behaviour of {@code @Cached}
 * (single-flight, fail-open, null not stored unless asked). Thread-safe.
 *
 * @param <A> the argument type
 * @param <R> the result type
 */
public interface Memoized<A, R> extends Function<A, R> {
    /** @return the cached or computed result; an exception of the function propagates and nothing is stored */
    @Override
    R apply(A argument);

    /**
     * Deletes the entry of {@code argument} (Python's {@code fn.purge(*args)}); the function is not run.
     *
     * @return whether an entry existed
     * @throws io.cachetory.BackendException when the backend fails (an explicit operation is not fail-open)
     */
    boolean purge(A argument);

    /**
     * @return the cache key {@code argument} is stored under (the cache's own prefix excluded):
     *     {@code <prefix>:<key>} in a cache holding live objects, {@code <prefix>#<tag>:<key>} in one
     *     that stores bytes (a cache resolver is asked which cache that is)
     */
    String keyOf(A argument);

    /** @return the counters of the cache this function stores in (of its last resolved cache for a resolver) */
    CacheStats stats();
}
