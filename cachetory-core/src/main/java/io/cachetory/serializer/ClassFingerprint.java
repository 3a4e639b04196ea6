package io.cachetory.serializer;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The structural fingerprint of a class: 64 bits that differ, with overwhelming likelihood, when the
 * class's serialized structure differs, and that are the same in every JVM (any JDK from 17 on, any
 * class-loading order, proxy, agent or {@code Memo}) when it does not.
 *
 * <p>Structure means: the class's name; for a record, its components' names and declared (generic)
 * types in order; for an enum, its constants in order; for any other class, its serialized fields
 * (not static, not transient, not synthetic such as {@code this$0} or {@code $jacocoData}) up the
 * superclass chain to the first JDK class, sorted by name, each with its declaring class and
 * declared generic type. The structure of every non-JDK class those types name (type arguments
 * included) is part of it too, recursively and with cycles cut, because a serializer writes no
 * class name for a value whose declared type is final. Methods, constructors, static fields,
 * annotations and comments are not structure. JDK classes ({@code java.*}, {@code javax.*},
 * {@code jdk.*}, {@code sun.*}, {@code com.sun.*}) and primitives count by name only, so that a JDK
 * update changes no fingerprint.
 *
 * <p>Computed once per class (held in a {@link ClassValue}, released with the class), never per
 * call. Thread-safe.
 */
public final class ClassFingerprint {
    /** The fingerprint of every JDK class and primitive: their names are in the stored bytes already. */
    public static final long JDK = 0L;

    private static final ClassValue<Long> FINGERPRINTS = new ClassValue<>() {
        @Override
        protected Long computeValue(Class<?> type) {
            return isJdk(type) ? JDK : hash(describe(type));
        }
    };

    private static final Comparator<Field> BY_NAME_THEN_DECLARER = Comparator
            .comparing(Field::getName)
            .thenComparing(f -> f.getDeclaringClass().getName());

    private ClassFingerprint() {}

    /**
     * @return the fingerprint of {@code type}'s structure, {@link #JDK} for a JDK class, a primitive
     *     or an array of those
     */
    public static long of(Class<?> type) {
        return FINGERPRINTS.get(Objects.requireNonNull(type, "type"));
    }

    /**
     * The fingerprint of a declared, possibly generic type such as {@code List<Quote>}: its raw
     * class and its type arguments, each by structure. Not cached: meant for once-per-method work.
     */
    public static long of(Type type) {
        Objects.requireNonNull(type, "type");
        if (type instanceof Class<?> c && !isJdk(c)) {
            return of(c);
        }
        StringBuilder sb = new StringBuilder();
        new Describer(sb).type(type);
        return hash(sb.toString());
    }

    /** The canonical text the fingerprint of {@code type} hashes (for diagnostics and tests). */
    static String describe(Class<?> type) {
        StringBuilder sb = new StringBuilder();
        new Describer(sb).type(type);
        return sb.toString();
    }

    /** Whether a class counts by name only: a primitive, a JDK class, or an array of those. */
    public static boolean isJdk(Class<?> type) {
        Class<?> c = type;
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c.isPrimitive() || AllowList.isJdk(c.getName());
    }

