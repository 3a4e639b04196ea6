package io.cachetory.annotations;

import java.lang.reflect.Method;

/**
 * Derives the cache key of a {@link Cached} call. Implementations need a public no-arg
 * constructor; one instance is made per method and called from many threads at once, so it must be
 * thread-safe (stateless is best). The key must be stable across JVMs when the cache is shared.
 */
public interface KeyMaker {
    /**
     * @param method the annotated method
     * @param args the call's arguments (never null; empty for a no-arg method)
     * @return the key, never null
     */
    String makeKey(Method method, Object[] args);
}
