package io.cachetory.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link Backend} keeps (the interface's Javadoc), run over {@code byte[]} values. A module with a
 * backend subclasses this class and implements {@link #backends()}; asynchronous backends join in
 * through {@link AsyncBackendAsSync}:
 *
 * <pre>{@code
 * class RedisBackendContractTest extends BackendContractTest {
 *     protected Stream<Named<BackendFixture>> backends() {
 *         return Stream.of(Named.of("redis sync", new RedisFixture(false)),
 *                          Named.of("redis async", new RedisFixture(true)));
 *     }
 * }
 * }</pre>
 *
 * Every test calls {@link BackendFixture#create()} once for an empty backend, lets time pass only
 * through {@link BackendFixture#advance(Duration)}, and {@link BackendFixture#cleanup()} runs after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContractTest {

    private final List<BackendFixture> used = new ArrayList<>();

    /** The backends under test, each named for the test report; called once per test method. */
    protected abstract Stream<Named<BackendFixture>> backends();

    /** @return a new backend over an empty store; its fixture is cleaned up after the test */
    protected final Backend<byte[]> open(BackendFixture fixture) {
        used.add(fixture);
        return fixture.create();
    }

    @AfterEach
    final void cleanUpFixtures() {
        try {
            for (BackendFixture fixture : used) {
                fixture.cleanup();
            }
        } finally {
            used.clear();
        }
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static Duration twice(Duration ttl) {
        return ttl.multipliedBy(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void getMissingKeyAnswersNull(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);

        assertThat(backend.get("missing")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void setThenGetAnswersTheValue(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);

        assertThat(backend.set("k", bytes("v"), null, false)).isTrue();

        assertThat(backend.get("k")).isEqualTo(bytes("v"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void setOverwritesAnExistingValue(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("k", bytes("old"), null, false);

        assertThat(backend.set("k", bytes("new"), null, false)).isTrue();

        assertThat(backend.get("k")).isEqualTo(bytes("new"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void emptyValueIsStoredAndReturnedAsEmpty(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);

        backend.set("empty", new byte[0], null, false);

        assertThat(backend.get("empty")).isNotNull().isEmpty();
        assertThat(backend.getMany(List.of("empty"))).containsOnlyKeys("empty");
        assertThat(backend.getMany(List.of("empty")).get("empty")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void setWithTtlIsPresentThenExpires(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);

        backend.set("k", bytes("v"), fixture.shortTtl(), false);
        assertThat(backend.get("k")).isEqualTo(bytes("v"));

        fixture.advance(twice(fixture.shortTtl()));
        assertThat(backend.get("k")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void setWithoutTtlIsEternal(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);

        backend.set("k", bytes("v"), null, false);
        fixture.advance(twice(fixture.shortTtl()));

        assertThat(backend.get("k")).isEqualTo(bytes("v"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void setWithoutTtlReplacesAnEarlierTtl(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("k", bytes("v1"), fixture.shortTtl(), false);

        backend.set("k", bytes("v2"), null, false);
        fixture.advance(twice(fixture.shortTtl()));

        assertThat(backend.get("k")).isEqualTo(bytes("v2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void setIfNotExistsStoresOnAMissingKey(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);

        assertThat(backend.set("k", bytes("v"), null, true)).isTrue();

        assertThat(backend.get("k")).isEqualTo(bytes("v"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void setIfNotExistsAnswersFalseAndKeepsAnExistingValue(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("k", bytes("first"), null, false);

        assertThat(backend.set("k", bytes("second"), null, true)).isFalse();

        assertThat(backend.get("k")).isEqualTo(bytes("first"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void setIfNotExistsStoresOverAnExpiredEntry(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("k", bytes("old"), fixture.shortTtl(), false);
        fixture.advance(twice(fixture.shortTtl()));

        assertThat(backend.set("k", bytes("new"), null, true)).isTrue();

        assertThat(backend.get("k")).isEqualTo(bytes("new"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void setIfNotExistsWithTtlExpires(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);

        assertThat(backend.set("k", bytes("v"), fixture.shortTtl(), true)).isTrue();
        fixture.advance(twice(fixture.shortTtl()));

        assertThat(backend.get("k")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void getManyOmitsMissingKeysAndAnswersKeyedAsGiven(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("a", bytes("1"), null, false);
        backend.set("c", bytes("3"), null, false);

        Map<String, byte[]> found = backend.getMany(List.of("a", "b", "c"));

        assertThat(found).containsOnlyKeys("a", "c");
        assertThat(found.get("a")).isEqualTo(bytes("1"));
        assertThat(found.get("c")).isEqualTo(bytes("3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void getManyOfOnlyMissingKeysAnswersEmpty(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);

        assertThat(backend.getMany(List.of("x", "y"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void getManyWithNoKeysAnswersEmpty(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);

        assertThat(backend.getMany(List.of())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void getManyOmitsExpiredKeys(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("short", bytes("1"), fixture.shortTtl(), false);
        backend.set("long", bytes("2"), null, false);

        fixture.advance(twice(fixture.shortTtl()));

        assertThat(backend.getMany(List.of("short", "long"))).containsOnlyKeys("long");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void setManyStoresEveryEntry(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        Map<String, byte[]> items = new LinkedHashMap<>();
        items.put("a", bytes("1"));
        items.put("b", bytes("2"));

        backend.setMany(items, null);

        assertThat(backend.get("a")).isEqualTo(bytes("1"));
        assertThat(backend.get("b")).isEqualTo(bytes("2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void setManyWithoutTtlIsEternal(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);

        backend.setMany(Map.of("a", bytes("1"), "b", bytes("2")), null);
        fixture.advance(twice(fixture.shortTtl()));

        assertThat(backend.getMany(List.of("a", "b"))).containsOnlyKeys("a", "b");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void setManyWithTtlExpiresEveryEntry(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);

        backend.setMany(Map.of("a", bytes("1"), "b", bytes("2")), fixture.shortTtl());
        assertThat(backend.getMany(List.of("a", "b"))).containsOnlyKeys("a", "b");

        fixture.advance(twice(fixture.shortTtl()));
        assertThat(backend.get("a")).isNull();
        assertThat(backend.get("b")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void setManyOverwritesExistingValues(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("a", bytes("old"), null, false);

        backend.setMany(Map.of("a", bytes("new")), null);

        assertThat(backend.get("a")).isEqualTo(bytes("new"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void setManyWithNoItemsDoesNothing(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("k", bytes("v"), null, false);

        backend.setMany(Map.of(), null);
        backend.setMany(Map.of(), fixture.shortTtl());

        assertThat(backend.get("k")).isEqualTo(bytes("v"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void deleteReturnsTrueThenFalse(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("k", bytes("v"), null, false);

        assertThat(backend.delete("k")).isTrue();
        assertThat(backend.delete("k")).isFalse();
        assertThat(backend.get("k")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void deleteOfAMissingKeyReturnsFalse(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);

        assertThat(backend.delete("missing")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void deleteLeavesOtherKeys(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("a", bytes("1"), null, false);
        backend.set("b", bytes("2"), null, false);

        backend.delete("a");

        assertThat(backend.get("b")).isEqualTo(bytes("2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void deleteManyDeletesOnlyTheGivenKeys(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.setMany(Map.of("a", bytes("1"), "b", bytes("2"), "c", bytes("3")), null);

        backend.deleteMany(List.of("a", "b", "missing"));

        assertThat(backend.getMany(List.of("a", "b", "c"))).containsOnlyKeys("c");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void deleteManyWithNoKeysDoesNothing(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("k", bytes("v"), null, false);

        backend.deleteMany(List.of());

        assertThat(backend.get("k")).isEqualTo(bytes("v"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void expireInShortensTheTtlOfAnExistingKey(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("k", bytes("v"), null, false);

        backend.expireIn("k", fixture.shortTtl());
        assertThat(backend.get("k")).isEqualTo(bytes("v"));

        fixture.advance(twice(fixture.shortTtl()));
        assertThat(backend.get("k")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void expireInLengthensTheTtlOfAnExistingKey(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("k", bytes("v"), fixture.shortTtl(), false);

        backend.expireIn("k", Duration.ofHours(1));
        fixture.advance(twice(fixture.shortTtl()));

        assertThat(backend.get("k")).isEqualTo(bytes("v"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void expireInNullMakesAnExistingKeyEternal(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("k", bytes("v"), fixture.shortTtl(), false);

        backend.expireIn("k", null);
        fixture.advance(twice(fixture.shortTtl()));

        assertThat(backend.get("k")).isEqualTo(bytes("v"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void expireInOnAMissingKeyLeavesItMissing(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);

        backend.expireIn("missing", fixture.shortTtl());
        backend.expireIn("missing", null);

        assertThat(backend.get("missing")).isNull();
        assertThat(backend.getMany(List.of("missing"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void expireInLeavesTheValueUnchanged(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("k", bytes("v"), null, false);

        backend.expireIn("k", Duration.ofHours(1));

        assertThat(backend.get("k")).isEqualTo(bytes("v"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void clearRemovesEverything(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.setMany(Map.of("a", bytes("1"), "p:b", bytes("2")), null);
        backend.set("c", bytes("3"), Duration.ofHours(1), false);

        backend.clear();

        assertThat(backend.getMany(List.of("a", "p:b", "c"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void clearOfAnEmptyBackendDoesNothing(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);

        backend.clear();

        assertThat(backend.get("k")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void clearPrefixRemovesOnlyKeysUnderThePrefix(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.setMany(Map.of(
                "user:1", bytes("1"),
                "user:2", bytes("2"),
                "user", bytes("3"),
                "users:1", bytes("4"),
                "other:user:1", bytes("5")), null);

        backend.clearPrefix("user:");

        assertThat(backend.getMany(List.of("user:1", "user:2", "user", "users:1", "other:user:1")))
                .containsOnlyKeys("user", "users:1", "other:user:1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void clearPrefixTreatsGlobCharactersLiterally(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        String prefix = "a*[x]?\\:";
        backend.setMany(Map.of(
                prefix + "1", bytes("under"),
                prefix, bytes("the prefix itself"),
                "abc", bytes("a glob would match"),
                "abxy:1", bytes("a glob would match"),
                "a*[x]?:1", bytes("no backslash"),
                "ax", bytes("x")), null);

        backend.clearPrefix(prefix);

        assertThat(backend.getMany(List.of(prefix + "1", prefix, "abc", "abxy:1", "a*[x]?:1", "ax")))
                .containsOnlyKeys("abc", "abxy:1", "a*[x]?:1", "ax");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void clearPrefixRemovesManyKeys(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        Map<String, byte[]> items = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            items.put("bulk:" + i, bytes(Integer.toString(i)));
            keys.add("bulk:" + i);
        }
        backend.setMany(items, null);
        backend.set("keep", bytes("v"), null, false);

        backend.clearPrefix("bulk:");

        assertThat(backend.getMany(keys)).isEmpty();
        assertThat(backend.get("keep")).isEqualTo(bytes("v"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void keysAreCaseSensitive(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("Key", bytes("upper"), null, false);

        assertThat(backend.get("key")).isNull();
        assertThat(backend.get("Key")).isEqualTo(bytes("upper"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void unicodeKeysAndBinaryValuesRoundTrip(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }

        backend.set("ключ:日本:🙂", binary, null, false);

        assertThat(backend.get("ключ:日本:🙂")).isEqualTo(binary);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void closeIsIdempotent(BackendFixture fixture) {
        Backend<byte[]> backend = open(fixture);
        backend.set("k", bytes("v"), null, false);

        backend.close();
        backend.close();
    }
}
