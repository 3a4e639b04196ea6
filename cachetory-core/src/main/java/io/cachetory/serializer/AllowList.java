package io.cachetory.serializer;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classes that {@link KryoSerializer}, {@link JavaSerializer} and {@link JsonSerializer} may
 * instantiate when they read bytes back. A class is checked <em>by name, before it is
 * loaded</em>, so a class outside the list never has its static initializer, constructor or
 * {@code readObject} run: a hostile writer of the backend gets no code execution.
 *
 * <p>An <em>entry</em> names a class or a package. A class entry allows the class and its nested
 * classes ({@code com.example.Quote} allows {@code com.example.Quote$Leg}); a package entry allows the
 * package and its sub-packages ({@code com.example} allows {@code com.example.Quote} and
 * {@code com.example.api.Rate}, never {@code com.examplebad.X}). A trailing {@code .} or {@code .*} on
 * an entry means the same as the entry without it. An array class is allowed when its element class
 * is; primitive arrays always are.
 *
 * <p>{@link #global()} is the process-wide list. It allows:
 * <ul>
 *   <li>built in: JDK value types and collections — boxed primitives, {@code String},
 *       {@code java.math}, {@code java.time} (with sub-packages, incl. its serial proxy
 *       {@code java.time.Ser}), {@code UUID}, {@code Optional*}, {@code URI}, {@code Pattern},
 *       {@code Locale}, {@code Currency}, {@code Date}, the {@code java.util} and
 *       {@code java.util.concurrent} lists, sets, maps, queues and deques with their
 *       immutable/unmodifiable/empty/singleton/synchronized/checked forms
 *       ({@code java.util.ImmutableCollections$*}, {@code java.util.Collections$*},
 *       {@code java.util.CollSer}, {@code java.util.Arrays$ArrayList}), {@code EnumSet}/{@code EnumMap},
 *       and the two value classes memoization stores ({@code io.cachetory.memo.CachedNull}, its
 *       null marker, and {@code io.cachetory.memo.Stamped}): inert data, named so that any cache
 *       reading a memoized entry can decode it;</li>
 *   <li>the entries of the system property {@value #SYSTEM_PROPERTY} (comma-separated), read at every
 *       check: the property's text is re-parsed only when it changes, so changing it at run time
 *       takes effect at once and costs one property look-up per check otherwise (malformed entries
 *       are skipped with a warning);</li>
 *   <li>entries added with {@link #allow(String...)}, and declared types registered with
 *       {@link #allowDeclaredType(Type)}.</li>
 * </ul>
 *
 * <p>A serializer configured with its own entries (the {@code allow} URL parameter) uses
 * {@code AllowList.global().with(entries)}: the global list plus those entries, later additions to
 * the global list included.
 *
 * <p>Entries are only ever added, never removed (except by changing the system property). Instances
 * are thread-safe; checks do not lock.
 */
public final class AllowList {
    /** The system property whose comma-separated entries the {@link #global()} list allows. */
    public static final String SYSTEM_PROPERTY = "cachetory.serializer.allow";

    /** Loaded on first use only: AllowList is touched at start-up, a warning rarely. */
    private static final class Holder {
        static final Logger LOG = LoggerFactory.getLogger(AllowList.class);
    }

    /** Packages whose classes a declared type never opens up, however it is declared. */
    private static final List<String> JDK_PACKAGE_PREFIXES =
            List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private static final Set<String> BUILT_IN = Set.of(
            // java.lang values; Number and Enum are the serializable superclasses Java serialization
            // reads descriptors for; Object is harmless and needed for Object[]
            "java.lang.Object", "java.lang.Number", "java.lang.Enum", "java.lang.Record",
            "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Character",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.lang.String", "java.lang.StringBuilder", "java.lang.StringBuffer",
            // value packages, with sub-packages
            "java.math", "java.time",
            // java.util values
            "java.util.UUID", "java.util.Optional", "java.util.OptionalInt", "java.util.OptionalLong",
            "java.util.OptionalDouble", "java.util.Locale", "java.util.Currency", "java.util.Date",
            "java.util.BitSet", "java.net.URI", "java.util.regex.Pattern",
            // java.util collection interfaces (JSON names them for the JDK's immutable collections)
            "java.util.Collection", "java.util.List", "java.util.Set", "java.util.SortedSet",
            "java.util.NavigableSet", "java.util.Map", "java.util.SortedMap", "java.util.NavigableMap",
            "java.util.Queue", "java.util.Deque",
            // java.util collections
            "java.util.ArrayList", "java.util.LinkedList", "java.util.Vector", "java.util.Stack",
            "java.util.ArrayDeque", "java.util.PriorityQueue",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.Hashtable",
            "java.util.IdentityHashMap", "java.util.WeakHashMap",
            "java.util.EnumSet", "java.util.RegularEnumSet", "java.util.JumboEnumSet", "java.util.EnumMap",
            "java.util.AbstractMap$SimpleEntry", "java.util.AbstractMap$SimpleImmutableEntry",
            "java.util.KeyValueHolder",
            // immutable, unmodifiable, empty, singleton, synchronized and checked forms
            "java.util.ImmutableCollections", "java.util.CollSer", "java.util.Collections",
            "java.util.Arrays$ArrayList", "java.util.Comparators",
            // java.util.concurrent collections
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentSkipListMap",
            "java.util.concurrent.ConcurrentSkipListSet", "java.util.concurrent.CopyOnWriteArrayList",
            "java.util.concurrent.CopyOnWriteArraySet", "java.util.concurrent.ConcurrentLinkedQueue",
            "java.util.concurrent.ConcurrentLinkedDeque", "java.util.concurrent.LinkedBlockingQueue",
            "java.util.concurrent.LinkedBlockingDeque", "java.util.concurrent.ArrayBlockingQueue",
            "java.util.concurrent.TimeUnit",
            // the memoization marker for a cached null
            "io.cachetory.memo.CachedNull",
            // the memoization wrapper recording when an entry was written (refresh, staleIfError)
            "io.cachetory.memo.Stamped");

    private static final AllowList GLOBAL = new AllowList(null, List.of());

    private static volatile PropertyEntries propertyEntries = new PropertyEntries(null, Set.of());

    /** {@code null} for the global list, which alone allows the built-ins and the system property. */
    private final AllowList parent;

    /** Class and package entries, matched against any name, JDK ones included. */
    private final Set<String> entries = ConcurrentHashMap.newKeySet();

    /** Entries from declared types; never match a JDK class (their packages are never JDK ones). */
    private final Set<String> declared = ConcurrentHashMap.newKeySet();
    /** Names found allowed, valid while the system property reads {@link #allowedUnderProperty}. */
    private final Set<String> allowedNames = ConcurrentHashMap.newKeySet();
    private volatile String allowedUnderProperty;

    private AllowList(AllowList parent, Collection<String> entries) {
        this.parent = parent;
        this.entries.addAll(entries);
    }

    /** The process-wide allow-list that every serializer made without its own entries uses. */
    public static AllowList global() {
        return GLOBAL;
    }

    /**
     * A new list that allows what this one allows (now and after later additions to this one) plus
     * the given entries.
     *
     * @throws IllegalArgumentException naming an entry that is not a class or package name
     */
    public AllowList with(Collection<String> entries) {
        return new AllowList(this, normalizeAll(entries));
    }

    /** Same as {@link #with(Collection)}. */
    public AllowList with(String... entries) {
        return with(Arrays.asList(entries));
    }

    /**
     * Allows classes or packages (see the class comment for what an entry names).
     *
     * @throws IllegalArgumentException naming an entry that is not a class or package name
     */
    public void allow(String... entries) {
        List<String> normalized = normalizeAll(Arrays.asList(entries));
        this.entries.addAll(normalized);
    }

    /**
     * Allows the classes a method declares it returns: the raw class, its generic type arguments
     * recursively ({@code List<Quote>} → {@code Quote}, wildcard and type-variable bounds included),
     * array element types, and the packages of those classes with their sub-packages. A JDK class
     * ({@code java.*}, {@code javax.*}, {@code jdk.*}, {@code sun.*}, {@code com.sun.*}) adds nothing,
     * so a method returning {@code Object} or {@code Map} allows no more than the built-ins. A class in
     * a top-level package ({@code acme.Quote}) adds only itself, never the whole top-level package.
     */
    public void allowDeclaredType(Type type) {
        Objects.requireNonNull(type, "type");
        Set<String> added = new TreeSet<>();
        collect(type, new HashSet<>(), added);
        declared.addAll(added);
    }

    /**
     * Whether a class may be instantiated on read, by its binary name as {@link Class#getName()}
     * gives it ({@code com.example.Quote$Leg}, {@code [Lcom.example.Quote;}, {@code [I}). Never
     * loads a class.
     */
    public boolean isAllowed(String className) {
        if (className == null || className.isEmpty()) {
            return false;
        }
        // Entries are only ever added, so a "yes" stays true until the system property changes (the
        // one way entries leave); remembering it keeps the check off Kryo's per-object path.
        String property = System.getProperty(SYSTEM_PROPERTY);
        if (!Objects.equals(property, allowedUnderProperty)) {
            allowedNames.clear();
            allowedUnderProperty = property;
        }
        if (allowedNames.contains(className)) {
            return true;
        }
        boolean allowed = decide(className);
        if (allowed) {
            allowedNames.add(className);
        }
        return allowed;
    }

    private boolean decide(String className) {
        String name = className;
        if (name.charAt(0) == '[') {
            int dims = 0;
            while (dims < name.length() && name.charAt(dims) == '[') {
                dims++;
            }
            String element = name.substring(dims);
            if (element.length() == 1) {
                return "ZBCSIJFD".contains(element);
            }
            if (element.length() < 3 || element.charAt(0) != 'L' || element.charAt(element.length() - 1) != ';') {
                return false;
            }
            name = element.substring(1, element.length() - 1);
        }
        return allows(name);
    }

    private boolean allows(String name) {
        if (matches(entries, name) || (!isJdk(name) && matches(declared, name))) {
            return true;
        }
        if (parent != null) {
            return parent.allows(name);
        }
        return matches(BUILT_IN, name) || matches(systemPropertyEntries(), name);
    }

    /** Whether {@code name} is an entry or lies under one (as a nested class or in a sub-package). */
    private static boolean matches(Set<String> set, String name) {
        if (set.isEmpty()) {
            return false;
        }
        if (set.contains(name)) {
            return true;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' && set.contains(name.substring(0, i))) {
                return true;
            }
            // '$' marks a nested class only below a class: the package entry com.example must not
            // allow com.example$X, a class of package com whose name merely starts with "example".
            if (c == '$' && set.contains(name.substring(0, i)) && isClass(name.substring(0, i))) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Boolean> CLASS_ENTRIES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Whether an entry names a class (loaded, never initialised: entries are trusted configuration). */
    private static boolean isClass(String entry) {
        return CLASS_ENTRIES.computeIfAbsent(entry, AllowList::loadable);
    }

    private static boolean loadable(String name) {
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                AllowList.class.getClassLoader()}) {
            try {
                Class.forName(name, false, loader);
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return false;
    }

    static boolean isJdk(String name) {
        for (String prefix : JDK_PACKAGE_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static void collect(Type type, Set<Type> seen, Set<String> out) {
        if (type == null || !seen.add(type)) {
            return;
        }
        if (type instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.isPrimitive() || isJdk(c.getName())) {
                return;
            }
            out.add(c.getName());
            String pkg = c.getPackageName();
            // A one-segment package ("acme", "org") with its sub-packages would open far too much.
            if (pkg.indexOf('.') > 0) {
                out.add(pkg);
            }
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), seen, out);
            collect(p.getOwnerType(), seen, out);
            for (Type argument : p.getActualTypeArguments()) {
                collect(argument, seen, out);
            }
        } else if (type instanceof GenericArrayType g) {
            collect(g.getGenericComponentType(), seen, out);
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                collect(bound, seen, out);
            }
            for (Type bound : w.getLowerBounds()) {
                collect(bound, seen, out);
            }
        } else if (type instanceof TypeVariable<?> v) {
            for (Type bound : v.getBounds()) {
                collect(bound, seen, out);
            }
        }
    }

    private static Set<String> systemPropertyEntries() {
        String raw;
        try {
            raw = System.getProperty(SYSTEM_PROPERTY);
        } catch (SecurityException e) {
            return Set.of();
        }
        PropertyEntries cached = propertyEntries;
        if (!Objects.equals(cached.raw, raw)) {
            cached = new PropertyEntries(raw, parseLeniently(raw));
            propertyEntries = cached;
        }
        return cached.entries;
    }

    private static Set<String> parseLeniently(String raw) {
        if (raw == null || raw.isBlank()) {
            return Set.of();
        }
        Set<String> parsed = new HashSet<>();
        for (String part : raw.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                parsed.add(normalize(part));
            } catch (IllegalArgumentException e) {
                // A typo in a property must not turn every read into an error; it only allows less.
                Holder.LOG.warn("Ignoring entry of system property {}: {}", SYSTEM_PROPERTY, e.getMessage());
            }
        }
        return Collections.unmodifiableSet(parsed);
    }

    /**
     * Parses the comma-separated {@code allow} parameter of a serializer URL.
     *
     * @throws IllegalArgumentException when it holds no entry or a malformed one
     */
    static List<String> parseEntries(String commaSeparated) {
        List<String> parts = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            if (!part.isBlank()) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("allow needs at least one class or package name");
        }
        return normalizeAll(parts);
    }

    private static List<String> normalizeAll(Collection<String> entries) {
        Objects.requireNonNull(entries, "entries");
        List<String> normalized = new ArrayList<>(entries.size());
        for (String entry : entries) {
            normalized.add(normalize(entry));
        }
        return normalized;
    }

    /** Strips blanks and a trailing {@code .} or {@code .*}; checks the rest is a Java name. */
    static String normalize(String entry) {
        if (entry == null) {
            throw new IllegalArgumentException("allow entry is null");
        }
        String name = entry.strip();
        if (name.endsWith(".*")) {
            name = name.substring(0, name.length() - 2);
        } else if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (!isQualifiedName(name)) {
            throw new IllegalArgumentException("allow entry '" + entry.strip()
                    + "' is not a class or package name (expected e.g. com.example or com.example.Quote)");
        }
        return name;
    }

    private static boolean isQualifiedName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        boolean segmentStart = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (segmentStart) {
                    return false;
                }
                segmentStart = true;
            } else if (segmentStart ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c)) {
                segmentStart = false;
            } else {
                return false;
            }
        }
        return !segmentStart;
    }

    @Override
    public String toString() {
        Set<String> own = new TreeSet<>(entries);
        own.addAll(declared);
        String base = parent == null ? "AllowList[built-ins, " + SYSTEM_PROPERTY : parent + " + [";
        String separator = parent == null && !own.isEmpty() ? ", " : "";
        return base + separator + String.join(", ", own) + "]";
    }

    private record PropertyEntries(String raw, Set<String> entries) {}
}
