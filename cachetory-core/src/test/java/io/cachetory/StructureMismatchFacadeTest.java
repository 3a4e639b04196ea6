package io.cachetory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.backend.Backends;
import io.cachetory.backend.MemoryBackend;
import io.cachetory.serializer.AnnouncedCount;
import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;
import io.cachetory.serializer.Twins;
import io.cachetory.serializer.versions.Item;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Through the facade a value written by other classes is absent: never an exception, never a wrong value. */
class StructureMismatchFacadeTest {
    private final MemoryBackend<byte[]> backend = new MemoryBackend<>();

    private static Serializer<Object, byte[]> serializer(String schemes) {
        return Serializers.fromUrl(schemes + "://" + Twins.ALLOW);
    }

    private void storeOtherVersion(String schemes, String key) {
        backend.set(key, serializer(schemes).serialize(Twins.sample("Item", Twins.ITEM_STRING_QTY)), null, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "json", "kryo+zstd", "java+zlib"})
    void getOfAnotherVersionsValueIsNullAndLeavesTheEntry(String schemes) {
        Cache<Object> cache = Cache.of(serializer(schemes), backend);
        storeOtherVersion(schemes, "k");

        assertThat(cache.get("k")).isNull();
        assertThat(cache.get("k", "fallback")).isEqualTo("fallback");
        assertThat(backend.get("k")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "json", "kryo+zstd"})
    void getManyLeavesOutAnotherVersionsValue(String schemes) {
        Cache<Object> cache = Cache.of(serializer(schemes), backend);
        storeOtherVersion(schemes, "old");
        cache.set("new", new Item("b", 3));

        assertThat(cache.getMany(List.of("old", "new"))).isEqualTo(Map.of("new", new Item("b", 3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "json"})
    void asyncGetAndGetManyTreatAnotherVersionsValueAsAbsent(String schemes) {
        AsyncCache<Object> cache = AsyncCache.of(serializer(schemes), Backends.asAsync(backend));
        storeOtherVersion(schemes, "old");
        cache.set("new", new Item("b", 3)).join();

        assertThat(cache.get("old").join()).isNull();
        assertThat(cache.getMany("old", "new").join()).isEqualTo(Map.of("new", new Item("b", 3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "json"})
    void corruptBytesBehindAValidHeaderStillThrowSerializationException(String scheme) {
        Cache<Object> cache = Cache.of(serializer(scheme), backend);
        cache.set("k", new Item("a", 1));
        byte[] bytes = backend.get("k");
        bytes[bytes.length - 1] ^= 0x33;
        backend.set("k", bytes, null, false);

        assertThatThrownBy(() -> cache.get("k"))
                .isInstanceOf(SerializationException.class)
                .isNotInstanceOf(StructureMismatchException.class);
    }

    @org.junit.jupiter.api.Test
    void aValueAnnouncingMoreElementsThanItsBytesIsASerializationExceptionNotAnAbsentValue() {
        Cache<Object> cache = Cache.of(serializer("kryo"), backend);
        backend.set("k", AnnouncedCount.kryo(new String[] {"a"}, new String[] {"a", "b"},
                AnnouncedCount.Encoding.PLAIN, 30_000_000), null, false);

        assertThatThrownBy(() -> cache.get("k"))
                .isInstanceOf(SerializationException.class)
                .isNotInstanceOf(StructureMismatchException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "json"})
    void bytesWrittenBeforeValuesCarriedAHeaderAreAbsent(String scheme) {
        Cache<Object> cache = Cache.of(serializer(scheme), backend);
        cache.set("k", new Item("a", 1));
        byte[] framed = backend.get("k");
        backend.set("k", java.util.Arrays.copyOfRange(framed, 16, framed.length), null, false);

        assertThat(cache.get("k")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java"})
    void nearFrontedGetOfAnotherVersionsValueIsNullAndKeepsNothingNear(String schemes) {
        Keeping keeping = new Keeping(backend);
        Cache<Object> cache = Cache.of(serializer(schemes), keeping);
        storeOtherVersion(schemes, "old");
        cache.set("new", new Item("b", 3));

        assertThat(cache.get("old")).isNull();
        assertThat(keeping.kept).containsOnlyKeys("new");
        assertThat(cache.get("new")).isEqualTo(new Item("b", 3));
    }

    /** A backend keeping decoded values near, over the memory backend: the facade's near path without Redis. */
    private static final class Keeping extends io.cachetory.backend.ForwardingBackend<byte[]>
            implements io.cachetory.backend.NearBackend<byte[]> {
        final Map<String, Object> kept = new java.util.concurrent.ConcurrentHashMap<>();

        Keeping(MemoryBackend<byte[]> store) {
            super(store);
        }

        @Override public boolean keepsNear() { return true; }
        @Override public Object getNear(String key) { return kept.get(key); }

        @Override
        public io.cachetory.backend.NearRead<byte[]> readForNear(String key) {
            byte[] data = delegate.get(key);
            return new io.cachetory.backend.NearRead<>() {
                @Override public byte[] data() { return data; }
                @Override public void keep(Object value) { kept.put(key, value); }
            };
        }

        @Override
        public boolean setNear(String key, byte[] data, Object value, java.time.Duration ttl, boolean ifNotExists) {
            boolean stored = delegate.set(key, data, ttl, ifNotExists);
            if (stored) {
                kept.put(key, value);
            }
            return stored;
        }
    }
}
