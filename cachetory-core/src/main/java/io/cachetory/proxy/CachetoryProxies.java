package io.cachetory.proxy;

import io.cachetory.memo.CachedMethods;
import io.cachetory.memo.MemoBridge;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.TypeCache;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy;
import net.bytebuddy.implementation.MethodCall;
import net.bytebuddy.implementation.SuperMethodCall;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaConstant;
import org.objenesis.Objenesis;
import org.objenesis.ObjenesisStd;

/**
 * Makes the Byte Buddy proxies behind {@code Cachetory.create} and {@code Cachetory.proxy}.
 * Generated classes live in the target's package, are defined through a private
 * {@link MethodHandles.Lookup} (JDK 17+), and are made once per type. Thread-safe.
 *
 * <p>Internal: public only so that {@code Cachetory.create}/{@code proxy} can reach it from another
 * package; not for application code, and no promise across versions.
 */
public final class CachetoryProxies {
    /** Suffix of generated class names; the agent skips classes carrying it. */
    public static final String MARKER = "$CachetoryProxy";
    static final String TARGET_FIELD = "cachetory$target";

    private static final TypeCache<Class<?>> SUBCLASSES = new TypeCache<>(TypeCache.Sort.WEAK);
    private static final TypeCache<Class<?>> DELEGATES = new TypeCache<>(TypeCache.Sort.WEAK);
    private static final Objenesis OBJENESIS = new ObjenesisStd(true);

    private CachetoryProxies() {}

    /**
     * An instance of a generated subclass of {@code type} made with the constructor matching
     * {@code ctorArgs}; calls of the object on itself are memoized too.
     *
     * @throws IllegalArgumentException for a final class or final {@code @Cached} method (use the
     *     agent), no matching constructor, or a misconfigured {@code @Cached} method
     */
    public static <T> T create(Class<T> type, Object... ctorArgs) {
        checkSubclassable(type, "Cachetory.create");
        Map<String, Method> cached = CachedMethods.global().resolveAll(type);
        for (Method m : cached.values()) {
            // static and private methods are the agent's to memoize; a subclass only misses those
            int mod = m.getModifiers();
            if (Modifier.isFinal(mod) && !Modifier.isStatic(mod) && !Modifier.isPrivate(mod)) {
                throw new IllegalArgumentException("Cachetory.create(" + type.getName() + "): @Cached method " + m.getName()
                        + " is final and cannot be intercepted by a subclass; use the Java agent (-javaagent:cachetory-agent.jar)");
            }
        }
        Class<?> proxyType = CachedMethods.isInstrumented(type)
                ? type // the agent memoizes this class already: a second layer would cache twice
                : SUBCLASSES.findOrInsert(type.getClassLoader(), type, () -> makeSubclass(type, cached), SUBCLASSES);
        Object[] args = ctorArgs == null ? new Object[] {null} : ctorArgs;
        Constructor<?> ctor = constructor(proxyType, type, args);
        try {
            return type.cast(ctor.newInstance(args));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalArgumentException("constructor of " + type.getName() + " failed: " + cause, cause);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException("cannot construct " + type.getName() + ": " + e, e);
        }
    }

