package io.cachetory.serializer;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.cachetory.SerializationException;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * The full type a {@code json://} envelope names for its root value, such as
 * {@code java.util.ArrayList<com.example.Item>} or
 * {@code java.util.HashMap<java.lang.String,com.example.Item>}: Jackson binds a root container's
 * elements by these arguments, where a bare {@code java.util.ArrayList} would bind them as maps.
 *
 * <p>Written from the runtime value: a collection's (map's) type argument is the one class all its
 * elements (keys, values) share, recursively for nested containers; a generic class's
 * ({@code Page<T>}) the one class its members hold where they are declared by its type variables
 * ({@code T item}, {@code List<T> items}, {@code Map<String, T>}, {@code T[]}; fields up to its own
 * class, record components); elements of different classes give {@code java.lang.Object} (the slot check then refuses any element JSON cannot bring back in
 * such a slot). Read by a parser of its own, which checks every class name against the allow-list
 * before the class is loaded, never by Jackson's canonical type parser (which loads what it reads).
 * Stateless; thread-safe.
 */
final class JsonRootType {
    /** Longer type texts or deeper nesting are refused: a genuine envelope stays far below either. */
    static final int MAX_TEXT = 4096;
    static final int MAX_DEPTH = 32;

    private static final String OBJECT = Object.class.getName();

    private JsonRootType() {}

    /** What the writer knows of a type: a class (named by {@code name}) and its arguments. */
    private record Shape(String name, Class<?> type, Shape[] arguments) {
        static final Shape[] NONE = new Shape[0];
        static final Shape MIXED = new Shape(OBJECT, Object.class, NONE);
    }