    private static long hash(String text) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (digest[i] & 0xff);
        }
        // JDK marks "by name only"; a user class must never look like one.
        return h == JDK ? 1 : h;
    }

    /** One depth-first walk; a class met again is written as a reference, which cuts cycles. */
    private static final class Describer {
        private final StringBuilder sb;
        private final Set<Class<?>> seen = new HashSet<>();

        Describer(StringBuilder sb) {
            this.sb = sb;
        }

        void type(Type type) {
            if (type instanceof Class<?> c) {
                type(c);
            } else if (type instanceof ParameterizedType p) {
                type(p.getRawType());
                sb.append('<');
                Type[] arguments = p.getActualTypeArguments();
                for (int i = 0; i < arguments.length; i++) {
                    if (i > 0) sb.append(',');
                    type(arguments[i]);
                }
                sb.append('>');
            } else if (type instanceof GenericArrayType a) {
                type(a.getGenericComponentType());
                sb.append("[]");
            } else if (type instanceof WildcardType w) {
                sb.append('?');
                for (Type upper : w.getUpperBounds()) {
                    if (upper != Object.class) {
                        sb.append(" extends ");
                        type(upper);
                    }
                }
                for (Type lower : w.getLowerBounds()) {
                    sb.append(" super ");
                    type(lower);
                }
            } else if (type instanceof TypeVariable<?> v) {
                // The bound's own arguments may name the variable again (T extends Comparable<T>):
                // only its erasure is followed.
                sb.append('\'').append(v.getName()).append(':');
                Type[] bounds = v.getBounds();
                type(erasure(bounds.length == 0 ? Object.class : bounds[0]));
            } else {
                sb.append(type.getTypeName());
            }
        }

        private static Class<?> erasure(Type type) {
            if (type instanceof Class<?> c) {
                return c;
            }
            if (type instanceof ParameterizedType p) {
                return erasure(p.getRawType());
            }
            if (type instanceof TypeVariable<?> v) {
                Type[] bounds = v.getBounds();
                return bounds.length == 0 ? Object.class : erasure(bounds[0]);
            }
            return Object.class;
        }

        void type(Class<?> c) {
            if (c.isArray()) {
                type(c.getComponentType());
                sb.append("[]");
                return;
            }
            if (c.isPrimitive() || AllowList.isJdk(c.getName())) {
                sb.append(c.getName());
                return;
            }
            if (Enum.class.isAssignableFrom(c) && !c.isEnum() && c.getSuperclass() != null && c.getSuperclass().isEnum()) {
                // the body class of one enum constant: its values are its enum's
                c = c.getSuperclass();
            }
            if (!seen.add(c)) {
                sb.append('@').append(c.getName());
                return;
            }
            try {
                structure(c);
            } catch (LinkageError | RuntimeException e) {
                // a type this class names is missing or malformed here: the name and the failure
                // still differ from a JVM where the class resolves
                sb.append("!unresolved ").append(c.getName()).append(' ').append(e.getClass().getName()).append(';');
            }
        }

        private void structure(Class<?> c) {
            if (c.isEnum()) {
                sb.append("enum ").append(c.getName()).append('{');
                Object[] constants = c.getEnumConstants();
                for (int i = 0; i < constants.length; i++) {
                    if (i > 0) sb.append(',');
                    sb.append(((Enum<?>) constants[i]).name());
                }
                sb.append('}');
            } else if (c.isRecord()) {
                sb.append("record ").append(c.getName()).append('(');
                RecordComponent[] components = c.getRecordComponents();
                for (int i = 0; i < components.length; i++) {
                    if (i > 0) sb.append(',');
                    sb.append(components[i].getName()).append(' ');
                    type(components[i].getGenericType());
                }
                sb.append(')');
            } else if (c.isInterface()) {
                sb.append("interface ").append(c.getName());
            } else {
                sb.append(Modifier.isAbstract(c.getModifiers()) ? "abstract class " : "class ").append(c.getName());
                List<Field> fields = new ArrayList<>();
                Class<?> k = c;
                for (; k != null && !AllowList.isJdk(k.getName()); k = k.getSuperclass()) {
                    for (Field f : k.getDeclaredFields()) {
                        int m = f.getModifiers();
                        if (!Modifier.isStatic(m) && !Modifier.isTransient(m) && !f.isSynthetic()
                                && !f.getName().startsWith("$")) {
                            fields.add(f);
                        }
                    }
                }
                if (k != null && k != Object.class) {
                    sb.append(" extends ").append(k.getName());
                }
                fields.sort(BY_NAME_THEN_DECLARER);
                sb.append('{');
                for (Field f : fields) {
                    sb.append(f.getName());
                    if (f.getDeclaringClass() != c) {
                        sb.append('@').append(f.getDeclaringClass().getName());
                    }
                    sb.append(' ');
                    type(f.getGenericType());
                    sb.append(';');
                }
                sb.append('}');
            }
        }
    }
}
