package io.cachetory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.cachetory.backend.Backend;
import io.cachetory.backend.FakeTicker;
import io.cachetory.backend.MemoryBackend;
import io.cachetory.serializer.NoopSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CacheTest {
    private final FakeTicker ticker = new FakeTicker();
    private final MemoryBackend<byte[]> backend = new MemoryBackend<>(1_000, ticker);
    private final Cache<String> cache = Cache.of(new Utf8Serializer(), backend);
    private final Cache<String> prefixed = Cache.of(new Utf8Serializer(), backend, "p:");

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Backend<byte[]> mockBackend() {
        return mock(Backend.class);
    }

    // --- get / set ---------------------------------------------------------------------------

    @Test
    void getAnswersWhatSetStored() {
        cache.set("foo", "42");

        assertThat(cache.get("foo")).isEqualTo("42");
    }

    @Test
    void getOfAMissingKeyAnswersNull() {
        assertThat(cache.get("missing")).isNull();
    }

    @Test
    void setAnswersTrue() {
        assertThat(cache.set("foo", "42")).isTrue();
    }

    @Test
    void setOverwritesAnExistingValue() {
        cache.set("foo", "1");

        cache.set("foo", "2");

        assertThat(cache.get("foo")).isEqualTo("2");
    }

    @Test
    void getWithDefaultAnswersTheDefaultWhenMissing() {
        assertThat(cache.get("missing", "100500")).isEqualTo("100500");
    }

    @Test
    void getWithDefaultAnswersTheValueWhenPresent() {
        cache.set("foo", "42");

        assertThat(cache.get("foo", "100500")).isEqualTo("42");
    }

    @Test
    void getOrThrowAnswersTheValueWhenPresent() {
        cache.set("foo", "42");

        assertThat(cache.getOrThrow("foo")).isEqualTo("42");
    }

    @Test
    void getOrThrowThrowsNoSuchElementNamingTheKeyWhenMissing() {
        assertThatThrownBy(() -> cache.getOrThrow("missing"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void emptyStringIsStoredAndReturnedNotTakenForMissing() {
        cache.set("empty", "");

        assertThat(cache.get("empty")).isEmpty();
        assertThat(cache.get("empty", "default")).isEmpty();
        assertThat(cache.getOrThrow("empty")).isEmpty();
        assertThat(backend.get("empty")).isEmpty();
    }

    @Test
    void emptyByteArrayIsStoredAndReturnedOverNoop() {
        Cache<byte[]> bytesCache = Cache.of(NoopSerializer.instance(), new MemoryBackend<>());

        bytesCache.set("empty", new byte[0]);

        assertThat(bytesCache.get("empty")).isNotNull().isEmpty();
        assertThat(bytesCache.getMany("empty")).containsOnlyKeys("empty");
    }

    // --- getMany / setMany ---------------------------------------------------------------------

    @Test
    void getManyOmitsMissingKeys() {
        cache.set("foo", "42");

        assertThat(cache.getMany("foo", "bar")).isEqualTo(Map.of("foo", "42"));
    }

    @Test
    void getManyTakesACollection() {
        cache.set("a", "1");
        cache.set("b", "2");

        assertThat(cache.getMany(List.of("a", "b", "c"))).isEqualTo(Map.of("a", "1", "b", "2"));
    }

    @Test
    void getManyWithNoKeysAnswersAnEmptyMap() {
        assertThat(cache.getMany()).isEmpty();
        assertThat(cache.getMany(List.of())).isEmpty();
    }

    @Test
    void setManyStoresEveryItem() {
        cache.setMany(Map.of("foo", "42", "bar", "100500"));

        assertThat(cache.get("foo")).isEqualTo("42");
        assertThat(cache.get("bar")).isEqualTo("100500");
    }

    @Test
    void setManyWithTtlExpiresEveryItem() {
        cache.setMany(Map.of("foo", "42", "bar", "100500"), Duration.ofSeconds(10));
        ticker.advance(Duration.ofSeconds(9));
        assertThat(cache.getMany("foo", "bar")).hasSize(2);

        ticker.advance(Duration.ofSeconds(2));
        assertThat(cache.getMany("foo", "bar")).isEmpty();
    }

    @Test
    void setManyWithNullTtlIsEternal() {
        cache.setMany(Map.of("foo", "42"), null);

        ticker.advance(Duration.ofDays(3650));

        assertThat(cache.get("foo")).isEqualTo("42");
    }

    // --- delete / clear ----------------------------------------------------------------------

    @Test
    void deleteReturnsTrueThenFalse() {
        cache.set("foo", "42");

        assertThat(cache.delete("foo")).isTrue();
        assertThat(cache.delete("foo")).isFalse();
        assertThat(cache.get("foo")).isNull();
    }

    @Test
    void deleteManyDeletesOnlyTheGivenKeys() {
        cache.setMany(Map.of("a", "1", "b", "2", "c", "3"));

        cache.deleteMany("a", "b", "missing");

        assertThat(cache.getMany("a", "b", "c")).isEqualTo(Map.of("c", "3"));
    }

    @Test
    void deleteManyWithNoKeysDeletesNothing() {
        cache.set("a", "1");

        cache.deleteMany();

        assertThat(cache.get("a")).isEqualTo("1");
    }

    @Test
    void clearWithoutPrefixRemovesEverything() {
        cache.set("foo", "42");
        cache.set("bar", "42");
        prefixed.set("baz", "42");

        cache.clear();

        assertThat(cache.getMany("foo", "bar", "p:baz")).isEmpty();
    }

    @Test
    void clearWithPrefixDeletesOnlyKeysUnderThePrefix() {
        cache.set("outside", "1");
        cache.set("p", "2");
        prefixed.set("inside", "3");

        prefixed.clear();

        assertThat(prefixed.get("inside")).isNull();
        assertThat(cache.getMany("outside", "p")).isEqualTo(Map.of("outside", "1", "p", "2"));
    }

    @Test
    void clearWithAGlobLikePrefixDeletesOnlyKeysUnderIt() {
        Cache<String> globby = Cache.of(new Utf8Serializer(), backend, "a*[x]?\\:");
        globby.set("k", "1");
        cache.set("abc", "2");
        cache.set("abxy:k", "3");

        globby.clear();

        assertThat(globby.get("k")).isNull();
        assertThat(cache.getMany("abc", "abxy:k")).hasSize(2);
    }

    // --- ifNotExists, ttl, expireIn -----------------------------------------------------------

    @Test
    void setIfNotExistsStoresWhenMissing() {
        assertThat(cache.set("foo", "42", null, true)).isTrue();

        assertThat(cache.get("foo")).isEqualTo("42");
    }

    @Test
    void setIfNotExistsAnswersFalseAndKeepsTheExistingValue() {
        cache.set("foo", "42");

        assertThat(cache.set("foo", "43", null, true)).isFalse();

        assertThat(cache.get("foo")).isEqualTo("42");
    }

    @Test
    void setWithTtlIsPresentUntilTheTtlThenMissing() {
        cache.set("foo", "42", Duration.ofSeconds(59));

        ticker.advance(Duration.ofSeconds(58));
        assertThat(cache.get("foo")).isEqualTo("42");

        ticker.advance(Duration.ofSeconds(2));
        assertThat(cache.get("foo")).isNull();
    }

    @Test
    void setWithNullTtlIsEternal() {
        cache.set("foo", "42", null);

        ticker.advance(Duration.ofDays(3650));

        assertThat(cache.get("foo")).isEqualTo("42");
    }

    @Test
    void expireInMakesAnExistingEntryExpire() {
        cache.set("foo", "42");

        cache.expireIn("foo", Duration.ofSeconds(59));
        ticker.advance(Duration.ofSeconds(58));
        assertThat(cache.get("foo")).isEqualTo("42");

        ticker.advance(Duration.ofSeconds(2));
        assertThat(cache.get("foo")).isNull();
    }

    @Test
    void expireInNullMakesAnEntryEternal() {
        cache.set("foo", "42", Duration.ofSeconds(10));

        cache.expireIn("foo", null);
        ticker.advance(Duration.ofDays(3650));

        assertThat(cache.get("foo")).isEqualTo("42");
    }

    @Test
    void expireInOnAMissingKeyDoesNothing() {
        cache.expireIn("missing", Duration.ofSeconds(10));

        assertThat(cache.get("missing")).isNull();
    }

    // --- prefix --------------------------------------------------------------------------------

    @Test
    void prefixAnswersThePrefixGiven() {
        assertThat(prefixed.prefix()).isEqualTo("p:");
        assertThat(cache.prefix()).isEmpty();
    }

    @Test
    void setPutsThePrefixedKeyIntoTheBackend() {
        prefixed.set("k", "v");

        assertThat(backend.get("p:k")).isEqualTo(bytes("v"));
        assertThat(backend.get("k")).isNull();
    }

    @Test
    void setManyPutsPrefixedKeysIntoTheBackend() {
        prefixed.setMany(Map.of("a", "1", "b", "2"));

        assertThat(backend.getMany(List.of("p:a", "p:b", "a", "b"))).containsOnlyKeys("p:a", "p:b");
    }

    @Test
    void getReadsThePrefixedKeyFromTheBackend() {
        backend.set("p:k", bytes("v"), null, false);
        backend.set("k", bytes("unprefixed"), null, false);

        assertThat(prefixed.get("k")).isEqualTo("v");
    }

    @Test
    void getManyWithPrefixAnswersWithTheCallersKeys() {
        backend.set("p:a", bytes("1"), null, false);
        backend.set("b", bytes("unprefixed"), null, false);

        assertThat(prefixed.getMany("a", "b")).isEqualTo(Map.of("a", "1"));
    }

    @Test
    void deleteDeletesThePrefixedKeyFromTheBackend() {
        backend.set("p:k", bytes("v"), null, false);
        backend.set("k", bytes("unprefixed"), null, false);

        assertThat(prefixed.delete("k")).isTrue();

        assertThat(backend.get("p:k")).isNull();
        assertThat(backend.get("k")).isEqualTo(bytes("unprefixed"));
    }

    @Test
    void deleteManyDeletesPrefixedKeysFromTheBackend() {
        backend.set("p:a", bytes("1"), null, false);
        backend.set("a", bytes("unprefixed"), null, false);

        prefixed.deleteMany("a");

        assertThat(backend.getMany(List.of("p:a", "a"))).containsOnlyKeys("a");
    }

    @Test
    void expireInExpiresThePrefixedKeyInTheBackend() {
        backend.set("p:k", bytes("v"), null, false);
        backend.set("k", bytes("unprefixed"), null, false);

        prefixed.expireIn("k", Duration.ofSeconds(1));
        ticker.advance(Duration.ofSeconds(2));

        assertThat(backend.get("p:k")).isNull();
        assertThat(backend.get("k")).isEqualTo(bytes("unprefixed"));
    }

    @Test
    void setIfNotExistsLooksAtThePrefixedKey() {
        backend.set("k", bytes("unprefixed"), null, false);

        assertThat(prefixed.set("k", "v", null, true)).isTrue();
        assertThat(prefixed.set("k", "w", null, true)).isFalse();
    }

    // --- no backend call for no keys -------------------------------------------------------

    @Test
    void getManyWithNoKeysMakesNoBackendCall() {
        Backend<byte[]> mock = mockBackend();

        Cache.of(new Utf8Serializer(), mock, "p:").getMany();
        Cache.of(new Utf8Serializer(), mock, "p:").getMany(List.of());

        verifyNoInteractions(mock);
    }

    @Test
    void setManyWithNoItemsMakesNoBackendCall() {
        Backend<byte[]> mock = mockBackend();

        Cache.of(new Utf8Serializer(), mock).setMany(Map.of());
        Cache.of(new Utf8Serializer(), mock).setMany(Map.of(), Duration.ofSeconds(1));

        verifyNoInteractions(mock);
    }

    @Test
    void deleteManyWithNoKeysMakesNoBackendCall() {
        Backend<byte[]> mock = mockBackend();

        Cache.of(new Utf8Serializer(), mock).deleteMany();

        verifyNoInteractions(mock);
    }

    @Test
    void closeClosesTheBackend() {
        Backend<byte[]> mock = mockBackend();

        Cache.of(new Utf8Serializer(), mock).close();

        verify(mock).close();
    }

    // --- argument rules ----------------------------------------------------------------------

    static Stream<Named<ThrowingCallable>> nullKeyCalls() {
        Cache<String> c = Cache.of(new Utf8Serializer(), new MemoryBackend<>());
        Map<String, String> nullKeyItems = new HashMap<>();
        nullKeyItems.put(null, "v");
        return Stream.of(
                Named.of("get", () -> c.get(null)),
                Named.of("get with default", () -> c.get(null, "d")),
                Named.of("getOrThrow", () -> c.getOrThrow(null)),
                Named.of("getMany varargs", () -> c.getMany("a", null)),
                Named.of("getMany collection", () -> c.getMany(Arrays.asList("a", null))),
                Named.of("set", () -> c.set(null, "v")),
                Named.of("set with ttl", () -> c.set(null, "v", Duration.ofSeconds(1))),
                Named.of("set if not exists", () -> c.set(null, "v", null, true)),
                Named.of("setMany", () -> c.setMany(nullKeyItems)),
                Named.of("expireIn", () -> c.expireIn(null, Duration.ofSeconds(1))),
                Named.of("delete", () -> c.delete(null)),
                Named.of("deleteMany", () -> c.deleteMany("a", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nullKeyCalls")
    void nullKeyThrowsNullPointerException(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NullPointerException.class);
    }

    @Test
    void setWithNullValueThrowsIllegalArgumentException() {
        assertThatThrownBy(() -> cache.set("k", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.set("k", null, Duration.ofSeconds(1), true)).isInstanceOf(IllegalArgumentException.class);
        assertThat(backend.get("k")).isNull();
    }

    @Test
    void setManyWithANullValueThrowsIllegalArgumentExceptionAndStoresNothing() {
        Map<String, String> items = new LinkedHashMap<>();
        items.put("good", "v");
        items.put("bad", null);

        assertThatThrownBy(() -> cache.setMany(items)).isInstanceOf(IllegalArgumentException.class);

        assertThat(cache.getMany("good", "bad")).isEmpty();
    }

    static Stream<Named<Duration>> badTtls() {
        return Stream.of(Named.of("zero", Duration.ZERO), Named.of("negative", Duration.ofSeconds(-1)),
                Named.of("negative nanosecond", Duration.ofNanos(-1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTtls")
    void setWithANonPositiveTtlThrowsIllegalArgumentException(Duration ttl) {
        assertThatThrownBy(() -> cache.set("k", "v", ttl)).isInstanceOf(IllegalArgumentException.class);
        assertThat(cache.get("k")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTtls")
    void setManyWithANonPositiveTtlThrowsIllegalArgumentException(Duration ttl) {
        assertThatThrownBy(() -> cache.setMany(Map.of("k", "v"), ttl)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.setMany(Map.of(), ttl)).isInstanceOf(IllegalArgumentException.class);
        assertThat(cache.get("k")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTtls")
    void expireInWithANonPositiveTtlThrowsIllegalArgumentException(Duration ttl) {
        cache.set("k", "v");

        assertThatThrownBy(() -> cache.expireIn("k", ttl)).isInstanceOf(IllegalArgumentException.class);

        assertThat(cache.get("k")).isEqualTo("v");
    }

    // --- undecodable data --------------------------------------------------------------------

    @Test
    void getOfBytesThatDoNotDecodeThrowsSerializationException() {
        backend.set("bad", new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC0}, null, false);

        assertThatThrownBy(() -> cache.get("bad")).isInstanceOf(SerializationException.class);
    }

    @Test
    void getOfBytesThatDoNotDecodeLeavesTheEntryInTheBackend() {
        byte[] corrupt = {(byte) 0xFF, (byte) 0xFE, (byte) 0xC0};
        backend.set("bad", corrupt, null, false);

        assertThatThrownBy(() -> cache.get("bad")).isInstanceOf(SerializationException.class);

        assertThat(backend.get("bad")).isEqualTo(corrupt);
    }

    // --- factories -----------------------------------------------------------------------------

    @Test
    void dummySetAnswersTrueAndGetMisses() {
        Cache<String> dummy = Cache.dummy();

        assertThat(dummy.set("foo", "42")).isTrue();
        assertThat(dummy.get("foo")).isNull();
        assertThat(dummy.getMany("foo")).isEmpty();
    }

    @Test
    void dummyDeleteAnswersFalse() {
        Cache<String> dummy = Cache.dummy();
        dummy.set("foo", "42");

        assertThat(dummy.delete("foo")).isFalse();
    }

    @Test
    void memoryStoresAndAnswersTheSameObject() {
        Cache<List<String>> memory = Cache.memory();
        List<String> value = new ArrayList<>(List.of("a"));

        memory.set("k", value);

        assertThat(memory.get("k")).isSameAs(value);
    }

    @Test
    void memoryCachesAreIndependent() {
        Cache<String> first = Cache.memory();
        Cache<String> second = Cache.memory();

        first.set("k", "v");

        assertThat(second.get("k")).isNull();
    }

    @Test
    void fromUrlMemoryWithoutSerializerStoresObjects() {
        Cache<Object> memory = Cache.fromUrl("memory://", null);
        Object value = new Object();

        memory.set("k", value);

        assertThat(memory.get("k")).isSameAs(value);
    }

    @Test
    void fromUrlDummyWithNoopStoresNothing() {
        Cache<String> dummy = Cache.fromUrl("dummy://", "noop://");

        assertThat(dummy.set("k", "v")).isTrue();
        assertThat(dummy.get("k")).isNull();
    }

    @Test
    void fromUrlWithAnUnknownBackendSchemeThrowsIllegalArgumentNamingIt() {
        assertThatThrownBy(() -> Cache.fromUrl("nope://", "noop://"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void fromUrlWithAnUnknownSerializerSchemeThrowsIllegalArgumentNamingIt() {
        assertThatThrownBy(() -> Cache.fromUrl("memory://", "nope://"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }
}
