package io.cachetory.memo;

import io.cachetory.annotations.CacheKey;
import io.cachetory.annotations.Cached;
import io.cachetory.annotations.KeyMaker;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Objects;

/**
 * The key derivation of one {@link Cached} method, built once when the method is first
 * proxied or instrumented, so that {@link #key} does no reflection and no annotation lookup.
 *
 * <p>The default key is {@code <prefix>:<arg1>:<arg2>…}, or {@code <prefix>} alone when no argument
 * is part of the key. {@code <prefix>} is {@link Cached#prefix()} or, when that is empty, the
 * method identity {@code <declaring class>.<name>}, with the declaring class as
 * {@link Class#getName()} spells it ({@code com.example.Outer$Inner.quote} for a nested class);
 * when the declaring class declares several (non-bridge, non-synthetic) methods of that name, the
 * parameter types are appended, {@code com.example.QuoteService.quote(java.lang.String,int)}, so
 * overloads never share keys. The receiver is never part of the key. When some parameters carry
 * {@link CacheKey}, only those form the key. Each argument renders as {@link ArgumentRenderers}
 * describes; the renderers are chosen here, so a parameter type with no stable form fails here.
 *
 * <p>With a custom {@link Cached#keyMaker()} the key is {@code <annotation prefix>:<its output>},
 * or its output alone when the annotation's prefix is empty; the key maker is instantiated once,
 * and the parameters' forms are then not checked (a key maker may key on anything), except under
 * {@link HashedKeyMaker}, which renders the default key.
 *
 * <p>Immutable and thread-safe.
 */
final class KeyTemplate {
    private final Method method;
    private final String prefix;
    private final int[] keyParameters;
    private final ArgumentRenderer[] renderers;
    private final KeyMaker keyMaker;
    private final String keyMakerPrefix;
    /** The key writer specialised for simple parameter types; null when they need the renderers. */
    private final KeyWriter writer;

    private KeyTemplate(Method method, String prefix, int[] keyParameters, ArgumentRenderer[] renderers,
                        KeyMaker keyMaker, String keyMakerPrefix) {
        this.method = method;
        this.prefix = prefix;
        this.keyParameters = keyParameters;
        this.renderers = renderers;
        this.keyMaker = keyMaker;
        this.keyMakerPrefix = keyMakerPrefix;
        this.writer = keyMaker == null ? KeyWriter.of(prefix, keyTypes(method, keyParameters)) : null;
    }

    private static Class<?>[] keyTypes(Method method, int[] keyParameters) {
        Class<?>[] all = method.getParameterTypes();
        Class<?>[] types = new Class<?>[keyParameters.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = all[keyParameters[i]];
        }
        return types;
    }

    /**
     * The key template of a method, from its {@link Cached} (absent: as if present with defaults)
     * and {@link CacheKey} annotations.
     *
     * @throws IllegalArgumentException naming the class, method and parameter when a key
     *     parameter's declared type has no stable key form (not checked under a custom key maker
     *     other than {@link HashedKeyMaker}, which may key on anything), or naming the key maker and method
     *     when the key maker cannot be instantiated through a public no-arg constructor
     */
    public static KeyTemplate of(Method method) {
        Objects.requireNonNull(method, "method");
        return of(method, CachedAttributes.of(method));
    }

    /** {@link #of(Method)} with the method's attributes already read. */
    static KeyTemplate of(Method method, CachedAttributes cached) {
        Class<? extends KeyMaker> makerType = cached.keyMaker;
        if (makerType == KeyMaker.class) {
            return defaultOf(method, cached);
        }
        String annotationPrefix = cached.prefix;
        KeyMaker maker = instantiate(makerType, "KeyMaker", method);
        if (makerType == HashedKeyMaker.class) {
            // It renders the default key: a parameter with no stable form fails now, not at a call.
            defaultOf(method, cached);
        }
        // Other key makers may take any parameter (a per-instance handle, say): no form is checked.
        String prefix = annotationPrefix.isEmpty() ? identity(method) : annotationPrefix;
        return new KeyTemplate(method, prefix, new int[0], new ArgumentRenderer[0], maker,
                annotationPrefix.isEmpty() ? "" : annotationPrefix + ':');
    }

    /** The default key of the method, ignoring any key maker (what {@link HashedKeyMaker} hashes). */
    static KeyTemplate defaultOf(Method method) {
        return defaultOf(method, CachedAttributes.of(method));
    }

    private static KeyTemplate defaultOf(Method method, CachedAttributes cached) {
        String prefix = cached.prefix.isEmpty() ? identity(method) : cached.prefix;
        if (!cached.prefix.isEmpty() && sharesPrefixWithAnOverload(method, cached.prefix)) {
            // ov(int) and ov(String) under one prefix would render 1 and "1" alike: the types keep
            // them apart (quote(String) and quote(String, int) need nothing: their arities differ).
            prefix += parameterTypes(method, ",");
        }
        Parameter[] parameters = method.getParameters();
        int count = 0;
        int[] indexes = new int[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            if (cached.allParametersAreKeys() || cached.isCacheKey(i)) {
                indexes[count++] = i;
            }
        }
        int[] keyParameters = java.util.Arrays.copyOf(indexes, count);
        ArgumentRenderer[] renderers = new ArgumentRenderer[count];
        for (int i = 0; i < count; i++) {
            Parameter parameter = parameters[keyParameters[i]];
            renderers[i] = ArgumentRenderers.forParameter(parameter.getType(), parameter.getParameterizedType(),
                    describe(method) + " parameter " + name(parameter, keyParameters[i]));
        }
        return new KeyTemplate(method, prefix, keyParameters, renderers, null, "");
    }

