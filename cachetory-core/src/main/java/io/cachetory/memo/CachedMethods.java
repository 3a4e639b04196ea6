package io.cachetory.memo;

import io.cachetory.annotations.Cached;
import io.cachetory.config.CachetoryConfig;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memoization runtime of this JVM: the registry, and the {@code @Cached} methods of each class
 * resolved once per class. Thread-safe.
 *
 * <p>Internal: public only so that the front door ({@code io.cachetory.Cachetory}) and the generated
 * code of proxies and the agent can reach it from other packages; not for application code, and no
 * promise across versions. Applications use {@code Cachetory}.
 */
public final class CachedMethods {
    private static volatile CachedMethods global;

    private final DefaultCacheRegistry registry;
    private final ClassValue<MethodTable> tables = new ClassValue<>() {
        @Override
        protected MethodTable computeValue(Class<?> type) {
            return new MethodTable(type);
        }
    };

    private CachedMethods(DefaultCacheRegistry registry) {
        this.registry = registry;
    }

    /** The runtime of this JVM, built on first use from {@link CachetoryConfig#load()}. */
    public static CachedMethods global() {
        CachedMethods r = global;
        if (r == null) {
            synchronized (CachedMethods.class) {
                r = global;
                if (r == null) {
                    r = new CachedMethods(new DefaultCacheRegistry(CachetoryConfig.load()));
                    global = r;
                }
            }
        }
        return r;
    }

    /** The named caches {@code @Cached(cache = …)} resolves in. */
    public io.cachetory.CacheRegistry registry() {
        return registry;
    }

    DefaultCacheRegistry defaultRegistry() {
        return registry;
    }

    Object enter(Class<?> type, String signature, Object self, Object[] args) {
        CachedMethod m = tables.get(type).get(signature, registry);
        return m == null ? null : m.enter(self, args);
    }

    Object site(Class<?> type, String signature) {
        return tables.get(type).get(signature, registry);
    }

    Object site(Class<?> type, String signature, String attributes) {
        return tables.get(type).get(signature, attributes, registry);
    }

    /**
     * Resolves every {@code @Cached} method a proxy of {@code type} intercepts, so that
     * misconfiguration fails now rather than at the first call.
     *
     * @return the methods, keyed by name + JVM descriptor
     * @throws IllegalArgumentException naming the method on misconfiguration
     */
    public Map<String, Method> resolveAll(Class<?> type) {
        MethodTable table = tables.get(type);
        Map<String, Method> methods = table.methods();
        for (String signature : methods.keySet()) {
            table.get(signature, registry);
        }
        return methods;
    }

    /** Runs {@code call}, purging the one memoized call it makes. */
    public static boolean purge(Runnable call) {
        return CallMode.purge(call);
    }

    /** Runs {@code call}, refreshing the first memoized call it makes. */
    public static <R> R refresh(java.util.function.Supplier<R> call) {
        return CallMode.refresh(call);
    }

    /** @return whether the Java agent instrumented the class of this name */
    public static boolean isInstrumented(Class<?> type) {
        return InstrumentedTypes.contains(type.getName());
    }

    /**
     * Interned, like the {@code @Advice.Origin("#m#d")} constant the advice passes, so the lookup on
     * every call compares references rather than characters.
     */
    static String signature(Method m) {
        return (m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString()).intern();
    }

    /** The {@code @Cached} methods a class has: its own and inherited ones, then those of its interfaces. */
    private static Map<String, Method> cachedMethods(Class<?> type) {
        Map<String, Method> found = new LinkedHashMap<>();
        Deque<Class<?>> interfaces = new ArrayDeque<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isBridge() || m.isSynthetic()) {
                    continue;
                }
                if (m.isAnnotationPresent(Cached.class)) {
                    found.putIfAbsent(signature(m), m);
                }
            }
            interfaces.addAll(List.of(c.getInterfaces()));
        }
        if (type.isInterface()) {
            interfaces.add(type);
        }
        Set<Class<?>> seen = new HashSet<>();
        while (!interfaces.isEmpty()) {
            Class<?> i = interfaces.poll();
            if (!seen.add(i)) {
                continue;
            }
            for (Method m : i.getDeclaredMethods()) {
                if (!m.isBridge() && !m.isSynthetic() && !Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(Cached.class)) {
                    found.putIfAbsent(signature(m), m);
                }
            }
            interfaces.addAll(List.of(i.getInterfaces()));
        }
        return Map.copyOf(found);
    }

    /** The {@code @Cached} methods of one class, each resolved on first call. */
    private static final class MethodTable {
        private final Class<?> type;
        /** Found through reflection when first needed: the agent's sites name their methods themselves. */
        private volatile Map<String, Method> methods;
        private final ConcurrentHashMap<String, CachedMethod> resolved = new ConcurrentHashMap<>();

        MethodTable(Class<?> type) {
            this.type = type;
        }

        Map<String, Method> methods() {
            Map<String, Method> m = methods;
            if (m == null) {
                m = cachedMethods(type); // racing threads find equal maps
                methods = m;
            }
            return m;
        }

        CachedMethod get(String signature, DefaultCacheRegistry registry) {
            CachedMethod m = resolved.get(signature);
            if (m != null) {
                return m;
            }
            Method method = methods().get(signature);
            if (method == null) {
                return null;
            }
            // a failure is not remembered: every call of a misconfigured method fails loudly
            return resolved.computeIfAbsent(signature, s -> CachedMethod.of(method, registry));
        }

        /**
         * The method {@code signature} of this very class, annotated with what {@code attributes}
         * says (the agent read it off the class file): no annotation is parsed through reflection.
         */
        CachedMethod get(String signature, String attributes, DefaultCacheRegistry registry) {
            CachedMethod m = resolved.get(signature);
            if (m != null) {
                return m;
            }
            Method method = declared(signature);
            if (method == null) {
                return get(signature, registry);
            }
            return resolved.computeIfAbsent(signature,
                    s -> CachedMethod.of(method, CachedAttributes.decode(attributes, method), registry));
        }

        private Method declared(String signature) {
            int paren = signature.indexOf('(');
            for (Method m : type.getDeclaredMethods()) {
                if (!m.isBridge() && !m.isSynthetic() && signature.startsWith(m.getName())
                        && m.getName().length() == paren && signature(m).equals(signature)) {
                    return m;
                }
            }
            return null;
        }
    }
}
