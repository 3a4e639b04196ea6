package io.cachetory.memo;

import java.lang.invoke.MethodHandles;

/**
 * The entry points that intercepting bytecode calls: the inlined {@code Advice} of the Byte Buddy
 * proxies and of the Java agent. Every behaviour of memoization (hits, single-flight, futures,
 * fail-open, purge/refresh, counters) lives behind these few static methods, so proxy and agent
 * behave alike. Thread-safe. Not meant for application code.
 *
 * <p>The advice shape both interceptors use:
 * <pre>{@code
 * @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
 * static Object enter(@Advice.Origin Class<?> type, @Advice.Origin("#m#d") String signature,
 *                     @Advice.This(optional = true) Object self, @Advice.AllArguments Object[] args,
 *                     @Advice.Local("cachetoryCall") Object call) {
 *     Object entered = MemoBridge.enter(type, signature, self, args);
 *     if (MemoBridge.isCall(entered)) { call = entered; return null; }
 *     return entered;
 * }
 * @Advice.OnMethodExit(onThrowable = Throwable.class)
 * static void exit(@Advice.Enter Object hit, @Advice.Local("cachetoryCall") Object call,
 *                  @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
 *                  @Advice.Thrown Throwable thrown) {
 *     if (call != null) MemoBridge.exit(call, result, thrown);
 *     else if (hit != null) result = MemoBridge.unwrap(hit);
 * }
 * }</pre>
 */
public final class MemoBridge {
    private MemoBridge() {}

    /**
     * Called on entry of a {@code @Cached} method.
     *
     * @param type the class whose bytecode holds the advice ({@code @Advice.Origin Class}); for a
     *     generated proxy, the proxy class
     * @param signature the method's name and JVM descriptor ({@code @Advice.Origin("#m#d")}), e.g.
     *     {@code quote(Ljava/lang/String;)Lcom/example/Quote;}
     * @param self the receiver, {@code null} for a static method
     * @param args every argument
     * @return {@code null}: run the body and do nothing more; a value {@link #isCall} accepts: run
     *     the body, then hand this value to {@link #exit}; anything else: skip the body and return
     *     {@link #unwrap}{@code (value)} (boxed for primitive methods)
     * @throws IllegalArgumentException on misconfiguration (bad ttl, unknown cache, no stable key form of
     *     an argument), naming the class and method; a waiter rethrows the
     *     exception of the load it waited for
     */
    public static Object enter(Class<?> type, String signature, Object self, Object[] args) {
        return CachedMethods.global().enter(type, signature, self, args);
    }

    /**
     * Resolves a {@code @Cached} method once, so that generated code can keep the answer (in a field
     * of its own) and skip the per-call lookup of {@link #enter}: pass it to {@code enterSite*}.
     *
     * @return an opaque handle of the method, or {@code null} when it is not a {@code @Cached} method
     * @throws IllegalArgumentException on misconfiguration, naming the class and method; nothing is remembered then
     */
    public static Object site(Class<?> type, String signature) {
        return CachedMethods.global().site(type, signature);
    }

    /**
     * {@link #site(Class, String)} for a method whose {@code @Cached} attributes the caller read
     * off the class file itself (the Java agent does, while transforming): the runtime then reads no
     * annotation through reflection, whose first use in a JVM costs tens of milliseconds of start-up.
     *
     * @param type the class that declares the method
     * @param signature the method's name and JVM descriptor, as for {@link #site}
     * @param attributes the {@code @Cached} attributes the class file states and the indexes of the
     *     {@code @CacheKey} parameters, as {@code <name>:<length>:<value>} entries: the value's length
     *     in chars, then the value (a string as written, a boolean, an enum constant's name, a class's
     *     binary name); {@code @CacheKey} lists the parameter indexes comma-separated, e.g.
     *     {@code ttl:2:5mprefix:6:quotes@CacheKey:1:0}
     * @return the handle, as {@link #site(Class, String)}
     * @throws IllegalArgumentException on misconfiguration or malformed attributes, naming the class and method
     */
    public static Object site(Class<?> type, String signature, String attributes) {
        return CachedMethods.global().site(type, signature, attributes);
    }

    /**
     * Bootstrap method of a dynamically-computed constant ({@code CONSTANT_Dynamic}) holding what
     * {@link #site} answers for a method of the class that loads the constant: generated code binds
     * the site once, when the constant is first resolved, and then does no lookup per call (the
     * Byte Buddy proxies do this). The site of a misconfigured method fails to resolve; proxies
     * resolve every method before they generate a class, so the error surfaces there first.
     *
     * @param caller the lookup of the class whose bytecode loads the constant (a generated proxy)
     * @param name the constant's name (unused)
     * @param type the constant's type ({@code Object})
     * @param signature the method's name and JVM descriptor, as for {@link #site}
     * @return the handle, or {@code null} when the method is not a {@code @Cached} method
     */
    public static Object siteConstant(MethodHandles.Lookup caller, String name, Class<?> type, String signature) {
        return CachedMethods.global().site(caller.lookupClass(), signature);
    }

