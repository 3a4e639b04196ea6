package io.cachetory.serializer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.cachetory.SerializationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON with Jackson ({@code json://}), an optional dependency
 * ({@code com.fasterxml.jackson.core:jackson-databind}). Writes UTF-8 bytes of an envelope naming
 * the root value's type: {@code {"@class":"com.example.Quote","value":{…}}}; for a root collection,
 * map or array of containers, with the element types its elements share, inferred at write time:
 * {@code {"@class":"java.util.ArrayList<com.example.Item>","value":[…]}} (elements of different
 * classes give {@code java.lang.Object}); for a generic root class, with the type arguments its
 * members hold where its type variables declare them ({@code com.example.Page<com.example.Item>}).
 *
 * <p>Reading parses the envelope's type with a parser of its own, checking every class name against
 * its {@link AllowList} before the class is loaded, then binds {@code value} to that type; nested
 * values bind by their declared types, as Jackson always does. Jackson's polymorphic default typing is
 * never enabled (a class opting into polymorphism with {@code @JsonTypeInfo} is held to the same
 * allow-list). The 16-byte header carries the structure of the classes the envelope names (which
 * covers the declared types of nested values): a value written by another structure is a
 * {@link io.cachetory.StructureMismatchException}, and so is an envelope written before envelopes
 * named element types whose root collection or map is not empty.
 *
 * <p>Because nested values bind by declared type, writing refuses, with a
 * {@link SerializationException} naming the class and where it sits, any value JSON would read back
 * as another class: a bean, enum, set or array in an {@code Object} slot (an {@code Object} field, a
 * root list of mixed classes), a subclass in a slot of its superclass's type, a {@code Long} that
 * would come back as an {@code Integer}. In {@code Object} slots only JSON's natural types pass
 * ({@code String}, {@code Boolean}, {@code Integer}, {@code Double}, a {@code Long} or
 * {@code BigInteger} beyond the narrower type, JDK lists and string-keyed maps of those). So a value
 * read back has its writer's classes, or is refused; use {@code kryo://} or {@code java://} for
 * values that need polymorphism without {@code @JsonTypeInfo}.
 *
 * <p>What JSON does not keep: a JDK collection that is not a public class with a no-arg constructor
 * ({@code List.of}, {@code Collections.unmodifiableMap}…) comes back as Jackson's default for its
 * interface ({@code ArrayList}, {@code HashSet}, {@code LinkedHashMap}, {@code TreeMap}…), equal but
 * mutable, as does a JDK collection in a field declared by its interface.
 * {@code java.time} values and {@code Optional} need {@code jackson-datatype-jsr310} and
 * {@code jackson-datatype-jdk8} on the class path (registered when present); without them they fail
 * with a {@link SerializationException} saying so — use {@code kryo://} or {@code java://} for them.
 * memoization's null marker ({@code io.cachetory.memo.CachedNull}) round-trips to itself. Failures are {@link SerializationException}s.
 *
 * <p>Thread-safe (one configured {@code ObjectMapper} shared by all calls).
 *
 * @param <V> the value type
 */
public final class JsonSerializer<V> extends FramedSerializer<V> {
    private static final Logger LOG = LoggerFactory.getLogger(JsonSerializer.class);

    static final String CLASS_FIELD = "@class";
    static final String VALUE_FIELD = "value";

    private static final List<String> OPTIONAL_MODULES = List.of(
            "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule",
            "com.fasterxml.jackson.datatype.jdk8.Jdk8Module");

    private final ObjectMapper mapper;

    /** A serializer reading only what {@link AllowList#global()} allows. */
    public JsonSerializer() {
        this(AllowList.global());
    }

    /** A serializer reading only what {@code allowList} allows. */
    public JsonSerializer(AllowList allowList) {
        super(allowList, "JSON");
        JsonMapper.Builder builder = JsonMapper.builder()
                .polymorphicTypeValidator(new AllowListTypeValidator(allowList))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
                .addModule(new SimpleModule("cachetory-slot-check").setSerializerModifier(new JsonSlotCheck.PropertyCheck()));
        for (String moduleClass : OPTIONAL_MODULES) {
            Module module = optionalModule(moduleClass);
            if (module != null) {
                builder.addModule(module);
            }
        }
        this.mapper = builder.build();
    }

    private static Module optionalModule(String className) {
        try {
            Class<?> type = Class.forName(className, false, JsonSerializer.class.getClassLoader());
            return (Module) type.getConstructor().newInstance();
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not register Jackson module {}: {}", className, e.toString());
            return null;
        }
    }

    @Override
    byte[] writePayload(V value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try {
            JsonRootType.Written root = value == null ? null : JsonRootType.of(value, allowList, mapper.getTypeFactory());
            // A root of its own class (a bean, an enum) passes the slot check by construction; its
            // fields are checked as Jackson writes them.
            boolean plain = root == null || !root.type().isContainerType() && !root.type().hasGenericTypes();
            if (!plain) {
                SerializerProvider provider = mapper.getSerializerProviderInstance();
                JsonSlotCheck.check(root.type(), provider.findTypeSerializer(root.type()) != null, value, provider,
                        () -> "the root " + root.text());
            }
            try (JsonGenerator out = mapper.createGenerator(bytes)) {
                out.writeStartObject();
                out.writeStringField(CLASS_FIELD, root == null ? null : root.text());
                out.writeFieldName(VALUE_FIELD);
                if (plain) {
                    mapper.writeValue(out, value);
                } else {
                    mapper.writerFor(root.type()).writeValue(out, value);
                }
                out.writeEndObject();
            }
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("JSON could not write " + KryoSerializer.describe(value) + ": "
                    + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new SerializationException("JSON could not write " + KryoSerializer.describe(value)
                    + ": the value is too deep", e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    @Override
    V readPayload(byte[] data) {
        try (JsonParser in = mapper.createParser(data)) {
            expect(in, JsonToken.START_OBJECT, "an envelope object");
            expectField(in, CLASS_FIELD);
            JsonToken token = in.nextToken();
            String typeName;
            if (token == JsonToken.VALUE_NULL) {
                typeName = null;
            } else if (token == JsonToken.VALUE_STRING) {
                typeName = in.getText();
            } else {
                throw new SerializationException("JSON envelope's " + CLASS_FIELD + " is not a string");
            }
            expectField(in, VALUE_FIELD);
            in.nextToken();
            Object value;
            if (typeName == null) {
                if (in.currentToken() != JsonToken.VALUE_NULL) {
                    throw new SerializationException("JSON envelope without " + CLASS_FIELD + " holds a non-null value");
                }
                value = null;
            } else {
                JavaType type = JsonRootType.parse(typeName, allowList, mapper.getTypeFactory(), this::load);
                value = mapper.readValue(in, type);
                if (JsonRootType.isBareContainer(type) && !isEmpty(value)) {
                    // Written before envelopes named element types: its elements would be maps, not its classes.
                    throw new SerializationException("JSON envelope names " + typeName
                            + " without its element types, so its elements would not read back as their classes");
                }
            }
            expect(in, JsonToken.END_OBJECT, "the end of the envelope");
            if (in.nextToken() != null) {
                throw new SerializationException("JSON data has content after the envelope");
            }
            return (V) value;
        } catch (SerializationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("JSON could not read " + data.length + " bytes: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new SerializationException("JSON could not read " + data.length + " bytes: the value is too deep", e);
        } catch (OutOfMemoryError e) {
            throw new SerializationException("JSON could not read " + data.length + " bytes: out of memory", e);
        }
    }

    private static boolean isEmpty(Object container) {
        return container instanceof Collection<?> c ? c.isEmpty() : container instanceof Map<?, ?> m && m.isEmpty();
    }

    /** Loads a class the allow-list let through, without initializing it, and records it. */
    private Class<?> load(String typeName) {
        try {
            Class<?> type = Class.forName(typeName, false, JsonSerializer.class.getClassLoader());
            ClassTrail.record(type);
            return type;
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SerializationException("JSON could not read a " + typeName + ": class not found", e);
        }
    }

    private static void expect(JsonParser in, JsonToken expected, String what) throws IOException {
        if (in.nextToken() != expected) {
            throw new SerializationException("JSON data is not a cachetory envelope: expected " + what);
        }
    }

    private static void expectField(JsonParser in, String name) throws IOException {
        if (in.nextToken() != JsonToken.FIELD_NAME || !name.equals(in.currentName())) {
            throw new SerializationException("JSON data is not a cachetory envelope: expected field " + name);
        }
    }

    @Override
    public String toString() {
        return "json://";
    }
}
