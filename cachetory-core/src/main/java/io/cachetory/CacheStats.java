package io.cachetory;

/**
 * An immutable snapshot of the memoization counters of one named cache, from
 * {@link CacheRegistry#stats(String)}. Each memoized call counts once; explicit operations
 * ({@code purge}, {@code refresh}, the {@link Cache} facade) count nothing.
 *
 * @param hits calls answered from the cache
 * @param misses calls not answered from it, including calls that waited for another caller's load
 * @param loads body runs that returned
 * @param loadFailures body runs that threw
 * @param backendErrors failed backend or serializer operations on the memoization path, one per operation
 * @param staleServed calls whose body threw and that were answered with a stale entry instead
 *     ({@code staleIfError})
 */
public record CacheStats(long hits, long misses, long loads, long loadFailures, long backendErrors, long staleServed) {
    /** All zeros: a cache not used yet. */
    public static final CacheStats EMPTY = new CacheStats(0, 0, 0, 0, 0, 0);

    /** @return hits / (hits + misses), or 0 when there were no calls */
    public double hitRate() {
        long calls = hits + misses;
        return calls == 0 ? 0 : (double) hits / calls;
    }
}
