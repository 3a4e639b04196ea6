package io.cachetory.memo;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the {@link ArgumentRenderer} of a parameter from its declared type: the key form of
 * README, "Keys". The choice is made once; rendering then does no type dispatch that the declared type
 * already settles.
 *
 * <h2>Key forms</h2>
 * Top level (one argument between the {@code :} separators of a key):
 * <ul>
 *   <li>{@code String}: verbatim, {@code \} → {@code \\}, {@code :} → {@code \:};
 *       {@code null} (any reference type): {@code \N}.
 *   <li>Declared type admitting one class (primitives and their boxes, {@code String}, an enum
 *       type, {@code BigDecimal}, {@code BigInteger}, a final class with an overridden
 *       {@code toString()} such as {@code UUID} and the {@code java.time} values): no tag —
 *       {@code String.valueOf} for numbers, booleans and chars, {@code name()} for enums,
 *       {@code toString()} otherwise, escaped like a string.
 *   <li>Declared type admitting several classes ({@code Object}, {@code Number}, an interface, a
 *       non-final class): the value's class decides at call time and every non-String value is
 *       tagged after a backslash — {@code \i1} int, {@code \l1} long, {@code \s} short,
 *       {@code \b} byte, {@code \f} float, {@code \d} double, {@code \z} boolean, {@code \c}
 *       char, and {@code \L<class name>;<form>} for any other class (enums, value types, records,
 *       arrays, types with an overridden {@code toString()}).
 *   <li>Containers, whatever the declared type: a list (or another non-set collection, in
 *       iteration order) {@code \[e1,e2]}; a set {@code \{e1,e2}} sorted by the elements' forms; a
 *       map {@code \{k1=v1,k2=v2}} sorted by the entries' forms, the empty map {@code \{=}}; an
 *       {@code Optional} {@code \o[e]} or {@code \o[]}; an array {@code \[e1,e2]} (tagged
 *       {@code \Lint[];} for a primitive array and {@code \Ljava.lang.Object[];} for any reference
 *       array where the declared type admits non-arrays); a record {@code \[c1,c2]} of its
 *       components (tagged {@code \L<record class>;} where the declared type admits several).
 *       Elements and components render as under {@code Object} (strings untagged, all else
 *       tagged), with the nested escaping: {@code \ : , ] } =} are escaped and the empty string
 *       is {@code \e}.
 * </ul>
 * Strings escape every backslash they contain, so a backslash pair that is not an escape is
 * always a tag or {@code \N}; with the nested escaping every element is self-delimiting, so the
 * rendering is injective: unequal arguments (arrays by content, sets and maps as sets) never
 * share a form. Forms never depend on identity hash codes or on iteration order of sets and maps,
 * so they are stable across JVMs.
 *
 * <p>A value whose class has no stable form — its {@code toString()} is {@code Object}'s — is
 * refused with an {@link IllegalArgumentException} naming the parameter: at {@link #forParameter}
 * when the declared type decides it (a final class, or an array of one), else at render time.
 *
 * <p>All renderers are stateless and thread-safe; so is this class.
 */
final class ArgumentRenderers {
    private static final String NULL = "\\N";

    private ArgumentRenderers() {}

    /**
     * The renderer of a parameter, chosen once from its declared type.
     *
     * @param declaredType the parameter's class ({@link java.lang.reflect.Parameter#getType()})
     * @param genericType its generic type; forms depend on the erasure only (elements of
     *     containers render by their runtime class), so this serves messages and future use
     * @param where the parameter for messages, e.g. {@code com.example.QuoteService.quote(
     *     java.lang.String, int) parameter 'ticker'}
     * @throws IllegalArgumentException naming {@code where} when no value of the declared type can
     *     have a stable form
     */
    public static ArgumentRenderer forParameter(Class<?> declaredType, Type genericType, String where) {
        Objects.requireNonNull(declaredType, "declaredType");
        Objects.requireNonNull(where, "where");
        return forType(declaredType, false, where);
    }

    /**
     * The renderer of a value as a parameter declared {@code Object} (used by {@code Memo.of}): a
     * {@code String} verbatim-escaped, {@code null} as {@code \N}, other classes tagged.
     *
     * @param where the argument for messages
     */
    public static ArgumentRenderer forObject(String where) {
        Objects.requireNonNull(where, "where");
        return dynamic(false, where);
    }

    // ---- choice by declared type ------------------------------------------------------------

    static ArgumentRenderer forType(Class<?> type, boolean nested, String where) {
        if (type == String.class) {
            return nested
                    ? (sb, a) -> {
                        if (a == null) sb.append(NULL); else KeyEscaping.nested(sb, (String) a);
                    }
                    : (sb, a) -> {
                        if (a == null) sb.append(NULL); else KeyEscaping.top(sb, (String) a);
                    };
        }
        ArgumentRenderer boxed = primitiveOrBox(type, nested);
        if (boxed != null) {
            return boxed;
        }
        if (type.isEnum()) {
            return (sb, a) -> {
                if (a == null) sb.append(NULL); else KeyEscaping.escape(sb, ((Enum<?>) a).name(), nested);
            };
        }
        if (type == Optional.class) {
            return (sb, a) -> {
                if (a == null) sb.append(NULL); else writeOptional(sb, (Optional<?>) a, where);
            };
        }
        if (type.isArray()) {
            return arrayForm(type, nested, where);
        }
        if (type.isRecord()) {
            return (sb, a) -> {
                if (a == null) sb.append(NULL); else writeRecord(sb, a, where);
            };
        }
        if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            return dynamic(nested, where);
        }
        // BigDecimal and BigInteger are not final, but they are value types: keyed by their value, like numbers.
        boolean single = Modifier.isFinal(type.getModifiers()) || type == BigDecimal.class || type == BigInteger.class;
        if (single) {
            if (!overridesToString(type)) {
                throw new IllegalArgumentException(where + ": " + type.getName() + " has no stable key form: it is"
                        + " final and neither a value type, an enum, a record nor a class overriding toString();"
                        + " override toString(), mark other parameters @CacheKey, or use a KeyMaker");
            }
            return (sb, a) -> {
                if (a == null) sb.append(NULL); else KeyEscaping.escape(sb, a.toString(), nested);
            };
        }
        return dynamic(nested, where);
    }

    /** Untagged primitives and their boxes: the declared type settles the class. */
    private static ArgumentRenderer primitiveOrBox(Class<?> type, boolean nested) {
        if (type == int.class || type == Integer.class) {
            return (sb, a) -> {
                if (a == null) sb.append(NULL); else sb.append((int) (Integer) a);
            };
        }
        if (type == long.class || type == Long.class) {
            return (sb, a) -> {
                if (a == null) sb.append(NULL); else sb.append((long) (Long) a);
            };
        }
        if (type == boolean.class || type == Boolean.class) {
            return (sb, a) -> {
                if (a == null) sb.append(NULL); else sb.append((boolean) (Boolean) a);
            };
        }
        if (type == double.class || type == Double.class) {
            return (sb, a) -> {
                if (a == null) sb.append(NULL); else sb.append((double) (Double) a);
            };
        }
        if (type == float.class || type == Float.class) {
            return (sb, a) -> {
                if (a == null) sb.append(NULL); else sb.append((float) (Float) a);
            };
        }
        if (type == short.class || type == Short.class) {
            return (sb, a) -> {
                if (a == null) sb.append(NULL); else sb.append((short) (Short) a);
            };
        }
        if (type == byte.class || type == Byte.class) {
            return (sb, a) -> {
                if (a == null) sb.append(NULL); else sb.append((byte) (Byte) a);
            };
        }
        if (type == char.class || type == Character.class) {
            // A char may be ':' or '\', so it is escaped like a one-character string.
            return (sb, a) -> {
                if (a == null) sb.append(NULL); else KeyEscaping.escapeChar(sb, (Character) a, nested);
            };
        }
        return null;
    }

    private static ArgumentRenderer arrayForm(Class<?> type, boolean nested, String where) {
        Class<?> component = type.getComponentType();
        if (component.isPrimitive()) {
            return (sb, a) -> {
                if (a == null) sb.append(NULL); else writePrimitiveArray(sb, a);
            };
        }
        // Any reference array: Object[] and Integer[] of equal content are deepEquals, so no tag.
        ArgumentRenderer element = forType(component, true, where);
        return (sb, a) -> {
            if (a == null) {
                sb.append(NULL);
                return;
            }
            Object[] array = (Object[]) a;
            sb.append("\\[");
            for (int i = 0; i < array.length; i++) {
                if (i > 0) sb.append(',');
                element.render(sb, array[i]);
            }
            sb.append(']');
        };
    }

    // ---- choice by runtime class ------------------------------------------------------------

    private static ArgumentRenderer dynamic(boolean nested, String where) {
        return (sb, a) -> writeDynamic(sb, a, nested, where);
    }

    /** The form of a value under a declared type that admits several classes. */
    static void writeDynamic(StringBuilder sb, Object a, boolean nested, String where) {
        if (a == null) {
            sb.append(NULL);
        } else if (a instanceof String) {
            KeyEscaping.escape(sb, (String) a, nested);
        } else {
            FORMS.get(a.getClass()).write(sb, a, nested, where);
        }
    }

    /** How the values of one class render under a declared type admitting several classes. */
    @FunctionalInterface
    private interface ClassForm {
        void write(StringBuilder sb, Object a, boolean nested, String where);
    }

    private static final ClassValue<ClassForm> FORMS = new ClassValue<>() {
        @Override
        protected ClassForm computeValue(Class<?> type) {
            return classForm(type);
        }
    };

    private static ClassForm classForm(Class<?> type) {
        if (type == Integer.class) return (sb, a, n, w) -> sb.append("\\i").append((int) (Integer) a);
        if (type == Long.class) return (sb, a, n, w) -> sb.append("\\l").append((long) (Long) a);
        if (type == Short.class) return (sb, a, n, w) -> sb.append("\\s").append((short) (Short) a);
        if (type == Byte.class) return (sb, a, n, w) -> sb.append("\\b").append((byte) (Byte) a);
        if (type == Float.class) return (sb, a, n, w) -> sb.append("\\f").append((float) (Float) a);
        if (type == Double.class) return (sb, a, n, w) -> sb.append("\\d").append((double) (Double) a);
        if (type == Boolean.class) return (sb, a, n, w) -> sb.append("\\z").append((boolean) (Boolean) a);
        if (type == Character.class) {
            return (sb, a, n, w) -> KeyEscaping.escapeChar(sb.append("\\c"), (Character) a, n);
        }
        if (List.class.isAssignableFrom(type)) {
            return (sb, a, n, w) -> writeSequence(sb, (Collection<?>) a, w);
        }
        if (Set.class.isAssignableFrom(type)) {
            return (sb, a, n, w) -> writeSet(sb, (Set<?>) a, w);
        }
        if (Map.class.isAssignableFrom(type)) {
            return (sb, a, n, w) -> writeMap(sb, (Map<?, ?>) a, w);
        }
        if (Collection.class.isAssignableFrom(type)) {
            // Queues and the like: in iteration order, tagged by class, so an ArrayDeque never shares
            // a list's key (lists of any class are equal by content; a deque is no list).
            Tag tag = new Tag(type.getName());
            return (sb, a, n, w) -> writeSequence(sb.append(tag.of(n)), (Collection<?>) a, w);
        }
        if (type == Optional.class) {
            return (sb, a, n, w) -> writeOptional(sb, (Optional<?>) a, w);
        }
        if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) {
                Tag tag = new Tag(type.getTypeName());
                return (sb, a, n, w) -> writePrimitiveArray(sb.append(tag.of(n)), a);
            }
            Tag tag = new Tag(Object[].class.getTypeName());
            return (sb, a, n, w) -> writeObjectArray(sb.append(tag.of(n)), (Object[]) a, w);
        }
        // Constant-specific enum bodies are subclasses: tag by the enum class itself.
        Class<?> enumType = enumType(type);
        if (enumType != null) {
            Tag tag = new Tag(enumType.getName());
            return (sb, a, n, w) -> KeyEscaping.escape(sb.append(tag.of(n)), ((Enum<?>) a).name(), n);
        }
        if (type.isRecord()) {
            Tag tag = new Tag(type.getName());
            return (sb, a, n, w) -> writeRecord(sb.append(tag.of(n)), a, w);
        }
        // Date's and Calendar's toString() drop milliseconds and depend on the JVM's time zone:
        // the instant (and a Calendar's zone, part of its equality) is exact everywhere.
        if (java.sql.Timestamp.class.isAssignableFrom(type)) {
            Tag tag = new Tag(type.getName());
            return (sb, a, n, w) -> {
                java.sql.Timestamp t = (java.sql.Timestamp) a;
                sb.append(tag.of(n)).append(Math.floorDiv(t.getTime(), 1000)).append('.').append(t.getNanos());
            };
        }
        if (java.util.Date.class.isAssignableFrom(type)) {
            Tag tag = new Tag(type.getName());
            return (sb, a, n, w) -> sb.append(tag.of(n)).append(((java.util.Date) a).getTime());
        }
        if (java.util.Calendar.class.isAssignableFrom(type)) {
            Tag tag = new Tag(type.getName());
            return (sb, a, n, w) -> {
                java.util.Calendar c = (java.util.Calendar) a;
                sb.append(tag.of(n)).append(c.getTimeInMillis()).append('@');
                KeyEscaping.escape(sb, c.getTimeZone().getID(), n);
            };
        }
        if (overridesToString(type)) {
            Tag tag = new Tag(type.getName());
            return (sb, a, n, w) -> KeyEscaping.escape(sb.append(tag.of(n)), a.toString(), n);
        }
        return (sb, a, n, w) -> {
            throw new IllegalArgumentException(w + ": a value of " + type.getName() + " has no stable key form"
                    + " (it neither is a value type, an enum, a record nor overrides toString());"
                    + " override toString(), mark other parameters @CacheKey, or use a KeyMaker");
        };
    }

    /** {@code \L<name>;}, escaped once per context since class names may hold any character but {@code ;}. */
    private static final class Tag {
        private final String top;
        private final String nested;

        Tag(String name) {
            this.top = "\\L" + KeyEscaping.escaped(name, false) + ';';
            this.nested = "\\L" + KeyEscaping.escaped(name, true) + ';';
        }

        String of(boolean nested) {
            return nested ? this.nested : top;
        }
    }

    private static Class<?> enumType(Class<?> type) {
        if (type.isEnum()) return type;
        Class<?> parent = type.getSuperclass();
        return parent != null && parent.isEnum() ? parent : null;
    }

    static boolean overridesToString(Class<?> type) {
        try {
            return type.getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false; // interfaces: decided per value
        }
    }

    // ---- container forms (elements render as under Object, nested escaping) ----------------

    private static void writeSequence(StringBuilder sb, Collection<?> values, String where) {
        sb.append("\\[");
        boolean first = true;
        for (Object value : values) {
            if (!first) sb.append(',');
            first = false;
            writeDynamic(sb, value, true, where);
        }
        sb.append(']');
    }

    private static void writeObjectArray(StringBuilder sb, Object[] values, String where) {
        sb.append("\\[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append(',');
            writeDynamic(sb, values[i], true, where);
        }
        sb.append(']');
    }

    /** Elements sorted by their forms: the only order that every JVM (and Set.of's salt) agrees on. */
    private static void writeSet(StringBuilder sb, Set<?> values, String where) {
        List<String> forms = new ArrayList<>(values.size());
        for (Object value : values) {
            StringBuilder element = new StringBuilder(16);
            writeDynamic(element, value, true, where);
            forms.add(element.toString());
        }
        Collections.sort(forms);
        sb.append("\\{");
        appendJoined(sb, forms);
        sb.append('}');
    }

    /** Entries sorted by their forms; {@code \{=}} for the empty map, so it differs from the empty set. */
    private static void writeMap(StringBuilder sb, Map<?, ?> map, String where) {
        if (map.isEmpty()) {
            sb.append("\\{=}");
            return;
        }
        List<String> forms = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            StringBuilder element = new StringBuilder(32);
            writeDynamic(element, entry.getKey(), true, where);
            element.append('=');
            writeDynamic(element, entry.getValue(), true, where);
            forms.add(element.toString());
        }
        Collections.sort(forms);
        sb.append("\\{");
        appendJoined(sb, forms);
        sb.append('}');
    }

    private static void appendJoined(StringBuilder sb, List<String> forms) {
        for (int i = 0; i < forms.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(forms.get(i));
        }
    }

    private static void writeOptional(StringBuilder sb, Optional<?> value, String where) {
        sb.append("\\o[");
        if (value.isPresent()) {
            writeDynamic(sb, value.get(), true, where);
        }
        sb.append(']');
    }

    private static void writePrimitiveArray(StringBuilder sb, Object array) {
        sb.append("\\[");
        if (array instanceof int[]) {
            int[] values = (int[]) array;
            for (int i = 0; i < values.length; i++) (i > 0 ? sb.append(',') : sb).append(values[i]);
        } else if (array instanceof long[]) {
            long[] values = (long[]) array;
            for (int i = 0; i < values.length; i++) (i > 0 ? sb.append(',') : sb).append(values[i]);
        } else if (array instanceof byte[]) {
            byte[] values = (byte[]) array;
            for (int i = 0; i < values.length; i++) (i > 0 ? sb.append(',') : sb).append(values[i]);
        } else if (array instanceof short[]) {
            short[] values = (short[]) array;
            for (int i = 0; i < values.length; i++) (i > 0 ? sb.append(',') : sb).append(values[i]);
        } else if (array instanceof double[]) {
            double[] values = (double[]) array;
            for (int i = 0; i < values.length; i++) (i > 0 ? sb.append(',') : sb).append(values[i]);
        } else if (array instanceof float[]) {
            float[] values = (float[]) array;
            for (int i = 0; i < values.length; i++) (i > 0 ? sb.append(',') : sb).append(values[i]);
        } else if (array instanceof boolean[]) {
            boolean[] values = (boolean[]) array;
            for (int i = 0; i < values.length; i++) (i > 0 ? sb.append(',') : sb).append(values[i]);
        } else {
            char[] values = (char[]) array;
            for (int i = 0; i < values.length; i++) {
                KeyEscaping.escapeChar(i > 0 ? sb.append(',') : sb, values[i], true);
            }
        }
        sb.append(']');
    }

    private static void writeRecord(StringBuilder sb, Object record, String where) {
        Method[] accessors = RECORD_ACCESSORS.get(record.getClass());
        if (accessors == null) {
            throw new IllegalArgumentException(where + ": the accessors of record " + record.getClass().getName()
                    + " are not accessible to Cachetory; make the record public or open its package");
        }
        sb.append("\\[");
        for (int i = 0; i < accessors.length; i++) {
            if (i > 0) sb.append(',');
            Object component;
            try {
                component = accessors[i].invoke(record);
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException(where + ": cannot read " + accessors[i], e);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) throw (RuntimeException) cause;
                if (cause instanceof Error) throw (Error) cause;
                throw new IllegalStateException(cause);
            }
            writeDynamic(sb, component, true, where);
        }
        sb.append(']');
    }

    /** Accessors in declaration order, looked up once per record class; null when not accessible. */
    private static final ClassValue<Method[]> RECORD_ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                Method accessor = components[i].getAccessor();
                if (!accessor.trySetAccessible()) {
                    return null;
                }
                accessors[i] = accessor;
            }
            return accessors;
        }
    };
}
