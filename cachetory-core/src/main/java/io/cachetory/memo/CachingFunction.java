package io.cachetory.memo;

import io.cachetory.Cache;
import io.cachetory.CacheStats;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

final class CachingFunction<A, R> implements Memoized<A, R> {
    static final ArgumentRenderer ARGUMENT = ArgumentRenderers.forObject("Memo.of argument");

    private final Function<A, R> function;
    private final Binding fixed;
    private final Function<A, Cache<R>> resolver;
    private final Function<A, String> key;
    private final String prefix;
    private final String prefixAndColon;
    /** {@code <prefix>#<tag>:}, or {@code #<tag>:} without a prefix: keys in caches that store bytes. */
    private final String taggedPrefixAndColon;
    private final StorePolicy policy;
    private final DefaultCacheRegistry registry;
    private final Map<Cache<?>, Binding> resolved = new WeakHashMap<>();
    private volatile Binding last;
    /** Fleet single-flight, refresh, staleIfError; null when none is set. */
    private final LoadProtection protection;
    /** The declared result type whose classes the caches must read back; null for {@code Object}. */
    private final java.lang.reflect.Type declared;

    CachingFunction(Function<A, R> function, Cache<R> cache, Function<A, Cache<R>> resolver, Function<A, String> key,
                     String prefix, String tag, StorePolicy policy, DefaultCacheRegistry registry, LoadProtection protection,
                     java.lang.reflect.Type declared) {
        this.protection = protection;
        this.function = function;
        this.declared = declared;
        this.fixed = cache == null ? null : declaring(new Binding("Memo.of", cache, null));
        if (cache == null && resolver == null && declared != null) {
            registry.slot("default").declare(declared);
        }
        this.resolver = resolver;
        this.key = key;
        this.prefix = prefix;
        this.prefixAndColon = prefix + ":";
        this.taggedPrefixAndColon = prefix + "#" + tag + ":";
        this.policy = policy;
        this.registry = registry;
    }

    private Binding binding(A argument) {
        if (fixed != null) {
            return fixed;
        }
        if (resolver == null) {
            return last = registry.slot("default").binding();
        }
        Cache<R> cache = resolver.apply(argument);
        if (cache == null) {
            return null;
        }
        synchronized (resolved) {
            return last = resolved.computeIfAbsent(cache, c -> declaring(new Binding("Memo.of", c, null)));
        }
    }

    /** Lets the binding's caches read back what this function stores (as a {@code @Cached} return type). */
    private Binding declaring(Binding b) {
        if (declared != null) {
            b.allowDeclaredType(declared);
        }
        return b;
    }

    @Override
    public String keyOf(A argument) {
        Binding b = binding(argument);
        return keyOf(argument, b != null && b.tagged);
    }

    private String keyOf(A argument, boolean tagged) {
        if (key != null) {
            String k = key.apply(argument);
            if (k == null) {
                throw new IllegalArgumentException("Memo.of key function answered null for " + argument);
            }
            return tagged ? taggedPrefixAndColon.concat(k) : prefix.isEmpty() ? k : prefixAndColon.concat(k);
        }
        StringBuilder sb = new StringBuilder(taggedPrefixAndColon.length() + 24);
        if (tagged) {
            sb.append(taggedPrefixAndColon);
        } else if (!prefix.isEmpty()) {
            sb.append(prefix).append(':');
        }
        ARGUMENT.render(sb, argument);
        return sb.toString();
    }

    @Override
    @SuppressWarnings("unchecked")
    public R apply(A argument) {
        Binding b = binding(argument);
        if (b == null) {
            return function.apply(argument);
        }
        if (protection != null) {
            String key = keyOf(argument, b.tagged);
            Object result = ProtectedReadThrough.enter(b, key, policy, protection);
            if (result instanceof ProtectedReadThrough.Unanswered u) {
                result = ProtectedReadThrough.resume(b, key, policy, protection, CachedNull.INSTANCE, () -> function.apply(argument), u);
            }
            return result == CachedNull.INSTANCE ? null : (R) result;
        }
        Object entered = ReadThrough.enter(b, keyOf(argument, b.tagged), policy, CachedNull.INSTANCE);
        if (!(entered instanceof SyncCall)) {
            return entered == CachedNull.INSTANCE ? null : (R) entered;
        }
        SyncCall call = (SyncCall) entered;
        R result;
        try {
            result = function.apply(argument);
        } catch (Throwable t) {
            call.exit(null, t);
            throw t;
        }
        call.exit(result, null);
        return result;
    }

    @Override
    public boolean purge(A argument) {
        Binding b = binding(argument);
        return b != null && b.cache.delete(keyOf(argument, b.tagged));
    }

    @Override
    public CacheStats stats() {
        Binding b = fixed != null ? fixed : last;
        return b == null ? CacheStats.EMPTY : b.counters.snapshot();
    }
}
