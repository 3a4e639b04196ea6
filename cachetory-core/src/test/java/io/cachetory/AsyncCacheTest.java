package io.cachetory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.cachetory.backend.AsyncBackend;
import io.cachetory.backend.Backends;
import io.cachetory.backend.FakeTicker;
import io.cachetory.backend.MemoryBackend;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AsyncCacheTest {
    private static final String SERIALIZE_THREAD = "cachetory-test-serializer";

    private final FakeTicker ticker = new FakeTicker();
    private final MemoryBackend<byte[]> backend = new MemoryBackend<>(1_000, ticker);
    private final Utf8Serializer serializer = new Utf8Serializer();
    private final AsyncCache<String> cache = AsyncCache.of(serializer, Backends.asAsync(backend));
    private final AsyncCache<String> prefixed = AsyncCache.of(new Utf8Serializer(), Backends.asAsync(backend), "p:");
    private final ExecutorService serializeExecutor = Executors.newSingleThreadExecutor(r -> new Thread(r, SERIALIZE_THREAD));

    @AfterEach
    void shutDownExecutor() throws InterruptedException {
        serializeExecutor.shutdownNow();
        serializeExecutor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    /** Waits for the future (bounded); failures surface as ExecutionException. */
    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private static AsyncBackend<byte[]> mockBackend() {
        return mock(AsyncBackend.class);
    }

    // --- operations ----------------------------------------------------------------------------

    @Test
    void getAnswersWhatSetStored() throws Exception {
        assertThat(await(cache.set("foo", "42"))).isTrue();

        assertThat(await(cache.get("foo"))).isEqualTo("42");
    }

    @Test
    void getOfAMissingKeyCompletesWithNull() throws Exception {
        assertThat(await(cache.get("missing"))).isNull();
    }

    @Test
    void getWithDefaultCompletesWithTheDefaultWhenMissing() throws Exception {
        assertThat(await(cache.get("missing", "100500"))).isEqualTo("100500");
    }

    @Test
    void getWithDefaultCompletesWithTheValueWhenPresent() throws Exception {
        await(cache.set("foo", "42"));

        assertThat(await(cache.get("foo", "100500"))).isEqualTo("42");
    }

    @Test
    void getOrThrowCompletesExceptionallyWithNoSuchElementWhenMissing() {
        assertThatThrownBy(() -> await(cache.getOrThrow("missing")))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void getOrThrowCompletesWithTheValueWhenPresent() throws Exception {
        await(cache.set("foo", "42"));

        assertThat(await(cache.getOrThrow("foo"))).isEqualTo("42");
    }

    @Test
    void emptyStringIsStoredAndReturnedNotTakenForMissing() throws Exception {
        await(cache.set("empty", ""));

        assertThat(await(cache.get("empty"))).isEmpty();
        assertThat(await(cache.get("empty", "default"))).isEmpty();
    }

    @Test
    void getManyOmitsMissingKeys() throws Exception {
        await(cache.set("foo", "42"));

        assertThat(await(cache.getMany("foo", "bar"))).isEqualTo(Map.of("foo", "42"));
        assertThat(await(cache.getMany(List.of("foo", "bar")))).isEqualTo(Map.of("foo", "42"));
    }

    @Test
    void setManyStoresEveryItem() throws Exception {
        await(cache.setMany(Map.of("foo", "42", "bar", "100500")));

        assertThat(await(cache.get("foo"))).isEqualTo("42");
        assertThat(await(cache.get("bar"))).isEqualTo("100500");
    }

    @Test
    void setManyWithTtlExpiresEveryItem() throws Exception {
        await(cache.setMany(Map.of("foo", "42", "bar", "100500"), Duration.ofSeconds(10)));

        ticker.advance(Duration.ofSeconds(11));

        assertThat(await(cache.getMany("foo", "bar"))).isEmpty();
    }

    @Test
    void deleteCompletesWithTrueThenFalse() throws Exception {
        await(cache.set("foo", "42"));

        assertThat(await(cache.delete("foo"))).isTrue();
        assertThat(await(cache.delete("foo"))).isFalse();
        assertThat(await(cache.get("foo"))).isNull();
    }

    @Test
    void deleteManyDeletesOnlyTheGivenKeys() throws Exception {
        await(cache.setMany(Map.of("a", "1", "b", "2", "c", "3")));

        await(cache.deleteMany("a", "b"));

        assertThat(await(cache.getMany("a", "b", "c"))).isEqualTo(Map.of("c", "3"));
    }

    @Test
    void clearRemovesEverything() throws Exception {
        await(cache.set("foo", "42"));
        await(cache.set("bar", "42"));

        await(cache.clear());

        assertThat(await(cache.get("foo"))).isNull();
        assertThat(await(cache.get("bar"))).isNull();
    }

    @Test
    void clearWithPrefixDeletesOnlyKeysUnderThePrefix() throws Exception {
        await(cache.set("outside", "1"));
        await(prefixed.set("inside", "2"));

        await(prefixed.clear());

        assertThat(await(prefixed.get("inside"))).isNull();
        assertThat(await(cache.get("outside"))).isEqualTo("1");
    }

    @Test
    void setIfNotExistsCompletesWithFalseAndKeepsTheExistingValue() throws Exception {
        assertThat(await(cache.set("foo", "42", null, true))).isTrue();

        assertThat(await(cache.set("foo", "43", null, true))).isFalse();

        assertThat(await(cache.get("foo"))).isEqualTo("42");
    }

    @Test
    void setWithTtlIsPresentUntilTheTtlThenMissing() throws Exception {
        await(cache.set("foo", "42", Duration.ofSeconds(59)));

        ticker.advance(Duration.ofSeconds(58));
        assertThat(await(cache.get("foo"))).isEqualTo("42");

        ticker.advance(Duration.ofSeconds(2));
        assertThat(await(cache.get("foo"))).isNull();
    }

    @Test
    void expireInMakesAnExistingEntryExpire() throws Exception {
        await(cache.set("foo", "42"));

        await(cache.expireIn("foo", Duration.ofSeconds(59)));
        ticker.advance(Duration.ofSeconds(60));

        assertThat(await(cache.get("foo"))).isNull();
    }

    @Test
    void expireInNullMakesAnEntryEternal() throws Exception {
        await(cache.set("foo", "42", Duration.ofSeconds(10)));

        await(cache.expireIn("foo", null));
        ticker.advance(Duration.ofDays(3650));

        assertThat(await(cache.get("foo"))).isEqualTo("42");
    }

    @Test
    void expireInOnAMissingKeyDoesNothing() throws Exception {
        await(cache.expireIn("missing", Duration.ofSeconds(10)));

        assertThat(await(cache.get("missing"))).isNull();
    }

    // --- prefix --------------------------------------------------------------------------------

    @Test
    void setPutsThePrefixedKeyIntoTheBackend() throws Exception {
        await(prefixed.set("k", "v"));

        assertThat(backend.get("p:k")).isEqualTo(bytes("v"));
        assertThat(backend.get("k")).isNull();
        assertThat(prefixed.prefix()).isEqualTo("p:");
    }

    @Test
    void setManyPutsPrefixedKeysIntoTheBackend() throws Exception {
        await(prefixed.setMany(Map.of("a", "1")));

        assertThat(backend.getMany(List.of("p:a", "a"))).containsOnlyKeys("p:a");
    }

    @Test
    void getManyWithPrefixAnswersWithTheCallersKeys() throws Exception {
        backend.set("p:a", bytes("1"), null, false);
        backend.set("b", bytes("unprefixed"), null, false);

        assertThat(await(prefixed.getMany("a", "b"))).isEqualTo(Map.of("a", "1"));
    }

    @Test
    void deleteAndExpireInUseThePrefixedKey() throws Exception {
        backend.set("p:a", bytes("1"), null, false);
        backend.set("p:b", bytes("2"), null, false);
        backend.set("a", bytes("unprefixed"), null, false);
        backend.set("b", bytes("unprefixed"), null, false);

        assertThat(await(prefixed.delete("a"))).isTrue();
        await(prefixed.expireIn("b", Duration.ofSeconds(1)));
        ticker.advance(Duration.ofSeconds(2));

        assertThat(backend.getMany(List.of("p:a", "p:b", "a", "b"))).containsOnlyKeys("a", "b");
    }

    // --- no backend call for no keys -------------------------------------------------------

    @Test
    void getManyWithNoKeysCompletesEmptyWithoutABackendCall() throws Exception {
        AsyncBackend<byte[]> mock = mockBackend();
        AsyncCache<String> c = AsyncCache.of(new Utf8Serializer(), mock);

        assertThat(await(c.getMany())).isEmpty();
        assertThat(await(c.getMany(List.of()))).isEmpty();

        verifyNoInteractions(mock);
    }

    @Test
    void setManyWithNoItemsMakesNoBackendCall() throws Exception {
        AsyncBackend<byte[]> mock = mockBackend();

        await(AsyncCache.of(new Utf8Serializer(), mock).setMany(Map.of()));

        verifyNoInteractions(mock);
    }

    @Test
    void deleteManyWithNoKeysMakesNoBackendCall() throws Exception {
        AsyncBackend<byte[]> mock = mockBackend();

        await(AsyncCache.of(new Utf8Serializer(), mock).deleteMany());

        verifyNoInteractions(mock);
    }

    @Test
    void closeClosesTheBackend() {
        AsyncBackend<byte[]> mock = mockBackend();

        AsyncCache.of(new Utf8Serializer(), mock).close();

        verify(mock).close();
    }

    // --- argument errors are thrown at once --------------------------------------------------

    static Stream<Named<ThrowingCallable>> nullKeyCalls() {
        AsyncCache<String> c = AsyncCache.of(new Utf8Serializer(), Backends.asAsync(new MemoryBackend<>()));
        Map<String, String> nullKeyItems = new HashMap<>();
        nullKeyItems.put(null, "v");
        return Stream.of(
                Named.of("get", () -> c.get(null)),
                Named.of("get with default", () -> c.get(null, "d")),
                Named.of("getOrThrow", () -> c.getOrThrow(null)),
                Named.of("getMany varargs", () -> c.getMany("a", null)),
                Named.of("getMany collection", () -> c.getMany(Arrays.asList("a", null))),
                Named.of("set", () -> c.set(null, "v")),
                Named.of("set if not exists", () -> c.set(null, "v", null, true)),
                Named.of("setMany", () -> c.setMany(nullKeyItems)),
                Named.of("expireIn", () -> c.expireIn(null, Duration.ofSeconds(1))),
                Named.of("delete", () -> c.delete(null)),
                Named.of("deleteMany", () -> c.deleteMany("a", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nullKeyCalls")
    void nullKeyThrowsNullPointerExceptionAtOnce(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NullPointerException.class);
    }

    @Test
    void nullValueThrowsIllegalArgumentExceptionAtOnce() {
        Map<String, String> items = new LinkedHashMap<>();
        items.put("good", "v");
        items.put("bad", null);

        assertThatThrownBy(() -> cache.set("k", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.setMany(items)).isInstanceOf(IllegalArgumentException.class);
        assertThat(backend.getMany(List.of("k", "good", "bad"))).isEmpty();
    }

    static Stream<Named<Duration>> badTtls() {
        return Stream.of(Named.of("zero", Duration.ZERO), Named.of("negative", Duration.ofSeconds(-1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTtls")
    void nonPositiveTtlThrowsIllegalArgumentExceptionAtOnce(Duration ttl) {
        assertThatThrownBy(() -> cache.set("k", "v", ttl)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.setMany(Map.of("k", "v"), ttl)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.expireIn("k", ttl)).isInstanceOf(IllegalArgumentException.class);
        assertThat(backend.get("k")).isNull();
    }

    // --- where (de)serialization runs --------------------------------------------------------

    @Test
    void withASerializeExecutorDeserializationRunsOnIt() throws Exception {
        backend.set("k", bytes("v"), null, false);
        Utf8Serializer recording = new Utf8Serializer();
        AsyncCache<String> c = AsyncCache.of(recording, Backends.asAsync(backend), "", serializeExecutor);

        assertThat(await(c.get("k"))).isEqualTo("v");
        assertThat(await(c.getMany("k"))).isEqualTo(Map.of("k", "v"));

        assertThat(recording.deserializeThreads).containsExactly(SERIALIZE_THREAD, SERIALIZE_THREAD);
    }

    @Test
    void withASerializeExecutorSerializationRunsOnIt() throws Exception {
        Utf8Serializer recording = new Utf8Serializer();
        AsyncCache<String> c = AsyncCache.of(recording, Backends.asAsync(backend), "", serializeExecutor);

        await(c.set("a", "1"));
        await(c.setMany(Map.of("b", "2")));

        assertThat(recording.serializeThreads).containsExactly(SERIALIZE_THREAD, SERIALIZE_THREAD);
        assertThat(backend.get("b")).isEqualTo(bytes("2"));
    }

    @Test
    void withoutASerializeExecutorDeserializationRunsOnTheThreadThatCompletesTheBackendFuture() throws Exception {
        AsyncBackend<byte[]> slow = mockBackend();
        CompletableFuture<byte[]> pending = new CompletableFuture<>();
        when(slow.get(anyString())).thenReturn(pending);
        Utf8Serializer recording = new Utf8Serializer();
        AsyncCache<String> c = AsyncCache.of(recording, slow);

        CompletableFuture<String> result = c.get("k");
        Thread completer = new Thread(() -> pending.complete(bytes("v")), "backend-io");
        completer.start();
        completer.join(5_000);

        assertThat(await(result)).isEqualTo("v");
        assertThat(recording.deserializeThreads).containsExactly("backend-io");
    }

    @Test
    void getDoesNotWaitForThePendingBackendFuture() {
        AsyncBackend<byte[]> slow = mockBackend();
        when(slow.get(anyString())).thenReturn(new CompletableFuture<>());

        CompletableFuture<String> result = AsyncCache.of(new Utf8Serializer(), slow).get("k");

        assertThat(result).isNotDone();
    }

    @Test
    void aFailedBackendFutureFailsTheResult() {
        AsyncBackend<byte[]> failing = mockBackend();
        when(failing.set(anyString(), any(), any(), org.mockito.ArgumentMatchers.anyBoolean()))
                .thenReturn(CompletableFuture.failedFuture(new BackendException("refused")));

        assertThatThrownBy(() -> await(AsyncCache.of(new Utf8Serializer(), failing).set("k", "v")))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(BackendException.class);
    }

    // --- undecodable data --------------------------------------------------------------------

    @Test
    void getOfBytesThatDoNotDecodeFailsWithSerializationExceptionAndKeepsTheEntry() {
        byte[] corrupt = {(byte) 0xFF, (byte) 0xFE, (byte) 0xC0};
        backend.set("bad", corrupt, null, false);

        assertThatThrownBy(() -> await(cache.get("bad")))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(SerializationException.class);

        assertThat(backend.get("bad")).isEqualTo(corrupt);
    }

    // --- factories -----------------------------------------------------------------------------

    @Test
    void dummySetCompletesWithTrueAndGetMisses() throws Exception {
        AsyncCache<String> dummy = AsyncCache.dummy();

        assertThat(await(dummy.set("foo", "42"))).isTrue();
        assertThat(await(dummy.get("foo"))).isNull();
    }

    @Test
    void memoryStoresAndAnswers() throws Exception {
        AsyncCache<String> memory = AsyncCache.memory();

        await(memory.set("foo", "42"));

        assertThat(await(memory.get("foo"))).isEqualTo("42");
    }

    @Test
    void fromUrlMemoryWithoutSerializerStoresObjects() throws Exception {
        AsyncCache<Object> memory = AsyncCache.fromUrl("memory://", null);
        Object value = new Object();

        await(memory.set("k", value));

        assertThat(await(memory.get("k"))).isSameAs(value);
    }

    @Test
    void fromUrlDummyWithNoopStoresNothing() throws Exception {
        AsyncCache<String> dummy = AsyncCache.fromUrl("dummy://", "noop://");

        assertThat(await(dummy.set("k", "v"))).isTrue();
        assertThat(await(dummy.get("k"))).isNull();
    }

    @Test
    void fromUrlWithAnUnknownSchemeThrowsIllegalArgumentNamingIt() {
        assertThatThrownBy(() -> AsyncCache.fromUrl("nope://", "noop://"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }
}
