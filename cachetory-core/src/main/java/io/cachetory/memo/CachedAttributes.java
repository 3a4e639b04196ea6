package io.cachetory.memo;

import io.cachetory.annotations.CacheKey;
import io.cachetory.annotations.Cached;
import io.cachetory.annotations.Exclude;
import io.cachetory.annotations.KeyMaker;
import io.cachetory.annotations.SingleFlight;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * What one {@code @Cached} method declares: the attributes of its {@link Cached} and which of its
 * parameters carry {@link CacheKey}. Read through reflection ({@link #of(Method)}), or decoded from
 * the text the Java agent read off the class file ({@link #decode}): the JVM builds an annotation
 * instance as a dynamic proxy, and its first one in a JVM costs tens of milliseconds of start-up
 * that an agent-instrumented application need not pay. Immutable.
 *
 * <p>The agent's text is a sequence of {@code <name>:<length>:<value>}, one per attribute the class
 * file states (the others keep the annotation's defaults): {@code <name>} the attribute,
 * {@code <length>} the number of chars of {@code <value>} in decimal, {@code <value>} a string as
 * written, a boolean as {@code true}/{@code false}, an enum constant by name, a class by binary
 * name. The name {@code @CacheKey} lists the indexes of the parameters annotated {@link CacheKey},
 * comma-separated. Length-prefixed values need no escaping, so any prefix reads back as written.
 */
final class CachedAttributes {
    /** The name under which the agent's text lists the {@link CacheKey} parameters. */
    static final String CACHE_KEY_PARAMETERS = "@CacheKey";
    private static final int[] NONE = new int[0];

    final String ttl;
    final String prefix;
    final String cache;
    final boolean ifNotExists;
    final boolean cacheNull;
    final String version;
    final Class<? extends KeyMaker> keyMaker;
    final Class<? extends Exclude> exclude;
    final SingleFlight singleFlight;
    final String refresh;
    final String staleIfError;
    final String lease;
    /** Indexes of the parameters annotated {@link CacheKey}, ascending; empty when none is. */
    private final int[] cacheKeyParameters;

    private CachedAttributes(String ttl, String prefix, String cache, boolean ifNotExists, boolean cacheNull, String version,
                             Class<? extends KeyMaker> keyMaker, Class<? extends Exclude> exclude, SingleFlight singleFlight,
                             String refresh, String staleIfError, String lease, int[] cacheKeyParameters) {
        this.ttl = ttl;
        this.prefix = prefix;
        this.cache = cache;
        this.ifNotExists = ifNotExists;
        this.cacheNull = cacheNull;
        this.version = version;
        this.keyMaker = keyMaker;
        this.exclude = exclude;
        this.singleFlight = singleFlight;
        this.refresh = refresh;
        this.staleIfError = staleIfError;
        this.lease = lease;
        this.cacheKeyParameters = cacheKeyParameters;
    }

    /**
     * The method's attributes through reflection; a method without {@code @Cached} reads as one
     * annotated with the defaults.
     */
    static CachedAttributes of(Method method) {
        Cached c = method.getAnnotation(Cached.class);
        int[] keys = reflectedCacheKeys(method);
        if (c == null) {
            return new CachedAttributes("", "", "default", false, false, "", KeyMaker.class, Exclude.class, SingleFlight.JVM,
                    "", "", "", keys);
        }
        return new CachedAttributes(c.ttl(), c.prefix(), c.cache(), c.ifNotExists(), c.cacheNull(), c.version(),
                c.keyMaker(), c.exclude(), c.singleFlight(), c.refresh(), c.staleIfError(), c.lease(), keys);
    }

    /**
     * The attributes the agent read off the class file of {@code method}'s declaring class, in the
     * form of the class comment. An attribute this runtime does not know (an annotation newer than
     * it) makes it read them through reflection instead.
     *
     * @throws IllegalArgumentException naming the method when the text is malformed or names a class
     *     that cannot be loaded
     */
    static CachedAttributes decode(String text, Method method) {
        // the defaults of Cached; CachedAttributesTest holds them equal to the annotation's
        String ttl = "";
        String prefix = "";
        String cache = "default";
        boolean ifNotExists = false;
        boolean cacheNull = false;
        String version = "";
        String keyMaker = null;
        String exclude = null;
        SingleFlight singleFlight = SingleFlight.JVM;
        String refresh = "";
        String staleIfError = "";
        String lease = "";
        int[] keys = NONE;
        int at = 0;
        try {
            while (at < text.length()) {
                int nameEnd = text.indexOf(':', at);
                int lengthEnd = text.indexOf(':', nameEnd + 1);
                String name = text.substring(at, nameEnd);
                int valueStart = lengthEnd + 1;
                at = valueStart + Integer.parseInt(text, nameEnd + 1, lengthEnd, 10);
                String value = text.substring(valueStart, at);
                switch (name) {
                    case "ttl" -> ttl = value;
                    case "prefix" -> prefix = value;
                    case "cache" -> cache = value;
                    case "ifNotExists" -> ifNotExists = Boolean.parseBoolean(value);
                    case "cacheNull" -> cacheNull = Boolean.parseBoolean(value);
                    case "version" -> version = value;
                    case "keyMaker" -> keyMaker = value;
                    case "exclude" -> exclude = value;
                    case "singleFlight" -> singleFlight = SingleFlight.valueOf(value);
                    case "refresh" -> refresh = value;
                    case "staleIfError" -> staleIfError = value;
                    case "lease" -> lease = value;
                    case CACHE_KEY_PARAMETERS -> keys = indexes(value);
                    default -> {
                        return of(method);
                    }
                }
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            // a bad number or enum constant name: nothing the agent writes, so say where it came from
            throw new IllegalArgumentException("@Cached on " + KeyTemplate.describe(method)
                    + ": the attributes the agent read from the class file are malformed: '" + text + "'", e);
        }
        return new CachedAttributes(ttl, prefix, cache, ifNotExists, cacheNull, version,
                keyMaker == null ? KeyMaker.class : load(keyMaker, KeyMaker.class, "keyMaker", method),
                exclude == null ? Exclude.class : load(exclude, Exclude.class, "exclude", method),
                singleFlight, refresh, staleIfError, lease, keys);
    }

    /** Whether no parameter is annotated {@link CacheKey}: then every parameter is part of the key. */
    boolean allParametersAreKeys() {
        return cacheKeyParameters.length == 0;
    }

    /** Whether parameter {@code index} is annotated {@link CacheKey}. */
    boolean isCacheKey(int index) {
        return Arrays.binarySearch(cacheKeyParameters, index) >= 0;
    }

    private static int[] reflectedCacheKeys(Method method) {
        if (method.getParameterCount() == 0) {
            return NONE;
        }
        Annotation[][] annotations = method.getParameterAnnotations();
        int[] found = new int[annotations.length];
        int count = 0;
        for (int i = 0; i < annotations.length; i++) {
            for (Annotation annotation : annotations[i]) {
                if (annotation.annotationType() == CacheKey.class) {
                    found[count++] = i;
                    break;
                }
            }
        }
        return count == 0 ? NONE : Arrays.copyOf(found, count);
    }

    private static int[] indexes(String value) {
        if (value.isEmpty()) {
            return NONE;
        }
        String[] parts = value.split(",");
        int[] result = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            result[i] = Integer.parseInt(parts[i]);
        }
        Arrays.sort(result);
        return result;
    }

    private static <T> Class<? extends T> load(String name, Class<T> role, String attribute, Method method) {
        try {
            return Class.forName(name, false, method.getDeclaringClass().getClassLoader()).asSubclass(role);
        } catch (ClassNotFoundException | LinkageError | ClassCastException e) {
            throw new IllegalArgumentException("@Cached on " + KeyTemplate.describe(method) + ": " + attribute + " class "
                    + name + " cannot be loaded as " + role.getSimpleName() + " (" + e + ")", e);
        }
    }
}
