package io.cachetory.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.BooleanArraySerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.ObjectArraySerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.StringArraySerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.ArraysAsListSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.ConcurrentSkipListMapSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.PriorityQueueSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.TreeMapSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.TreeSetSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers.JdkImmutableListSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers.JdkImmutableMapSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers.JdkImmutableSetSerializer;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Stand-ins for the Kryo serializers that size an allocation by a count read from the payload
 * (arrays, collections presized by their length, {@code List.of}/{@code Set.of}/{@code Map.of}): each
 * checks the count against the bytes the input can still deliver, and the counts of the whole read
 * against its bytes ({@link BoundedKryo#checkCount}), before it allocates or loops, since every
 * element takes at least one byte of its own. A count beyond them is refused as a read limit (a
 * {@link com.esotericsoftware.kryo.KryoException} that {@link ClassTrail} records as a refusal), never
 * allocated. They write exactly what the serializer they replace writes, so values written before
 * read back unchanged. Strings and primitive arrays are checked where they are read, in
 * {@link BoundedInput}. Stateless apart from Kryo's own settings; used by one {@link BoundedKryo}.
 */
final class CountCheckedSerializers {
    private CountCheckedSerializers() {}

    /**
     * The checked stand-in for {@code serializer}, chosen by its exact class (a subclass the user or Kryo
     * chose keeps its own behaviour), or {@code serializer} itself when it reads no announced count.
     */
    @SuppressWarnings("rawtypes")
    static Serializer replace(Kryo kryo, Class type, Serializer serializer) {
        Class<?> kind = serializer.getClass();
        if (kind == CollectionSerializer.class) {
            return new CheckedCollection();
        }
        if (kind == MapSerializer.class) {
            return new CheckedMap();
        }
        if (kind == ObjectArraySerializer.class) {
            return new CheckedObjectArray(kryo, type);
        }
        if (kind == StringArraySerializer.class) {
            return new CheckedStringArray();
        }
        if (kind == BooleanArraySerializer.class) {
            return new CheckedBooleanArray();
        }
        if (kind == JdkImmutableListSerializer.class) {
            return new CheckedImmutableList();
        }
        if (kind == JdkImmutableSetSerializer.class) {
            return new CheckedImmutableSet();
        }
        if (kind == JdkImmutableMapSerializer.class) {
            return new CheckedImmutableMap();
        }
        if (kind == PriorityQueueSerializer.class) {
            return new CheckedPriorityQueue();
        }
        if (kind == ArraysAsListSerializer.class) {
            return new CheckedArraysAsList();
        }
        // These allocate nothing for the count, but a count beyond the bytes is a refusal all the same.
        if (kind == TreeSetSerializer.class) {
            return new CheckedTreeSet();
        }
        if (kind == TreeMapSerializer.class) {
            return new CheckedTreeMap();
        }
        if (kind == ConcurrentSkipListMapSerializer.class) {
            return new CheckedConcurrentSkipListMap();
        }
        return serializer;
    }

    /** Refuses {@code count} elements of at least a byte each when the read cannot hold them. */
    static void checkCount(Kryo kryo, Input input, int count) {
        if (kryo instanceof BoundedKryo bounded) {
            bounded.checkCount(input, count);
        } else {
            BoundedInput.check(input, count, 1);
        }
    }

    @SuppressWarnings("rawtypes")
    static final class CheckedCollection extends CollectionSerializer<Collection> {
        @Override
        protected Collection create(Kryo kryo, Input input, Class<? extends Collection> type, int size) {
            checkCount(kryo, input, size);
            return super.create(kryo, input, type, size);
        }
    }

    @SuppressWarnings("rawtypes")
    static final class CheckedMap extends MapSerializer<Map> {
        @Override
        protected Map create(Kryo kryo, Input input, Class<? extends Map> type, int size) {
            checkCount(kryo, input, size);
            return super.create(kryo, input, type, size);
        }
    }

    @SuppressWarnings("rawtypes")
    static final class CheckedPriorityQueue extends PriorityQueueSerializer {
        @Override
        protected PriorityQueue create(Kryo kryo, Input input, Class<? extends PriorityQueue> type, int size) {
            checkCount(kryo, input, size);
            return super.create(kryo, input, type, size);
        }
    }

    @SuppressWarnings("rawtypes")
    static final class CheckedArraysAsList extends ArraysAsListSerializer {
        @Override
        protected List create(Kryo kryo, Input input, Class type, int size) {
            checkCount(kryo, input, size);
            return super.create(kryo, input, type, size);
        }
    }

    static final class CheckedTreeSet extends TreeSetSerializer {
        @Override
        protected TreeSet create(Kryo kryo, Input input, Class<? extends TreeSet> type, int size) {
            checkCount(kryo, input, size);
            return super.create(kryo, input, type, size);
        }
    }

    static final class CheckedTreeMap extends TreeMapSerializer {
        @Override
        protected TreeMap create(Kryo kryo, Input input, Class<? extends TreeMap> type, int size) {
            checkCount(kryo, input, size);
            return super.create(kryo, input, type, size);
        }
    }

    static final class CheckedConcurrentSkipListMap extends ConcurrentSkipListMapSerializer {
        @Override
        protected ConcurrentSkipListMap create(Kryo kryo, Input input, Class<? extends ConcurrentSkipListMap> type,
                int size) {
            checkCount(kryo, input, size);
            return super.create(kryo, input, type, size);
        }
    }

    // Kryo's serializers for the JDK's immutable collections are final: these are the same serializers
    // (same settings, same bytes) with the count checked.

    static final class CheckedImmutableList extends CollectionSerializer<List<Object>> {
        CheckedImmutableList() {
            setElementsCanBeNull(false);
        }

        @Override
        protected List<Object> create(Kryo kryo, Input input, Class<? extends List<Object>> type, int size) {
            checkCount(kryo, input, size);
            return new ArrayList<>(size);
        }

        @Override
        public List<Object> read(Kryo kryo, Input input, Class<? extends List<Object>> type) {
            List<Object> list = super.read(kryo, input, type);
            return list == null ? null : List.of(list.toArray());
        }
    }

    static final class CheckedImmutableSet extends CollectionSerializer<Set<Object>> {
        CheckedImmutableSet() {
            setElementsCanBeNull(false);
        }

        @Override
        protected Set<Object> create(Kryo kryo, Input input, Class<? extends Set<Object>> type, int size) {
            checkCount(kryo, input, size);
            return new HashSet<>();
        }

        @Override
        public Set<Object> read(Kryo kryo, Input input, Class<? extends Set<Object>> type) {
            Set<Object> set = super.read(kryo, input, type);
            return set == null ? null : Set.of(set.toArray());
        }
    }

    static final class CheckedImmutableMap extends MapSerializer<Map<Object, Object>> {
        CheckedImmutableMap() {
            setKeysCanBeNull(false);
            setValuesCanBeNull(false);
        }

        @Override
        protected Map<Object, Object> create(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type,
                int size) {
            checkCount(kryo, input, size);
            return new HashMap<>();
        }

        @Override
        public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
            Map<Object, Object> map = super.read(kryo, input, type);
            return map == null ? null : Map.copyOf(map);
        }
    }

    // The array serializers read their length and allocate in one step: these look at the length
    // first, then let Kryo's serializer read as it always does.

    /**
     * Checks the length an array's bytes start with (a varint, 0 for null, else the length + 1),
     * leaving the input where it was. Only an input over the value's bytes can be looked ahead in;
     * any other one is left to the serializer (none of ours reads arrays through another).
     */
    static void checkArrayLength(Kryo kryo, Input input) {
        if (!(input instanceof BoundedInput)) {
            return;
        }
        int at = input.position();
        int announced = input.readVarInt(true);
        input.setPosition(at);
        if (announced != Kryo.NULL) {
            checkCount(kryo, input, announced - 1);
        }
    }

    static final class CheckedObjectArray extends ObjectArraySerializer {
        @SuppressWarnings("rawtypes")
        CheckedObjectArray(Kryo kryo, Class type) {
            super(kryo, type);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Object[] read(Kryo kryo, Input input, Class type) {
            checkArrayLength(kryo, input);
            return super.read(kryo, input, type);
        }
    }

    static final class CheckedStringArray extends StringArraySerializer {
        @Override
        @SuppressWarnings("rawtypes")
        public String[] read(Kryo kryo, Input input, Class type) {
            checkArrayLength(kryo, input);
            return super.read(kryo, input, type);
        }
    }

    static final class CheckedBooleanArray extends BooleanArraySerializer {
        @Override
        @SuppressWarnings("rawtypes")
        public boolean[] read(Kryo kryo, Input input, Class type) {
            checkArrayLength(kryo, input);
            return super.read(kryo, input, type);
        }
    }
}
