package io.cachetory.memo;

import io.cachetory.annotations.Cached;
import io.cachetory.annotations.Exclude;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Everything about one {@code @Cached} method that does not change between calls, resolved once:
 * key template, cache slot, ttl, exclude, return kind. A hit then costs the key, one read and a counter.
 */
final class CachedMethod {
    private static final Object[] NO_ARGS = new Object[0];
    final Method method;
    /** Keys in caches holding live objects: the plain form of section "keys" of the README. */
    final KeyTemplate keys;
    /**
     * Keys in caches that store bytes: {@code <prefix>#<tag>:<args>}. Made when such a cache is first
     * used (the tag's fingerprint and digest are a visible part of start-up, and caches holding live
     * objects never need them); a race makes equal templates, any of which will do.
     */
    private KeyTemplate taggedKeys;
    private final String version;
    final CacheSlot slot;
    final StorePolicy policy;
    private final boolean async;
    /** Fleet single-flight, refresh, staleIfError; null for a method without them (the plain path). */
    final LoadProtection protection;
    /** What a purged call returns: the boxed zero of a primitive, else the null marker. */
    private final Object skipDefault;

    private CachedMethod(Method method, KeyTemplate keys, String version, CacheSlot slot, StorePolicy policy,
                         boolean async, Object skipDefault, LoadProtection protection) {
        this.protection = protection;
        this.method = method;
        this.keys = keys;
        this.version = version;
        this.slot = slot;
        this.policy = policy;
        this.async = async;
        this.skipDefault = skipDefault;
    }

    /**
     * @throws IllegalArgumentException naming the method on misconfiguration (bad ttl or duration, unknown cache, no stable key form of a parameter, a void method)
     */
    static CachedMethod of(Method method, DefaultCacheRegistry registry) {
        if (!method.isAnnotationPresent(Cached.class)) {
            throw new IllegalArgumentException(KeyTemplate.describe(method) + " is not annotated with @Cached");
        }
        return of(method, CachedAttributes.of(method), registry);
    }

    /**
     * {@link #of(Method, DefaultCacheRegistry)} with the method's {@code @Cached} attributes already
     * read (by the agent, off the class file).
     */
    static CachedMethod of(Method method, CachedAttributes cached, DefaultCacheRegistry registry) {
        String where = KeyTemplate.describe(method);
        Class<?> returnType = method.getReturnType();
        if (returnType == void.class) {
            throw new IllegalArgumentException("@Cached on " + where + ": a void method has no result to cache");
        }
        boolean async = returnType == CompletableFuture.class || returnType == CompletionStage.class;
        Duration ttl = LoadProtection.durationAttribute("@Cached on " + where, "ttl", cached.ttl);
        LoadProtection protection = LoadProtection.of(cached, where, ttl);
        Exclude exclude = cached.exclude == Exclude.class ? null : KeyTemplate.instantiate(cached.exclude, "Exclude", method);
        KeyTemplate keys = KeyTemplate.of(method, cached);
        CacheSlot slot;
        try {
            slot = registry.slot(cached.cache);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@Cached on " + where + ": " + e.getMessage(), e);
        }
        Type stored = method.getGenericReturnType();
        if (async && stored instanceof ParameterizedType) {
            stored = ((ParameterizedType) stored).getActualTypeArguments()[0];
        }
        slot.declare(stored);
        StorePolicy policy = new StorePolicy(ttl, null, cached.ifNotExists, cached.cacheNull,
                exclude == null ? null : exclude::test, async ? rawClass(stored) : boxed(returnType));
        if (async && !method.trySetAccessible()) {
            throw new IllegalArgumentException("@Cached on " + where + ": a future-returning method must be accessible to cachetory-core");
        }
        if (protection != null && !method.trySetAccessible()) {
            throw new IllegalArgumentException("@Cached on " + where + ": a method with singleFlight, refresh or staleIfError must be accessible to cachetory-core");
        }
        return new CachedMethod(method, keys, cached.version, slot, policy, async, skipDefault(returnType, async), protection);
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return boxed(c);
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class; // a generic array, type variable or wildcard: nothing simple to check against
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
    }