    /** {@link #enter} for a method without parameters, on a handle from {@link #site}. */
    public static Object enterSite0(Object site, Object self) {
        return site == null ? null : ((CachedMethod) site).enter(self);
    }

    /** {@link #enterSite0} for a one-parameter method (boxed arguments, no array). */
    public static Object enterSite1(Object site, Object self, Object a0) {
        return site == null ? null : ((CachedMethod) site).enter(self, a0);
    }

    /** {@link #enterSite0} for a two-parameter method (boxed arguments, no array). */
    public static Object enterSite2(Object site, Object self, Object a0, Object a1) {
        return site == null ? null : ((CachedMethod) site).enter(self, a0, a1);
    }

    /** {@link #enterSite0} for a three-parameter method (boxed arguments, no array). */
    public static Object enterSite3(Object site, Object self, Object a0, Object a1, Object a2) {
        return site == null ? null : ((CachedMethod) site).enter(self, a0, a1, a2);
    }

    /*
     * Unboxed lanes (I = an int parameter passed as it is, L = any other, boxed as before): the
     * interceptors use these for methods of one or two parameters with an int among them, so that a
     * hit allocates no Integer. The lane must match the declared parameter types.
     */

    /** {@link #enterSite1} for a method whose parameter is an {@code int}. */
    public static Object enterSiteI(Object site, Object self, int a0) {
        return site == null ? null : ((CachedMethod) site).enter(self, a0);
    }

    /** {@link #enterSite2} for a method whose second parameter is an {@code int}. */
    public static Object enterSiteLI(Object site, Object self, Object a0, int a1) {
        return site == null ? null : ((CachedMethod) site).enter(self, a0, a1);
    }

    /** {@link #enterSite2} for a method whose first parameter is an {@code int}. */
    public static Object enterSiteIL(Object site, Object self, int a0, Object a1) {
        return site == null ? null : ((CachedMethod) site).enter(self, a0, a1);
    }

    /** {@link #enterSite2} for a method whose two parameters are {@code int}s. */
    public static Object enterSiteII(Object site, Object self, int a0, int a1) {
        return site == null ? null : ((CachedMethod) site).enter(self, a0, a1);
    }

    /**
     * The unboxed entry for a method of these parameter types: {@code "enterSiteI"}, {@code "enterSiteLI"},
     * {@code "enterSiteIL"} or {@code "enterSiteII"}, or {@code null} when it has none (no parameter,
     * more than two, or no {@code int} among them): then {@code enterSiteN} with boxes.
     */
    public static String laneEntry(Class<?>... parameterTypes) {
        if (parameterTypes.length == 0 || parameterTypes.length > 2) {
            return null;
        }
        StringBuilder name = new StringBuilder("enterSite");
        boolean any = false;
        for (Class<?> type : parameterTypes) {
            boolean lane = type == int.class;
            any |= lane;
            name.append(lane ? 'I' : 'L');
        }
        return any ? name.toString() : null;
    }

    /** {@link #enter(Class, String, Object, Object[])} on a handle from {@link #site}. */
    public static Object enterSite(Object site, Object self, Object[] args) {
        return site == null ? null : ((CachedMethod) site).enter(self, args);
    }

    /** @return whether {@code entered} asks to run the body and call {@link #exit} */
    public static boolean isCall(Object entered) {
        return entered instanceof Call;
    }

    /** Called on exit of the body after {@link #enter} answered a call; never throws. */
    public static void exit(Object call, Object result, Throwable thrown) {
        ((Call) call).exit(result, thrown);
    }

    /** Turns what {@link #enter} answered into the method's return value (a stored null marker → null). */
    public static Object unwrap(Object hit) {
        return hit == io.cachetory.memo.CachedNull.INSTANCE ? null : hit;
    }

    /**
     * Records that the agent instrumented the class of this name, so that proxies of it do not
     * memoize a second time. Cheap: no class loading, no cache work.
     */
    public static void markInstrumented(String className) {
        InstrumentedTypes.add(className);
    }

    /**
     * Does ahead of time, on the calling thread, the one-time start-up work of the first memoized call
     * that does not depend on the application: builds (and drops) an in-memory cache, which loads
     * Caffeine's classes and brings up its {@code System.Logger} (tens of milliseconds). The agent
     * calls this on a daemon thread at start, so that this work overlaps the application's own start.
     * Never throws.
     */
    public static void warmUp() {
        try {
            io.cachetory.Cache.memory().close();
        } catch (RuntimeException | LinkageError e) {
            // the first real call does the same work and reports what fails
        }
    }
}
