package io.cachetory.serializer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.ser.AnyGetterWriter;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerBuilder;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.PropertyFilter;
import io.cachetory.SerializationException;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Refuses to write a value that JSON would read back as another class. Jackson binds what it reads by
 * the declared type of the slot it reads into, so a value whose class the declared type does not
 * determine comes back as something else: a bean in an {@code Object} field or in a root
 * {@code List} of mixed classes as a {@code LinkedHashMap}, an enum there as a {@code String}, a
 * subclass in a field of its superclass's type as the superclass, a small {@code Long} as an
 * {@code Integer}. Such a value is refused with a {@link SerializationException} naming its class
 * and where it sits (a failed write: memoization returns the result uncached), never stored to be
 * read back wrong.
 *
 * <p>What passes: a value of exactly its slot's declared class (a primitive's box, an enum
 * constant's enum); in a container slot, a JDK collection or map whose elements, keys and values
 * pass against the declared arguments (a set in a {@code Collection} slot does not: it would come
 * back as a list); in an {@code Object} slot, what JSON reads back as itself there — {@code String},
 * {@code Boolean}, {@code Integer}, {@code Double}, a {@code Long} or {@code BigInteger} too large
 * for the narrower type, and JDK lists and (unsorted, string-keyed) maps of those; anything in a slot
 * whose type Jackson names in the JSON ({@code @JsonTypeInfo}), where the elements of a container
 * are held to {@code Object} slots. Declared types that cannot hold another class (primitives,
 * final classes, enums, containers of those) are not checked at all.
 *
 * <p>Installed on the mapper as a {@link BeanSerializerModifier} that checks bean properties and
 * {@code @JsonAnyGetter} maps; the root value is checked by {@link JsonSerializer} against the type its envelope names. Stateless;
 * thread-safe.
 */
final class JsonSlotCheck {
    private JsonSlotCheck() {}

    /** Where a value sits, described only when it is refused. */
    interface Place {
        String describe();
    }