    private static Object skipDefault(Class<?> type, boolean async) {
        if (async || !type.isPrimitive()) {
            return CachedNull.INSTANCE;
        }
        if (type == boolean.class) return Boolean.FALSE;
        if (type == char.class) return (char) 0;
        if (type == byte.class) return (byte) 0;
        if (type == short.class) return (short) 0;
        if (type == int.class) return 0;
        if (type == long.class) return 0L;
        if (type == float.class) return 0f;
        return 0d;
    }

    /** The key form of a binding: tagged when its cache stores bytes. */
    KeyTemplate keys(Binding b) {
        return b.tagged ? taggedKeys() : keys;
    }

    private KeyTemplate taggedKeys() {
        KeyTemplate tagged = taggedKeys;
        if (tagged == null) {
            tagged = keys.withTag(KeyTag.ofReturnType(method.getGenericReturnType(), version));
            taggedKeys = tagged;
        }
        return tagged;
    }

    Object enter(Object self, Object[] args) {
        if (protection != null) {
            return Bypass.consume(this) ? null : enterProtected(self, args);
        }
        if (async) {
            return Bypass.consume(this) ? null : AsyncReadThrough.enter(this, self, args);
        }
        Binding b = slot.binding();
        return ReadThrough.enter(b, keys(b).key(args), policy, skipDefault);
    }

    // Arity-specific entries: a synchronous hit then needs no argument array at all (the array and the
    // body of a protected method are made only when its entry does not answer the call).

    Object enter(Object self) {
        if (async) {
            return enter(self, NO_ARGS);
        }
        Binding b = slot.binding();
        if (protection != null) {
            if (Bypass.consume(this)) {
                return null;
            }
            String key = keys(b).key(NO_ARGS);
            Object answer = ProtectedReadThrough.enter(b, key, policy, protection);
            return answer instanceof ProtectedReadThrough.Unanswered u ? resumeProtected(self, NO_ARGS, b, key, u) : answer;
        }
        return ReadThrough.enter(b, keys(b).key(NO_ARGS), policy, skipDefault);
    }

    Object enter(Object self, Object a0) {
        if (async) {
            return enter(self, new Object[] {a0});
        }
        Binding b = slot.binding();
        if (protection != null) {
            if (Bypass.consume(this)) {
                return null;
            }
            String key = keys(b).key(a0);
            Object answer = ProtectedReadThrough.enter(b, key, policy, protection);
            return answer instanceof ProtectedReadThrough.Unanswered u ? resumeProtected(self, new Object[] {a0}, b, key, u) : answer;
        }
        return ReadThrough.enter(b, keys(b).key(a0), policy, skipDefault);
    }

    Object enter(Object self, Object a0, Object a1) {
        if (async) {
            return enter(self, new Object[] {a0, a1});
        }
        Binding b = slot.binding();
        if (protection != null) {
            if (Bypass.consume(this)) {
                return null;
            }
            String key = keys(b).key(a0, a1);
            Object answer = ProtectedReadThrough.enter(b, key, policy, protection);
            return answer instanceof ProtectedReadThrough.Unanswered u ? resumeProtected(self, new Object[] {a0, a1}, b, key, u) : answer;
        }
        return ReadThrough.enter(b, keys(b).key(a0, a1), policy, skipDefault);
    }

    Object enter(Object self, Object a0, Object a1, Object a2) {
        if (async) {
            return enter(self, new Object[] {a0, a1, a2});
        }
        Binding b = slot.binding();
        if (protection != null) {
            if (Bypass.consume(this)) {
                return null;
            }
            String key = keys(b).key(a0, a1, a2);
            Object answer = ProtectedReadThrough.enter(b, key, policy, protection);
            return answer instanceof ProtectedReadThrough.Unanswered u ? resumeProtected(self, new Object[] {a0, a1, a2}, b, key, u) : answer;
        }
        return ReadThrough.enter(b, keys(b).key(a0, a1, a2), policy, skipDefault);
    }

    // Unboxed lanes: an int parameter handed over unboxed by the proxies and the agent, so a hit boxes
    // nothing (an int of 128 or more would otherwise allocate an Integer on every call).

    Object enter(Object self, int a0) {
        if (async) {
            return enter(self, new Object[] {a0});
        }
        Binding b = slot.binding();
        if (protection != null) {
            if (Bypass.consume(this)) {
                return null;
            }
            String key = keys(b).key(a0);
            Object answer = ProtectedReadThrough.enter(b, key, policy, protection);
            return answer instanceof ProtectedReadThrough.Unanswered u ? resumeProtected(self, new Object[] {a0}, b, key, u) : answer;
        }
        return ReadThrough.enter(b, keys(b).key(a0), policy, skipDefault);
    }