    /**
     * This template with {@code #<tag>} after its prefix: {@code <prefix>#<tag>:<args>}, and under a
     * key maker {@code <annotation prefix>#<tag>:<its output>} (or {@code #<tag>:<its output>} when
     * the annotation has no prefix), the form of keys in caches that store bytes.
     */
    KeyTemplate withTag(String tag) {
        String makerPrefix = keyMakerPrefix.isEmpty() ? "#" + tag + ':'
                : keyMakerPrefix.substring(0, keyMakerPrefix.length() - 1) + '#' + tag + ':';
        return new KeyTemplate(method, prefix + '#' + tag, keyParameters, renderers, keyMaker, makerPrefix);
    }

    /**
     * The key of a call. The hot path: no reflection; for simple parameter types (strings, primitives
     * and their boxes, enums) a writer specialised when the template was built, else one renderer per
     * key parameter into a per-thread builder.
     *
     * @param args every argument of the call, as the method receives them ({@code null} or empty for
     *     none)
     * @throws IllegalArgumentException naming the method and parameter when an argument has no
     *     stable key form, or when the key maker returns null
     */
    public String key(Object[] args) {
        if (keyMaker != null) {
            String made = keyMaker.makeKey(method, args == null ? new Object[0] : args);
            if (made == null) {
                throw new IllegalArgumentException(keyMaker.getClass().getName() + " returned a null key for "
                        + describe(method));
            }
            return keyMakerPrefix.isEmpty() ? made : keyMakerPrefix.concat(made);
        }
        int[] indexes = keyParameters;
        if (indexes.length == 0) {
            return prefix;
        }
        KeyWriter w = writer;
        if (w != null) {
            String written;
            switch (indexes.length) {
                case 1: written = w.write(args[indexes[0]]); break;
                case 2: written = w.write(args[indexes[0]], args[indexes[1]]); break;
                case 3: written = w.write(args[indexes[0]], args[indexes[1]], args[indexes[2]]); break;
                default: {
                    Object[] keyArgs = new Object[indexes.length];
                    for (int i = 0; i < keyArgs.length; i++) {
                        keyArgs[i] = args[indexes[i]];
                    }
                    written = w.write(keyArgs);
                }
            }
            if (written != null) {
                return written;
            }
        }
        return rendered(args);
    }

    /** The key through the general renderers, one per key parameter (what {@link KeyWriter} must equal). */
    String rendered(Object[] args) {
        int[] indexes = keyParameters;
        if (indexes.length == 0) {
            return prefix;
        }
        KeyBuffer buffer = KeyBuffer.acquire();
        StringBuilder sb = buffer.sb.append(prefix);
        ArgumentRenderer[] forms = renderers;
        try {
            for (int i = 0; i < indexes.length; i++) {
                forms[i].render(sb.append(':'), args[indexes[i]]);
            }
        } catch (RuntimeException | Error e) {
            buffer.abandon();
            throw e;
        }
        return buffer.release();
    }

    /** {@link #key(Object[])} of a one-parameter method, without an argument array. */
    public String key(Object a0) {
        KeyWriter w = writer;
        if (w != null && keyParameters.length == 1) {
            String written = w.write(a0);
            if (written != null) {
                return written;
            }
        }
        return key(new Object[] {a0});
    }

    /** {@link #key(Object[])} of a two-parameter method, without an argument array. */
    public String key(Object a0, Object a1) {
        KeyWriter w = writer;
        if (w != null && keyParameters.length <= 2) {
            // key parameters are in ascending order: two of two are (a0, a1)
            String written = keyParameters.length == 2 ? w.write(a0, a1)
                    : w.write(keyParameters[0] == 0 ? a0 : a1);
            if (written != null) {
                return written;
            }
        }
        return key(new Object[] {a0, a1});
    }

    /** {@link #key(Object[])} of a three-parameter method, without an argument array. */
    public String key(Object a0, Object a1, Object a2) {
        KeyWriter w = writer;
        if (w != null && keyParameters.length <= 3) {
            int[] k = keyParameters;
            String written = k.length == 3 ? w.write(a0, a1, a2)
                    : k.length == 2 ? w.write(pick(k[0], a0, a1, a2), pick(k[1], a0, a1, a2))
                    : w.write(pick(k[0], a0, a1, a2));
            if (written != null) {
                return written;
            }
        }
        return key(new Object[] {a0, a1, a2});
    }