    /** Wraps each plain bean property whose declared type could hold another class. */
    static final class PropertyCheck extends BeanSerializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                                                         List<BeanPropertyWriter> properties) {
            List<BeanPropertyWriter> changed = new ArrayList<>(properties.size());
            for (BeanPropertyWriter property : properties) {
                // Subclasses (virtual, attribute properties) compute their values differently: left alone.
                boolean plain = property.getClass() == BeanPropertyWriter.class;
                changed.add(plain && mayHoldAnother(property.getType())
                        ? new CheckedProperty(property, bean.getBeanClass()) : property);
            }
            return changed;
        }

        @Override
        public BeanSerializerBuilder updateBuilder(SerializationConfig config, BeanDescription bean,
                                                   BeanSerializerBuilder builder) {
            // Jackson adds the any-getter after changeProperties: to the property list (2.18 on) or
            // as the builder's own any-getter (before).
            List<BeanPropertyWriter> properties = builder.getProperties();
            if (properties != null) {
                List<BeanPropertyWriter> changed = new ArrayList<>(properties.size());
                for (BeanPropertyWriter property : properties) {
                    changed.add(property.getClass() == AnyGetterWriter.class
                            ? checkedAnyGetter((AnyGetterWriter) property, bean) : property);
                }
                builder.setProperties(changed);
            }
            AnyGetterWriter any = builder.getAnyGetter();
            if (any != null && any.getClass() == AnyGetterWriter.class) {
                builder.setAnyGetter(checkedAnyGetter(any, bean));
            }
            return builder;
        }

        private static AnyGetterWriter checkedAnyGetter(AnyGetterWriter any, BeanDescription bean) {
            AnnotatedMember accessor = bean.findAnyGetter();
            return accessor != null && mayHoldAnother(accessor.getType())
                    ? new CheckedAnyGetter(any, accessor, bean.getBeanClass()) : any;
        }
    }

    /**
     * A {@code @JsonAnyGetter} map, checked against its declared type before the original writer
     * writes it: its values come back through the any-setter's declared type, {@code Object} mostly.
     */
    static final class CheckedAnyGetter extends AnyGetterWriter implements Place {
        private static final long serialVersionUID = 1L;

        private final AnyGetterWriter original;
        private final transient AnnotatedMember accessor;
        private final transient Class<?> owner;

        CheckedAnyGetter(AnyGetterWriter original, AnnotatedMember accessor, Class<?> owner) {
            super(original, original, accessor, null);
            this.original = original;
            this.accessor = accessor;
            this.owner = owner;
        }

        @Override
        public void getAndSerialize(Object bean, JsonGenerator gen, SerializerProvider prov) throws Exception {
            check(accessor.getType(), false, accessor.getValue(bean), prov, this);
            original.getAndSerialize(bean, gen, prov);
        }

        @Override
        public void getAndFilter(Object bean, JsonGenerator gen, SerializerProvider prov, PropertyFilter filter)
                throws Exception {
            check(accessor.getType(), false, accessor.getValue(bean), prov, this);
            original.getAndFilter(bean, gen, prov, filter);
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider prov) throws Exception {
            getAndSerialize(bean, gen, prov);
        }

        @Override
        public void resolve(SerializerProvider prov) throws JsonMappingException {
            original.resolve(prov);
        }

        @Override
        public void fixAccess(SerializationConfig config) {
            original.fixAccess(config);
        }

        @Override
        public String describe() {
            return "the @JsonAnyGetter map of " + owner.getName() + ", declared " + accessor.getType().toCanonical();
        }
    }

    /** A bean property whose value is checked against its declared type before it is written. */
    static final class CheckedProperty extends BeanPropertyWriter implements Place {
        private static final long serialVersionUID = 1L;

        private final transient Class<?> owner;

        CheckedProperty(BeanPropertyWriter base, Class<?> owner) {
            super(base);
            this.owner = owner;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider prov) throws Exception {
            check(getType(), getTypeSerializer() != null, get(bean), prov, this);
            super.serializeAsField(bean, gen, prov);
        }

        @Override
        public void serializeAsElement(Object bean, JsonGenerator gen, SerializerProvider prov) throws Exception {
            check(getType(), getTypeSerializer() != null, get(bean), prov, this);
            super.serializeAsElement(bean, gen, prov);
        }

        @Override
        public String describe() {
            return owner.getName() + "." + getName() + ", declared " + getType().toCanonical();
        }
    }

    /**
     * Whether a slot of {@code declared} can hold a value JSON reads back as another class; one that
     * cannot is not walked.
     */
    static boolean mayHoldAnother(JavaType declared) {
        if (declared == null) {
            return true;
        }
        Class<?> raw = declared.getRawClass();
        if (raw.isPrimitive() || raw.isEnum()) {
            return false;
        }
        if (declared.isArrayType() || declared.isReferenceType()) {
            return mayHoldAnother(declared.getContentType());
        }
        if (declared.isCollectionLikeType()) {
            return raw == Collection.class || mayHoldAnother(declared.getContentType());
        }
        if (declared.isMapLikeType()) {
            return mayHoldAnother(declared.getKeyType()) || mayHoldAnother(declared.getContentType());
        }
        return !Modifier.isFinal(raw.getModifiers());
    }

    /**
     * Checks {@code value} in a slot of {@code declared}.
     *
     * @param typed whether Jackson writes the value's class name in this slot ({@code @JsonTypeInfo})
     * @throws SerializationException when JSON would read it back as another class
     */
    static void check(JavaType declared, boolean typed, Object value, SerializerProvider prov, Place place)
            throws JsonMappingException {
        if (value == null) {
            return;
        }
        if (typed) {
            // The class name is in the JSON: the value comes back as its class, but a container's
            // elements then sit in Object slots.
            if (value instanceof Collection<?> || value instanceof Map<?, ?> || value instanceof Object[]) {
                check(prov.getTypeFactory().constructType(value.getClass()), false, value, prov, place);
            }
            return;
        }
        Class<?> raw = declared.getRawClass();
        if (raw == Object.class) {
            untyped(value, place);
            return;
        }
        if (declared.isCollectionLikeType() && value instanceof Collection<?> collection) {
            if (raw == Collection.class && !(value instanceof List<?>)) {
                throw refused(value, place, "a list");
            }
            elements(declared.getContentType(), collection, prov, place);
            return;
        }
        if (declared.isMapLikeType() && value instanceof Map<?, ?> map) {
            JavaType keyType = declared.getKeyType();
            JavaType valueType = declared.getContentType();
            boolean checkValues = mayHoldAnother(valueType);
            boolean typedValues = checkValues && prov.findTypeSerializer(valueType) != null;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                key(keyType, e.getKey(), place);
                if (checkValues) {
                    check(valueType, typedValues, e.getValue(), prov, place);
                }
            }
            return;
        }
        if (declared.isArrayType() && value instanceof Object[] array) {
            elements(declared.getContentType(), java.util.Arrays.asList(array), prov, place);
            return;
        }
        if (declared.isReferenceType() && value instanceof Optional<?> optional) {
            JavaType content = declared.getContentType();
            check(content, prov.findTypeSerializer(content) != null, optional.orElse(null), prov, place);
            return;
        }
        if (value instanceof JsonNode && JsonNode.class.isAssignableFrom(raw)) {
            return; // a tree reads back as the node kind its JSON has
        }
        if (classOf(value) != raw) {
            throw refused(value, place, "a " + raw.getName());
        }
    }

    private static void elements(JavaType content, Collection<?> elements, SerializerProvider prov, Place place)
            throws JsonMappingException {
        if (!mayHoldAnother(content)) {
            return;
        }
        boolean typed = prov.findTypeSerializer(content) != null;
        for (Object element : elements) {
            check(content, typed, element, prov, place);
        }
    }

    private static void key(JavaType declared, Object key, Place place) {
        if (key == null) {
            return;
        }
        Class<?> raw = declared.getRawClass();
        // a key is a JSON string: an Object key comes back as a String, any other as its declared class
        Class<?> expected = raw == Object.class ? String.class : raw;
        if (classOf(key) != expected) {
            throw refused(key, place, "a " + expected.getName() + " map key");
        }
    }

    /** A value in an Object slot, which Jackson fills with JSON's natural types. */
    private static void untyped(Object value, Place place) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer) {
            return;
        }
        if (value instanceof Double d) {
            if (Double.isFinite(d)) {
                return;
            }
            throw refused(value, place, "a String"); // Jackson writes NaN and the infinities as strings
        }
        if (value instanceof Long l) {
            if (l != (int) (long) l) {
                return;
            }
            throw refused(value, place, "an Integer");
        }
        if (value instanceof BigInteger b) {
            if (b.bitLength() >= 64) {
                return;
            }
            throw refused(value, place, "an Integer or Long");
        }
        boolean jdk = AllowList.isJdk(value.getClass().getName());
        if (jdk && value instanceof List<?> list) {
            for (Object element : list) {
                untyped(element, place);
            }
            return;
        }
        if (jdk && value instanceof Map<?, ?> map && !(value instanceof SortedMap<?, ?>)) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey() != null && !(e.getKey() instanceof String)) {
                    throw refused(e.getKey(), place, "a String map key");
                }
                untyped(e.getValue(), place);
            }
            return;
        }
        String readBack = value instanceof Number ? "an Integer, Long or Double"
                : value instanceof Collection<?> || value.getClass().isArray() ? "an ArrayList"
                : value instanceof Map<?, ?> ? "a LinkedHashMap"
                : value instanceof Enum<?> || value instanceof CharSequence || value instanceof Character ? "a String"
                : "a LinkedHashMap or String";
        throw refused(value, place, readBack);
    }

    private static Class<?> classOf(Object value) {
        return value instanceof Enum<?> e ? e.getDeclaringClass() : value.getClass();
    }

    private static SerializationException refused(Object value, Place place, String readBack) {
        return new SerializationException("a " + value.getClass().getName() + " in "
                + place.describe() + ": it would read back as " + readBack
                + " (use kryo:// or java://, declare the value's own class, or name its class with @JsonTypeInfo)");
    }
}
