package io.cachetory.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Kryo support for {@code Collections.unmodifiableXxx} and {@code Collections.synchronizedXxx}
 * wrappers. Kryo has no serializer for them, and its field serializer cannot reach their
 * {@code java.util} internals on JDK 17+. The wrapped content is written as a plain collection (its
 * comparator kept) and wrapped again on read, so the value read is equal to the value written and
 * as unmodifiable (or synchronized). Stateless and thread-safe.
 */
final class UnmodifiableCollectionSerializer extends Serializer<Object> {
    private static final int COLLECTION = 0;
    private static final int LIST = 1;
    private static final int SET = 2;
    private static final int SORTED_SET = 3;
    private static final int NAVIGABLE_SET = 4;
    private static final int MAP = 5;
    private static final int SORTED_MAP = 6;
    private static final int NAVIGABLE_MAP = 7;

    private UnmodifiableCollectionSerializer() {
        super(false, true);
    }

    static void register(Kryo kryo) {
        UnmodifiableCollectionSerializer serializer = new UnmodifiableCollectionSerializer();
        List<Object> samples = List.of(
                Collections.unmodifiableCollection(new ArrayList<>()),
                Collections.unmodifiableList(new ArrayList<>()),
                Collections.unmodifiableList(new java.util.LinkedList<>()),
                Collections.unmodifiableSet(new LinkedHashSet<>()),
                Collections.unmodifiableSortedSet(new TreeSet<>()),
                Collections.unmodifiableNavigableSet(new TreeSet<>()),
                Collections.unmodifiableMap(new LinkedHashMap<>()),
                Collections.unmodifiableSortedMap(new TreeMap<>()),
                Collections.unmodifiableNavigableMap(new TreeMap<>()),
                Collections.synchronizedCollection(new ArrayList<>()),
                Collections.synchronizedList(new ArrayList<>()),
                Collections.synchronizedList(new java.util.LinkedList<>()),
                Collections.synchronizedSet(new LinkedHashSet<>()),
                Collections.synchronizedSortedSet(new TreeSet<>()),
                Collections.synchronizedNavigableSet(new TreeSet<>()),
                Collections.synchronizedMap(new LinkedHashMap<>()),
                Collections.synchronizedSortedMap(new TreeMap<>()),
                Collections.synchronizedNavigableMap(new TreeMap<>()));
        for (Object sample : samples) {
            kryo.addDefaultSerializer(sample.getClass(), serializer);
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void write(Kryo kryo, Output output, Object wrapper) {
        int kind;
        Object content;
        if (wrapper instanceof List<?> list) {
            kind = LIST;
            content = new ArrayList<>(list);
        } else if (wrapper instanceof NavigableSet<?> set) {
            kind = NAVIGABLE_SET;
            content = new TreeSet<>((SortedSet) set);
        } else if (wrapper instanceof SortedSet<?> set) {
            kind = SORTED_SET;
            content = new TreeSet<>((SortedSet) set);
        } else if (wrapper instanceof Set<?> set) {
            kind = SET;
            content = new LinkedHashSet<>(set);
        } else if (wrapper instanceof NavigableMap<?, ?> map) {
            kind = NAVIGABLE_MAP;
            content = new TreeMap<>((SortedMap) map);
        } else if (wrapper instanceof SortedMap<?, ?> map) {
            kind = SORTED_MAP;
            content = new TreeMap<>((SortedMap) map);
        } else if (wrapper instanceof Map<?, ?> map) {
            kind = MAP;
            content = new LinkedHashMap<>(map);
        } else {
            kind = COLLECTION;
            content = new ArrayList<>((Collection<?>) wrapper);
        }
        output.writeByte(kind);
        output.writeBoolean(wrapper.getClass().getSimpleName().startsWith("Synchronized"));
        kryo.writeObject(output, content);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object read(Kryo kryo, Input input, Class<?> type) {
        int kind = input.readByte();
        boolean synchronize = input.readBoolean();
        return switch (kind) {
            case COLLECTION -> {
                Collection c = kryo.readObject(input, ArrayList.class);
                yield synchronize ? Collections.synchronizedCollection(c) : Collections.unmodifiableCollection(c);
            }
            case LIST -> {
                List l = kryo.readObject(input, ArrayList.class);
                yield synchronize ? Collections.synchronizedList(l) : Collections.unmodifiableList(l);
            }
            case SET, SORTED_SET, NAVIGABLE_SET -> {
                Set s = kind == SET ? kryo.readObject(input, LinkedHashSet.class) : kryo.readObject(input, TreeSet.class);
                yield switch (kind) {
                    case SET -> synchronize ? Collections.synchronizedSet(s) : Collections.unmodifiableSet(s);
                    case SORTED_SET -> synchronize
                            ? Collections.synchronizedSortedSet((SortedSet) s) : Collections.unmodifiableSortedSet((SortedSet) s);
                    default -> synchronize
                            ? Collections.synchronizedNavigableSet((NavigableSet) s) : Collections.unmodifiableNavigableSet((NavigableSet) s);
                };
            }
            case MAP -> {
                Map m = kryo.readObject(input, LinkedHashMap.class);
                yield synchronize ? Collections.synchronizedMap(m) : Collections.unmodifiableMap(m);
            }
            case SORTED_MAP, NAVIGABLE_MAP -> {
                TreeMap m = kryo.readObject(input, TreeMap.class);
                yield kind == SORTED_MAP
                        ? (synchronize ? Collections.synchronizedSortedMap(m) : Collections.unmodifiableSortedMap(m))
                        : (synchronize ? Collections.synchronizedNavigableMap(m) : Collections.unmodifiableNavigableMap(m));
            }
            default -> throw new KryoException("corrupt collection wrapper kind " + kind);
        };
    }
}
