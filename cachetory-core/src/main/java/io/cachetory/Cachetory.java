package io.cachetory;

import io.cachetory.memo.CachedMethods;
import io.cachetory.proxy.CachetoryProxies;
import java.util.function.Supplier;

/**
 * The front door of memoization: proxies that honour {@link io.cachetory.annotations.Cached},
 * purge/refresh of single calls, and the registry of named caches. Thread-safe.
 *
 * <pre>{@code
 * QuoteService quotes = Cachetory.create(QuoteService.class, httpClient);
 * quotes.quote("AAPL");                                  // runs, stores under quotes:AAPL
 * Cachetory.purge(() -> quotes.quote("AAPL"));           // deletes that entry
 * }</pre>
 */
public final class Cachetory {
    private Cachetory() {}

    /**
     * A delegating proxy of {@code target}: an instance of a generated subclass of its class (so it can
     * be assigned to the class and its interfaces), made without running a constructor.
     *
     * A target that is itself such a proxy (or made by {@link #create}) is returned as it is.
     *
     * @throws IllegalArgumentException for a final class (use the agent) or a misconfigured {@code @Cached} method
     */
    public static <T> T proxy(T target) {
        return CachetoryProxies.proxy(target);
    }

    /**
     * A new instance of a generated subclass of {@code type}, made with the matching constructor; calls
     * the object makes on itself are memoized too.
     *
     * @throws IllegalArgumentException for a final class or final {@code @Cached} method (use the agent),
     *     no matching constructor, or a misconfigured {@code @Cached} method
     */
    public static <T> T create(Class<T> type, Object... ctorArgs) {
        return CachetoryProxies.create(type, ctorArgs);
    }

    /**
     * Deletes the entry of the one memoized call {@code call} makes (proxy, agent or {@code Memoized});
     * its body does not run and the call returns its type's default.
     *
     * @return whether an entry existed
     * @throws IllegalArgumentException when {@code call} makes no memoized call or more than one
     * @throws BackendException when the backend fails (an explicit operation is not fail-open)
     */
    public static boolean purge(Runnable call) {
        return CachedMethods.purge(call);
    }

    /**
     * Runs the body of the memoized call {@code call} makes even on a hit, stores its result (ignoring
     * {@code ifNotExists}; an excluded or uncached-null result deletes the old entry) and returns it.
     *
     * @throws IllegalArgumentException when {@code call} makes no memoized call
     */
    public static <R> R refresh(Supplier<R> call) {
        return CachedMethods.refresh(call);
    }

    /**
     * Whether the Java agent ({@code -javaagent:cachetory-agent.jar}) memoizes the {@code @Cached}
     * methods of this class: then plain {@code new} objects and static methods are memoized, and
     * {@link #create}/{@link #proxy} add no second layer.
     */
    public static boolean isInstrumented(Class<?> type) {
        return CachedMethods.isInstrumented(type);
    }

    /** The named caches {@code @Cached(cache = …)} refers to. */
    public static CacheRegistry registry() {
        return CachedMethods.global().registry();
    }
}