    /** The shape of a class without arguments, made once: a root list of many items makes no shape per item. */
    private static final ClassValue<Shape> LEAVES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return new Shape(type.getName(), type, Shape.NONE);
        }
    };

    /** A root value's type: the text the envelope names, and the type Jackson writes it as. */
    record Written(String text, JavaType type) {}

    /**
     * The type the envelope names for {@code value} (not null). Every class it names must be allowed
     * by {@code allowList} (a serializer writes nothing it would refuse to read) and is recorded in
     * the {@link ClassTrail}, as the reader records it.
     *
     * @throws SerializationException naming a class the allow-list refuses
     */
    static Written of(Object value, AllowList allowList, TypeFactory types) {
        StringBuilder text = new StringBuilder();
        JavaType type = write(infer(value, 0), text, allowList, types);
        if (text.length() > MAX_TEXT) {
            throw new SerializationException("its type is longer than the " + MAX_TEXT + " characters a reader accepts: "
                    + text.substring(0, 200) + "…");
        }
        return new Written(text.toString(), type);
    }

    private static Shape infer(Object value, int depth) {
        if (value == null) {
            return null;
        }
        if (depth >= MAX_DEPTH) {
            // deeper containers stay Object slots, so the text never nests deeper than the parser reads
            return Shape.MIXED;
        }
        if (value instanceof Enum<?> e) {
            return LEAVES.get(e.getDeclaringClass());
        }
        if (!(value instanceof Collection<?> || value instanceof Map<?, ?>)) {
            Class<?> type = value.getClass();
            Shape[] arguments = GENERIC_MEMBERS.get(type).length == 0 ? null : typeArguments(value, type, depth);
            return arguments == null ? LEAVES.get(type) : new Shape(type.getName(), type, arguments);
        }
        Class<?> type = rootClass(value);
        int parameters = type.getTypeParameters().length;
        if (value instanceof Collection<?> c && parameters == 1) {
            Shape element = null;
            for (Object e : c) {
                element = unify(element, infer(e, depth + 1));
            }
            return new Shape(type.getName(), type, new Shape[] {element});
        }
        if (value instanceof Map<?, ?> m && parameters == 2) {
            Shape key = null;
            Shape val = null;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                key = unify(key, infer(e.getKey(), depth + 1));
                val = unify(val, infer(e.getValue(), depth + 1));
            }
            return new Shape(type.getName(), type, new Shape[] {key, val});
        }
        return LEAVES.get(type);
    }

    /**
     * The fields (record components) of a generic class whose declared types use its type variables,
     * made accessible; none for a class that is not generic or whose members cannot be read.
     */
    private static final ClassValue<Member[]> GENERIC_MEMBERS = new ClassValue<>() {
        @Override
        protected Member[] computeValue(Class<?> type) {
            TypeVariable<?>[] variables = type.getTypeParameters();
            if (variables.length == 0 || AllowList.isJdk(type.getName()) || type.isArray()) {
                return new Member[0];
            }
            List<Member> members = new ArrayList<>();
            try {
                if (type.isRecord()) {
                    for (RecordComponent c : type.getRecordComponents()) {
                        if (usesVariable(c.getGenericType())) {
                            Method accessor = c.getAccessor();
                            accessor.setAccessible(true);
                            members.add(new Member(c.getGenericType(), accessor, null));
                        }
                    }
                } else {
                    for (Field f : type.getDeclaredFields()) {
                        int m = f.getModifiers();
                        if (!Modifier.isStatic(m) && !Modifier.isTransient(m) && usesVariable(f.getGenericType())) {
                            f.setAccessible(true);
                            members.add(new Member(f.getGenericType(), null, f));
                        }
                    }
                }
            } catch (RuntimeException e) {
                // not readable here (a module that does not open its package): no arguments, so its
                // type-variable fields stay Object slots, which the slot check holds to JSON's own types
                return new Member[0];
            }
            return members.toArray(new Member[0]);
        }
    };

    /** A member of a generic class whose declared type uses its type variables. */
    private record Member(Type declared, Method accessor, Field field) {
        Object read(Object owner) throws ReflectiveOperationException {
            return accessor != null ? accessor.invoke(owner) : field.get(owner);
        }
    }

    private static boolean usesVariable(Type type) {
        if (type instanceof TypeVariable<?>) {
            return true;
        }
        if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                if (usesVariable(argument)) {
                    return true;
                }
            }
        }
        return type instanceof GenericArrayType a && usesVariable(a.getGenericComponentType());
    }

    /**
     * The type arguments of a generic class, inferred from what its members hold where their declared
     * types name its type variables ({@code T item}, {@code List<T> items}, {@code Map<String, T>},
     * {@code T[]}); {@code null} when nothing binds any of them or a member cannot be read.
     */
    private static Shape[] typeArguments(Object value, Class<?> type, int depth) {
        TypeVariable<?>[] variables = type.getTypeParameters();
        Shape[] arguments = new Shape[variables.length];
        try {
            for (Member member : GENERIC_MEMBERS.get(type)) {
                bind(member.declared(), member.read(value), variables, arguments, depth);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        for (Shape argument : arguments) {
            if (argument != null) {
                return arguments;
            }
        }
        return null;
    }

    private static void bind(Type declared, Object value, TypeVariable<?>[] variables, Shape[] arguments, int depth) {
        if (value == null) {
            return;
        }
        if (declared instanceof TypeVariable<?> v) {
            for (int i = 0; i < variables.length; i++) {
                if (variables[i].equals(v)) {
                    arguments[i] = unify(arguments[i], infer(value, depth + 1));
                }
            }
        } else if (declared instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] a = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw) && a.length == 1 && value instanceof Collection<?> c) {
                for (Object e : c) {
                    bind(a[0], e, variables, arguments, depth);
                }
            } else if (Map.class.isAssignableFrom(raw) && a.length == 2 && value instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    bind(a[0], e.getKey(), variables, arguments, depth);
                    bind(a[1], e.getValue(), variables, arguments, depth);
                }
            }
        } else if (declared instanceof GenericArrayType g && value instanceof Object[] array) {
            for (Object e : array) {
                bind(g.getGenericComponentType(), e, variables, arguments, depth);
            }
        }
    }

    /** {@code null} means "no element seen", which any shape refines; a conflict gives Object. */
    private static Shape unify(Shape a, Shape b) {
        if (a == null) {
            return b;
        }
        if (b == null || a == b) {
            return a;
        }
        if (a == Shape.MIXED || b == Shape.MIXED || !a.name.equals(b.name) || a.arguments.length != b.arguments.length) {
            return Shape.MIXED;
        }
        Shape[] arguments = new Shape[a.arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = unify(a.arguments[i], b.arguments[i]);
        }
        return new Shape(a.name, a.type, arguments);
    }

    private static JavaType write(Shape shape, StringBuilder text, AllowList allowList, TypeFactory types) {
        if (shape == null) {
            text.append(OBJECT);
            return types.constructType(Object.class);
        }
        if (!allowList.isAllowed(shape.name)) {
            throw new SerializationException(AllowListClassResolver.refusal(shape.name));
        }
        ClassTrail.record(shape.type);
        text.append(shape.name);
        if (shape.arguments.length == 0) {
            return types.constructType(shape.type);
        }
        List<JavaType> arguments = new ArrayList<>(shape.arguments.length);
        text.append('<');
        for (int i = 0; i < shape.arguments.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            arguments.add(write(shape.arguments[i], text, allowList, types));
        }
        text.append('>');
        return parametric(shape.type, arguments, types);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static JavaType parametric(Class<?> raw, List<JavaType> arguments, TypeFactory types) {
        if (raw.getTypeParameters().length != arguments.size()) {
            throw new SerializationException("JSON envelope's type gives " + raw.getName() + " "
                    + arguments.size() + " type arguments");
        }
        try {
            if (Collection.class.isAssignableFrom(raw)) {
                return types.constructCollectionType((Class<? extends Collection>) raw, arguments.get(0));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return types.constructMapType((Class<? extends Map>) raw, arguments.get(0), arguments.get(1));
            }
            return types.constructParametricType(raw, arguments.toArray(new JavaType[0]));
        } catch (IllegalArgumentException e) {
            throw new SerializationException("JSON envelope's type does not fit " + raw.getName() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The class that stands for {@code value} in the envelope: its own class, except, for a JDK
     * collection Jackson cannot construct ({@code List.of}, {@code Collections.unmodifiableMap}…), its
     * interface, which Jackson builds as its default implementation.
     */
    static Class<?> rootClass(Object value) {
        Class<?> type = value.getClass();
        if (value instanceof Enum<?> e) {
            return e.getDeclaringClass();
        }
        if (!(value instanceof Collection<?> || value instanceof Map<?, ?>)
                || !AllowList.isJdk(type.getName()) || isConstructible(type)) {
            return type;
        }
        if (value instanceof Map<?, ?>) {
            return value instanceof NavigableMap<?, ?> ? NavigableMap.class
                    : value instanceof SortedMap<?, ?> ? SortedMap.class : Map.class;
        }
        if (value instanceof List<?>) {
            return List.class;
        }
        if (value instanceof Set<?>) {
            return value instanceof NavigableSet<?> ? NavigableSet.class
                    : value instanceof SortedSet<?> ? SortedSet.class : Set.class;
        }
        return value instanceof Deque<?> ? Deque.class : Collection.class;
    }

    private static boolean isConstructible(Class<?> type) {
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            return false;
        }
        try {
            type.getConstructor();
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Loads a class the parser found allowed (and records it for the value header). */
    interface ClassLoading {
        Class<?> load(String allowedName);
    }

    /**
     * Parses an envelope's type text: {@code name} or {@code name<type,…>}, names as
     * {@link Class#getName()} gives them. Every name is checked against {@code allowList} before
     * {@code loading} sees it.
     *
     * @throws SerializationException for a malformed text, a refused class or arguments that do not fit
     */
    static JavaType parse(String text, AllowList allowList, TypeFactory types, ClassLoading loading) {
        if (text.length() > MAX_TEXT) {
            throw new SerializationException("JSON envelope's type is " + text.length() + " characters long");
        }
        Parser parser = new Parser(text, allowList, types, loading);
        JavaType type = parser.type(0);
        if (parser.at != text.length()) {
            throw parser.malformed();
        }
        return type;
    }

    /** Whether a type without arguments leaves the elements of a container to bind as maps and lists. */
    static boolean isBareContainer(JavaType type) {
        return (type.isCollectionLikeType() || type.isMapLikeType())
                && type.getRawClass().getTypeParameters().length > 0 && !type.hasGenericTypes();
    }

    private static final class Parser {
        private final String text;
        private final AllowList allowList;
        private final TypeFactory types;
        private final ClassLoading loading;
        int at;

        Parser(String text, AllowList allowList, TypeFactory types, ClassLoading loading) {
            this.text = text;
            this.allowList = allowList;
            this.types = types;
            this.loading = loading;
        }

        JavaType type(int depth) {
            if (depth > MAX_DEPTH) {
                throw new SerializationException("JSON envelope's type is nested too deeply");
            }
            int start = at;
            while (at < text.length() && "<>,".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            String name = text.substring(start, at);
            if (name.isEmpty() || !name.strip().equals(name)) {
                throw malformed();
            }
            if (!allowList.isAllowed(name)) {
                ClassTrail.refused();
                throw new SerializationException("JSON refused to read: " + AllowListClassResolver.refusal(name));
            }
            Class<?> raw = loading.load(name);
            if (at == text.length() || text.charAt(at) != '<') {
                return types.constructType(raw);
            }
            at++;
            List<JavaType> arguments = new ArrayList<>(2);
            arguments.add(type(depth + 1));
            while (at < text.length() && text.charAt(at) == ',') {
                at++;
                arguments.add(type(depth + 1));
            }
            if (at == text.length() || text.charAt(at) != '>') {
                throw malformed();
            }
            at++;
            return parametric(raw, arguments, types);
        }

        SerializationException malformed() {
            return new SerializationException("JSON envelope's type is malformed at character " + at + ": "
                    + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
        }
    }
}