    // Unboxed lanes: an int parameter handed over unboxed (see KeyWriter). The fallbacks box it, so
    // key makers and renderers see exactly what a boxed call passes.

    /** {@link #key(Object)} of a one-parameter method whose parameter is an {@code int}. */
    String key(int a0) {
        KeyWriter w = writer;
        if (w != null && keyParameters.length == 1) {
            return w.write(a0);
        }
        return key(new Object[] {a0});
    }

    /** {@link #key(Object, Object)} whose second parameter is an {@code int}. */
    String key(Object a0, int a1) {
        KeyWriter w = writer;
        if (w != null) {
            String written = keyParameters.length == 2 ? w.write(a0, a1)
                    : keyParameters[0] == 0 ? w.write(a0) : w.write(a1);
            if (written != null) {
                return written;
            }
        }
        return key(new Object[] {a0, a1});
    }

    /** {@link #key(Object, Object)} whose first parameter is an {@code int}. */
    String key(int a0, Object a1) {
        KeyWriter w = writer;
        if (w != null) {
            String written = keyParameters.length == 2 ? w.write(a0, a1)
                    : keyParameters[0] == 0 ? w.write(a0) : w.write(a1);
            if (written != null) {
                return written;
            }
        }
        return key(new Object[] {a0, a1});
    }

    /** {@link #key(Object, Object)} whose two parameters are {@code int}s. */
    String key(int a0, int a1) {
        KeyWriter w = writer;
        if (w != null) {
            return keyParameters.length == 2 ? w.write(a0, a1) : w.write(keyParameters[0] == 0 ? a0 : a1);
        }
        return key(new Object[] {a0, a1});
    }

    private static Object pick(int index, Object a0, Object a1, Object a2) {
        return index == 0 ? a0 : index == 1 ? a1 : a2;
    }

    /**
     * The prefix of the default key: {@link Cached#prefix()}, or the method identity when that is
     * empty. Reported even when a key maker makes the keys.
     */
    public String prefix() {
        return prefix;
    }

    /** Whether keys are written by a writer specialised for the parameter types (for tests). */
    boolean hasWriter() {
        return writer != null;
    }

    /** The method this template derives keys for. */
    public Method method() {
        return method;
    }

    @Override
    public String toString() {
        return "KeyTemplate[" + prefix + (keyMaker == null ? "" : ", " + keyMaker.getClass().getName()) + ']';
    }

    /** {@code com.example.QuoteService.quote}, with parameter types when the name is overloaded. */
    static String identity(Method method) {
        String identity = method.getDeclaringClass().getName() + '.' + method.getName();
        return overloaded(method) ? identity + parameterTypes(method, ",") : identity;
    }

    private static boolean sharesPrefixWithAnOverload(Method method, String prefix) {
        for (Method declared : method.getDeclaringClass().getDeclaredMethods()) {
            // Arguments are self-delimiting, so only overloads of one arity can render alike.
            if (declared.getName().equals(method.getName()) && !declared.equals(method)
                    && declared.getParameterCount() == method.getParameterCount()
                    && !declared.isBridge() && !declared.isSynthetic()) {
                Cached other = declared.getAnnotation(Cached.class);
                if (other != null && other.prefix().equals(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean overloaded(Method method) {
        int same = 0;
        for (Method declared : method.getDeclaringClass().getDeclaredMethods()) {
            if (declared.getName().equals(method.getName()) && !declared.isBridge() && !declared.isSynthetic()) {
                same++;
            }
        }
        return same > 1;
    }

    private static String parameterTypes(Method method, String separator) {
        StringBuilder sb = new StringBuilder().append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (i > 0) sb.append(separator);
            sb.append(types[i].getTypeName());
        }
        return sb.append(')').toString();
    }

    /** {@code com.example.QuoteService.quote(java.lang.String, int)}, for messages. */
    static String describe(Method method) {
        return method.getDeclaringClass().getName() + '.' + method.getName() + parameterTypes(method, ", ");
    }

    private static String name(Parameter parameter, int index) {
        return parameter.isNamePresent() ? "'" + parameter.getName() + "'" : "#" + index;
    }

    /**
     * One instance of a class a {@code @Cached} attribute names ({@code keyMaker}, {@code exclude}).
     *
     * @throws IllegalArgumentException naming the class, its role and the method when it has no
     *     usable public no-arg constructor or its constructor throws
     */
    static <T> T instantiate(Class<T> type, String role, Method method) {
        String problem;
        Throwable cause = null;
        try {
            Constructor<T> constructor = type.getConstructor();
            // A public constructor of a non-public (e.g. nested) class is still meant to be usable.
            constructor.trySetAccessible();
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            problem = "has no public no-arg constructor";
        } catch (InvocationTargetException e) {
            problem = "threw from its constructor";
            cause = e.getCause();
        } catch (ReflectiveOperationException | RuntimeException e) {
            problem = "cannot be instantiated through a public no-arg constructor (" + e + ")";
            cause = e;
        }
        throw new IllegalArgumentException(role + " " + type.getName() + " of " + describe(method) + " " + problem,
                cause);
    }
}
