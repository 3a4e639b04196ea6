package io.cachetory.memo;

import java.time.Duration;
import java.util.function.BiPredicate;
import java.util.function.Function;

/** What a memoized call stores after a load: ttl, if-not-exists, null handling, exclusion. Immutable. */
final class StorePolicy {
    final Duration ttl;
    final Function<String, Duration> ttlOfKey;
    final boolean ifNotExists;
    final boolean cacheNull;
    final BiPredicate<String, Object> exclude;

    StorePolicy(Duration ttl, Function<String, Duration> ttlOfKey, boolean ifNotExists, boolean cacheNull, BiPredicate<String, Object> exclude) {
        this.ttl = ttl;
        this.ttlOfKey = ttlOfKey;
        this.ifNotExists = ifNotExists;
        this.cacheNull = cacheNull;
        this.exclude = exclude;
    }

    Duration ttl(String key) {
        return ttlOfKey != null ? ttlOfKey.apply(key) : ttl;
    }
}