    /**
     * An instance of a generated subclass of {@code target.getClass()} that delegates every call to
     * {@code target}, memoizing its {@code @Cached} methods; made without running a constructor.
     * Calls {@code target} makes on itself are not intercepted (use {@link #create} or the agent).
     */
    @SuppressWarnings("unchecked")
    public static <T> T proxy(T target) {
        if (target == null) {
            throw new NullPointerException("target");
        }
        Class<T> type = (Class<T>) target.getClass();
        if (isProxy(type)) {
            return target; // a proxy of a proxy would memoize every call twice
        }
        checkSubclassable(type, "Cachetory.proxy");
        Map<String, Method> cached = CachedMethods.global().resolveAll(type);
        Map<String, Method> intercepted = CachedMethods.isInstrumented(type) ? Map.of() : cached;
        Class<?> proxyType = DELEGATES.findOrInsert(type.getClassLoader(), type, () -> makeDelegate(type, intercepted), DELEGATES);
        Object proxy = OBJENESIS.newInstance(proxyType);
        try {
            Field field = proxyType.getDeclaredField(TARGET_FIELD);
            field.setAccessible(true);
            field.set(proxy, target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set the target of " + proxyType.getName(), e);
        }
        return (T) proxy;
    }

    private static void checkSubclassable(Class<?> type, String operation) {
        if (Modifier.isFinal(type.getModifiers()) || type.isPrimitive() || type.isArray() || type.isRecord() || type.isEnum()) {
            throw new IllegalArgumentException(operation + ": " + type.getName()
                    + " is final and cannot be subclassed; use the Java agent (-javaagent:cachetory-agent.jar) to memoize it");
        }
        if (type.isInterface()) {
            throw new IllegalArgumentException(operation + ": " + type.getName() + " is an interface; pass an implementation");
        }
    }

    private static ElementMatcher.Junction<MethodDescription> signatureIn(Set<String> signatures) {
        return new ElementMatcher.Junction.AbstractBase<>() {
            @Override
            public boolean matches(MethodDescription target) {
                return signatures.contains(target.getInternalName() + target.getDescriptor());
            }
        };
    }

    /**
     * The advice of a method: one taking its arguments one by one up to three, so a hit allocates no
     * array (and, for one or two parameters, takes an {@code int} unboxed: {@link MemoBridge#laneEntry}),
     * with the method's site bound as a constant of the generated class: resolved once (by {@link
     * MemoBridge#siteConstant}) instead of looked up by class and signature on every call.
     */
    private static Advice adviceFor(String signature, Class<?>[] parameterTypes) {
        Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(Site.class,
                JavaConstant.Dynamic.bootstrap("cachetorySite", SITE_BOOTSTRAP, signature));
        String lane = MemoBridge.laneEntry(parameterTypes);
        if (lane != null) {
            switch (lane) {
                case "enterSiteI": return mapping.to(CachedAdviceI.class);
                case "enterSiteLI": return mapping.to(CachedAdviceLI.class);
                case "enterSiteIL": return mapping.to(CachedAdviceIL.class);
                case "enterSiteII": return mapping.to(CachedAdviceII.class);
                default: throw new IllegalStateException("no advice for the bridge entry " + lane);
            }
        }
        switch (parameterTypes.length) {
            case 0: return mapping.to(CachedAdvice0.class);
            case 1: return mapping.to(CachedAdvice1.class);
            case 2: return mapping.to(CachedAdvice2.class);
            case 3: return mapping.to(CachedAdvice3.class);
            default: return mapping.to(CachedAdvice.class);
        }
    }

    private static final Method SITE_BOOTSTRAP;

    static {
        try {
            SITE_BOOTSTRAP = MemoBridge.class.getMethod("siteConstant", MethodHandles.Lookup.class, String.class,
                    Class.class, String.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Intercepts each memoized method with its own advice wrapped around {@code target}. */
    private static DynamicType.Builder<?> intercept(DynamicType.Builder<?> builder, ElementMatcher.Junction<MethodDescription> methods,
                                                    Map<String, Method> cached, net.bytebuddy.implementation.Implementation target) {
        for (Map.Entry<String, Method> e : cached.entrySet()) {
            builder = builder.method(methods.and(signatureIn(Set.of(e.getKey()))))
                    .intercept(adviceFor(e.getKey(), e.getValue().getParameterTypes()).wrap(target));
        }
        return builder;
    }

    private static Class<?> makeSubclass(Class<?> type, Map<String, Method> cached) {
        DynamicType.Builder<?> builder = new ByteBuddy()
                .subclass(type, ConstructorStrategy.Default.IMITATE_SUPER_CLASS)
                .name(type.getName() + MARKER);
        ElementMatcher.Junction<MethodDescription> overridable = ElementMatchers.not(ElementMatchers.isAbstract())
                .and(ElementMatchers.not(ElementMatchers.isStatic())).and(ElementMatchers.not(ElementMatchers.isPrivate()));
        return load(intercept(builder, overridable, cached, SuperMethodCall.INSTANCE), type);
    }

    private static Class<?> makeDelegate(Class<?> type, Map<String, Method> cached) {
        ElementMatcher.Junction<MethodDescription> delegated = ElementMatchers.not(ElementMatchers.isStatic())
                .and(ElementMatchers.not(ElementMatchers.isPrivate()))
                .and(ElementMatchers.not(ElementMatchers.isFinal()))
                .and(ElementMatchers.not(ElementMatchers.isConstructor()))
                .and(ElementMatchers.not(ElementMatchers.named("finalize").and(ElementMatchers.takesArguments(0))))
                .and(ElementMatchers.not(ElementMatchers.named("clone").and(ElementMatchers.takesArguments(0))));
        MethodCall toTarget = MethodCall.invokeSelf().onField(TARGET_FIELD).withAllArguments();
        DynamicType.Builder<?> builder = new ByteBuddy()
                .subclass(type, ConstructorStrategy.Default.NO_CONSTRUCTORS)
                .name(type.getName() + MARKER + "Delegate")
                .defineField(TARGET_FIELD, type, Visibility.PRIVATE)
                .method(delegated.and(ElementMatchers.not(signatureIn(cached.keySet()))))
                .intercept(toTarget);
        return load(intercept(builder, delegated, cached, toTarget), type);
    }

    private static Class<?> load(DynamicType.Builder<?> builder, Class<?> type) {
        try (DynamicType.Unloaded<?> unloaded = builder.make()) {
            ClassLoadingStrategy<ClassLoader> strategy;
            try {
                strategy = ClassLoadingStrategy.UsingLookup.of(MethodHandles.privateLookupIn(type, MethodHandles.lookup()));
            } catch (IllegalAccessException e) {
                strategy = ClassLoadingStrategy.Default.WRAPPER;
            }
            return unloaded.load(type.getClassLoader(), strategy).getLoaded();
        }
    }

    private static Constructor<?> constructor(Class<?> proxyType, Class<?> type, Object[] args) {
        List<Constructor<?>> matching = new ArrayList<>();
        for (Constructor<?> c : proxyType.getDeclaredConstructors()) {
            if (c.getParameterCount() == args.length && accepts(c.getParameterTypes(), args)) {
                matching.add(c);
            }
        }
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("Cachetory.create(" + type.getName() + "): no accessible constructor takes "
                    + Arrays.toString(Arrays.stream(args).map(a -> a == null ? "null" : a.getClass().getSimpleName()).toArray()));
        }
        if (matching.size() > 1) {
            throw new IllegalArgumentException("Cachetory.create(" + type.getName() + "): the arguments match "
                    + matching.size() + " constructors; pass arguments of distinct types");
        }
        Constructor<?> c = matching.get(0);
        c.setAccessible(true);
        return c;
    }

    private static boolean accepts(Class<?>[] params, Object[] args) {
        for (int i = 0; i < params.length; i++) {
            Class<?> p = params[i];
            Object a = args[i];
            if (a == null) {
                if (p.isPrimitive()) {
                    return false;
                }
            } else if (!box(p).isInstance(a)) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> box(Class<?> p) {
        if (!p.isPrimitive()) return p;
        if (p == int.class) return Integer.class;
        if (p == long.class) return Long.class;
        if (p == boolean.class) return Boolean.class;
        if (p == double.class) return Double.class;
        if (p == float.class) return Float.class;
        if (p == char.class) return Character.class;
        if (p == short.class) return Short.class;
        return Byte.class;
    }

    /** Whether the class was generated here (by {@link #create} or {@link #proxy}). */
    static boolean isProxy(Class<?> type) {
        return type.getName().contains(MARKER);
    }

}
