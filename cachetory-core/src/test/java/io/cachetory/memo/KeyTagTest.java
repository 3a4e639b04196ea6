package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachetory.Cache;
import io.cachetory.CacheStats;
import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import io.cachetory.annotations.KeyMaker;
import io.cachetory.backend.MemoryBackend;
import io.cachetory.serializer.NoopSerializer;
import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;
import io.cachetory.serializer.Twins;
import io.cachetory.serializer.versions.Basket;
import io.cachetory.serializer.versions.Item;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keys of memoized methods over caches that store bytes carry a tag of the return type's structure and version. */
class KeyTagTest {
    private static final String CACHE = "key-tag-test";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final MemoryBackend<byte[]> bytes = new MemoryBackend<>();
    private final Cache<Object> kryo = Cache.of(Serializers.fromUrl("kryo://" + Twins.ALLOW), bytes);

    public static class Service {
        @Cached(cache = CACHE, prefix = "items")
        public Item item(String name) {
            RUNS.incrementAndGet();
            return new Item(name, 1);
        }

        @Cached(cache = CACHE, prefix = "items2", version = "2")
        public Item itemV2(String name) {
            return new Item(name, 2);
        }

        @Cached(cache = CACHE, prefix = "made", keyMaker = Upper.class)
        public String made(String name) {
            return name;
        }

        @Cached(cache = CACHE, keyMaker = Upper.class)
        public String madeWithoutPrefix(String name) {
            return name;
        }
    }

    public static final class Upper implements KeyMaker {
        @Override
        public String makeKey(Method method, Object[] args) {
            return ((String) args[0]).toUpperCase();
        }
    }

    interface Shapes {
        Item item();
        CompletableFuture<Item> itemLater();
        List<Item> items();
        Basket basket();
        int count();
        Integer boxedCount();
    }

    private static String tagOf(String method) throws NoSuchMethodException {
        return KeyTag.ofReturnType(Shapes.class.getDeclaredMethod(method).getGenericReturnType(), "");
    }

    @Test
    void tagIsEightLowercaseHexDigits() throws Exception {
        assertThat(tagOf("item")).matches("[0-9a-f]{8}");
    }

    @Test
    void futureIsTaggedAsTheValueItCompletesWith() throws Exception {
        assertThat(tagOf("itemLater")).isEqualTo(tagOf("item"));
        assertThat(tagOf("count")).isEqualTo(tagOf("boxedCount"));
    }

    @Test
    void genericArgumentsAreInTheTag() throws Exception {
        assertThat(tagOf("items")).isNotEqualTo(tagOf("item")).isNotEqualTo(KeyTag.ofReturnType(List.class, ""));
    }

    @Test
    void versionChangesTheTag() {
        assertThat(KeyTag.ofReturnType(Item.class, "2")).isNotEqualTo(KeyTag.ofReturnType(Item.class, ""));
    }

    @Test
    void structureOfTheReturnTypeChangesTheTag() {
        Class<?> otherItem = Twins.sample("Item", Twins.ITEM_STRING_QTY).getClass();
        Class<?> sameItem = Twins.sample("Item", Twins.ITEM_SAME).getClass();

        assertThat(KeyTag.ofReturnType(otherItem, "")).isNotEqualTo(KeyTag.ofReturnType(Item.class, ""));
        assertThat(KeyTag.ofReturnType(sameItem, "")).isEqualTo(KeyTag.ofReturnType(Item.class, ""));
    }

    @Test
    void cachedMethodOverAByteCacheKeysAsPrefixHashTagColonArguments() {
        Cachetory.registry().register(CACHE, kryo);
        Service s = Cachetory.create(Service.class);
        s.item("a");
        s.itemV2("a");

        assertThat(bytes.get("items#" + KeyTag.ofReturnType(Item.class, "") + ":a")).isNotNull();
        assertThat(bytes.get("items2#" + KeyTag.ofReturnType(Item.class, "2") + ":a")).isNotNull();
        assertThat(bytes.get("items:a")).isNull();
    }

    @Test
    void cachedMethodOverLiveObjectsKeepsThePlainKey() {
        MemoryBackend<Object> objects = new MemoryBackend<>();
        Cachetory.registry().register(CACHE, Cache.of(NoopSerializer.instance(), objects));
        Cachetory.create(Service.class).item("a");

        assertThat(objects.get("items:a")).isEqualTo(new Item("a", 1));
    }

    @Test
    void keyMakerKeyCarriesTheTagAfterThePrefixOrAloneWithoutOne() {
        Cachetory.registry().register(CACHE, kryo);
        Service s = Cachetory.create(Service.class);
        s.made("a");
        s.madeWithoutPrefix("b");
        String tag = KeyTag.ofReturnType(String.class, "");

        assertThat(bytes.get("made#" + tag + ":A")).isNotNull();
        assertThat(bytes.get("#" + tag + ":B")).isNotNull();
    }

    @Test
    void memoKeysCarryTheTagOnlyOverAByteCache() {
        Memoized<String, Item> overBytes = Memo.of((String n) -> new Item(n, 1)).cache((Cache) kryo).prefix("p").build();
        Memoized<String, Item> overObjects = Memo.of((String n) -> new Item(n, 1)).cache(Cache.memory()).prefix("p").build();

        assertThat(overBytes.keyOf("a")).isEqualTo("p#" + KeyTag.ofReturnType(Object.class, "") + ":a");
        assertThat(overObjects.keyOf("a")).isEqualTo("p:a");
        assertThat(Memo.of((String n) -> n).cache((Cache) kryo).build().keyOf("a"))
                .isEqualTo("#" + KeyTag.ofReturnType(Object.class, "") + ":a");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void memoWithTheSameTypePrefixAndVersionSharesTheEntriesOfACachedMethod() {
        Cachetory.registry().register(CACHE, kryo);
        RUNS.set(0);
        Cachetory.create(Service.class).item("a");
        Memoized<String, Item> memo = Memo.of((String n) -> new Item(n, 99)).cache((Cache) kryo)
                .prefix("items").returns(Item.class).build();

        assertThat(memo.apply("a")).isEqualTo(new Item("a", 1));
        assertThat(Memo.of((String n) -> new Item(n, 99)).cache((Cache) kryo).prefix("items").returns(Item.class)
                .version("2").build().apply("a")).isEqualTo(new Item("a", 99));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "java", "json", "kryo+zstd", "java+zlib", "json+zstd"})
    void anotherVersionsValueUnderTheSameKeyIsAMissNotABackendError(String schemes) {
        Serializer<Object, byte[]> serializer = Serializers.fromUrl(schemes + "://" + Twins.ALLOW);
        Cache<Object> cache = Cache.of(serializer, bytes);
        AtomicInteger runs = new AtomicInteger();
        // declared Object: the tag cannot tell the versions apart, the value header does
        Memoized<String, Object> memo = Memo.of((String n) -> {
            runs.incrementAndGet();
            return (Object) new Item(n, 5);
        }).cache(cache).prefix("any").build();
        bytes.set(memo.keyOf("a"), serializer.serialize(Twins.sample("Item", Twins.ITEM_STRING_QTY)), null, false);

        assertThat(memo.apply("a")).isEqualTo(new Item("a", 5));
        CacheStats stats = memo.stats();
        assertThat(stats.misses()).isEqualTo(1);
        assertThat(stats.hits()).isZero();
        assertThat(stats.backendErrors()).isZero();
        assertThat(memo.apply("a")).isEqualTo(new Item("a", 5));
        assertThat(runs).hasValue(1);
    }
}
