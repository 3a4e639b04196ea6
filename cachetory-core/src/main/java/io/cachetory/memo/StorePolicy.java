package io.cachetory.memo;

import java.time.Duration;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * What a memoized call stores after a load (ttl, if-not-exists, null handling, exclusion) and what
 * it may return from the cache (the value type). Immutable.
 */
final class StorePolicy {
    /** The class every returned value must be an instance of; {@code Object} when nothing is declared. */
    final Class<?> valueType;
    final Duration ttl;
    final Function<String, Duration> ttlOfKey;
    final boolean ifNotExists;
    final boolean cacheNull;
    final BiPredicate<String, Object> exclude;

    StorePolicy(Duration ttl, Function<String, Duration> ttlOfKey, boolean ifNotExists, boolean cacheNull,
                BiPredicate<String, Object> exclude, Class<?> valueType) {
        this.valueType = valueType;
        this.ttl = ttl;
        this.ttlOfKey = ttlOfKey;
        this.ifNotExists = ifNotExists;
        this.cacheNull = cacheNull;
        this.exclude = exclude;
    }

    /**
     * False for a stored value this method could not return (another release's or another service's
     * value, or a write-time wrapper stored by a configuration with refresh or staleIfError).
     */
    boolean returnable(Object value) {
        return value == CachedNull.INSTANCE || valueType.isInstance(value) && !(value instanceof Stamped);
    }

    Duration ttl(String key) {
        return ttlOfKey != null ? ttlOfKey.apply(key) : ttl;
    }
}