    Object enter(Object self, Object a0, int a1) {
        if (async) {
            return enter(self, new Object[] {a0, a1});
        }
        Binding b = slot.binding();
        if (protection != null) {
            if (Bypass.consume(this)) {
                return null;
            }
            String key = keys(b).key(a0, a1);
            Object answer = ProtectedReadThrough.enter(b, key, policy, protection);
            return answer instanceof ProtectedReadThrough.Unanswered u ? resumeProtected(self, new Object[] {a0, a1}, b, key, u) : answer;
        }
        return ReadThrough.enter(b, keys(b).key(a0, a1), policy, skipDefault);
    }

    Object enter(Object self, int a0, Object a1) {
        if (async) {
            return enter(self, new Object[] {a0, a1});
        }
        Binding b = slot.binding();
        if (protection != null) {
            if (Bypass.consume(this)) {
                return null;
            }
            String key = keys(b).key(a0, a1);
            Object answer = ProtectedReadThrough.enter(b, key, policy, protection);
            return answer instanceof ProtectedReadThrough.Unanswered u ? resumeProtected(self, new Object[] {a0, a1}, b, key, u) : answer;
        }
        return ReadThrough.enter(b, keys(b).key(a0, a1), policy, skipDefault);
    }

    Object enter(Object self, int a0, int a1) {
        if (async) {
            return enter(self, new Object[] {a0, a1});
        }
        Binding b = slot.binding();
        if (protection != null) {
            if (Bypass.consume(this)) {
                return null;
            }
            String key = keys(b).key(a0, a1);
            Object answer = ProtectedReadThrough.enter(b, key, policy, protection);
            return answer instanceof ProtectedReadThrough.Unanswered u ? resumeProtected(self, new Object[] {a0, a1}, b, key, u) : answer;
        }
        return ReadThrough.enter(b, keys(b).key(a0, a1), policy, skipDefault);
    }

    /** Runs the body of a future-returning method past the cache; never throws (failures → failed future). */
    @SuppressWarnings("unchecked")
    CompletableFuture<Object> invokeBody(Object self, Object[] args) {
        Bypass.set(this);
        try {
            Object stage = method.invoke(self, args);
            if (stage == null) {
                return CompletableFuture.completedFuture(null);
            }
            if (stage instanceof CompletableFuture) {
                return (CompletableFuture<Object>) stage;
            }
            CompletableFuture<Object> future = new CompletableFuture<>();
            ((CompletionStage<Object>) stage).whenComplete((r, e) -> {
                if (e != null) {
                    future.completeExceptionally(e);
                } else {
                    future.complete(r);
                }
            });
            return future;
        } catch (InvocationTargetException e) {
            return CompletableFuture.failedFuture(e.getCause());
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        } finally {
            Bypass.clear();
        }
    }

    /** A call of a method with load protection: the protected algorithm runs the body itself. */
    private Object enterProtected(Object self, Object[] args) {
        Binding b = slot.binding();
        String key = keys(b).key(args);
        if (!async) {
            Object answer = ProtectedReadThrough.enter(b, key, policy, protection);
            return answer instanceof ProtectedReadThrough.Unanswered u ? resumeProtected(self, args, b, key, u) : answer;
        }
        // a future-returning method: the same algorithm, where no thread waits (for the backend, a lease or the body)
        return AsyncProtectedReadThrough.enter(this, b, key, self, args);
    }

    /** The rest of a synchronous protected call the entry did not answer: out of line, so a hit stays small. */
    private Object resumeProtected(Object self, Object[] args, Binding b, String key, ProtectedReadThrough.Unanswered read) {
        return ProtectedReadThrough.resume(b, key, policy, protection, skipDefault, () -> invokeSync(self, args), read);
    }

    /** Runs the body of a synchronous method past the cache and answers its result or throws its exception. */
    private Object invokeSync(Object self, Object[] args) throws Throwable {
        Bypass.set(this);
        try {
            return method.invoke(self, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            Bypass.clear();
        }
    }

    @Override
    public String toString() {
        return KeyTemplate.describe(method);
    }
}
