package io.cachetory.memo;

/**
 * The value memoization stores for a {@code null} result of a method with {@code cacheNull = true}.
 * Every serializer writes it and reads back this same instance, so proxy, agent and {@code Memo}
 * entries agree; a reader of such a key through a {@link io.cachetory.Cache} sees this marker.
 */
public enum CachedNull {
    INSTANCE
}
