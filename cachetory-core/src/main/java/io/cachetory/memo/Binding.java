package io.cachetory.memo;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One cache as memoization uses it: its sync and async faces, its counters, its in-flight loads
 * and its failure log. Replaced as a whole when a name is registered again.
 */
final class Binding {
    final String name;
    final Cache<Object> cache;
    final AsyncCache<Object> async;
    /** Whether keys carry the structure tag: values leave the heap as bytes (see {@link Cache#storesBytes()}). */
    final boolean tagged;
    final Counters counters = new Counters();
    final FailureLog log;
    final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, AsyncFlight> asyncFlights = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    Binding(String name, Cache<?> cache, AsyncCache<?> async) {
        this.name = name;
        this.cache = (Cache<Object>) (cache != null ? cache : new AsyncAsCache<>(async));
        this.async = (AsyncCache<Object>) (async != null ? async : AsyncCache.of(cache));
        this.tagged = this.cache.storesBytes();
        this.log = new FailureLog(name);
    }

    /** Declares a value type memoization stores to both faces (see {@link Cache#allowDeclaredType}). */
    void allowDeclaredType(java.lang.reflect.Type type) {
        cache.allowDeclaredType(type);
        async.allowDeclaredType(type);
    }
}
