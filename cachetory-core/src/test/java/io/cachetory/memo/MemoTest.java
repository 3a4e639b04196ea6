package io.cachetory.memo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.Cache;
import io.cachetory.Cachetory;
import io.cachetory.backend.MemoryBackend;
import io.cachetory.serializer.JsonSerializer;
import io.cachetory.serializer.NoopSerializer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@code Memo.of} specifics (its builder, keys from the argument's own form) and the argument checks of purge/refresh. */
class MemoTest {
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong(1);
    private final Cache<String> cache = Cache.of(NoopSerializer.instance(), new MemoryBackend<>(100, nanos::get));

    private String body(String arg) {
        runs.incrementAndGet();
        return "v:" + arg;
    }

    @Test
    void ttlComputedFromTheKeyApplies() {
        Memoized<String, String> m = Memo.of(this::body).cache(cache)
                .ttl(key -> key.startsWith("short") ? Duration.ofSeconds(1) : null).build();
        m.apply("short-lived");
        m.apply("forever");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        m.apply("short-lived");
        m.apply("forever");
        assertThat(runs).hasValue(3);
    }

    @Test
    void resolverAnsweringNullSkipsTheCache() {
        Memoized<String, String> m = Memo.of(this::body).cache(arg -> arg.equals("uncached") ? null : cache).build();
        m.apply("uncached");
        m.apply("uncached");
        m.apply("cached");
        m.apply("cached");
        assertThat(runs).hasValue(3);
        assertThat(cache.get("uncached")).isNull();
        assertThat(cache.get("cached")).isEqualTo("v:cached");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void defaultKeyIsTheStringVerbatimAndTagsOtherClasses() {
        Memoized<Object, String> m = Memo.of((Object a) -> body(String.valueOf(a))).cache((Cache) cache).prefix("p").build();
        assertThat(m.keyOf("AAPL")).isEqualTo("p:AAPL");
        assertThat(m.keyOf(1)).isNotEqualTo(m.keyOf(1L)).isNotEqualTo(m.keyOf("1"));
        assertThat(Memo.of(this::body).cache(cache).build().keyOf("a:b")).isEqualTo("a\\:b");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void keyOfAnArgumentIsWhatAMemoizedFunctionPutsAfterItsPrefix() {
        Memoized<Object, String> m = Memo.of((Object a) -> body(String.valueOf(a))).cache((Cache) cache).prefix("p").build();
        for (Object argument : List.of("AAPL", "a:b", 1, 1L, java.util.UUID.nameUUIDFromBytes(new byte[1]), List.of(1, "x"))) {
            assertThat("p:" + Memo.keyOf(argument)).as("%s", argument).isEqualTo(m.keyOf(argument));
        }
    }

    @Test
    void keyFunctionReplacesTheDefaultKeyUnderThePrefix() {
        Memoized<String, String> m = Memo.of(this::body).cache(cache).prefix("p").key(String::toUpperCase).build();
        m.apply("aapl");
        assertThat(cache.get("p:AAPL")).isEqualTo("v:aapl");
    }

    @Test
    void keyFunctionWithoutAPrefixGivesTheWholeKey() {
        Memoized<String, String> m = Memo.of(this::body).cache(cache).key(a -> "prices:" + a).build();
        m.apply("aapl");
        assertThat(m.keyOf("aapl")).isEqualTo("prices:aapl");
        assertThat(cache.get("prices:aapl")).isEqualTo("v:aapl");
    }

    @Test
    void purgeOfAMemoizedDeletesItsEntry() {
        Memoized<String, String> m = Memo.of(this::body).cache(cache).build();
        m.apply("a");
        assertThat(m.purge("a")).isTrue();
        assertThat(m.purge("a")).isFalse();
        m.apply("a");
        assertThat(runs).hasValue(2);
    }

    @Test
    void purgeOfACallMakingNoMemoizedCallIsRefused() {
        assertThatThrownBy(() -> Cachetory.purge(() -> {})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one");
    }

    @Test
    void purgeOfACallMakingTwoMemoizedCallsIsRefused() {
        Memoized<String, String> m = Memo.of(this::body).cache(cache).build();
        assertThatThrownBy(() -> Cachetory.purge(() -> {
            m.apply("a");
            m.apply("b");
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("made 2");
        assertThat(runs).as("purged calls never run their bodies").hasValue(0);
    }

    @Test
    void refreshOfACallMakingNoMemoizedCallIsRefused() {
        assertThatThrownBy(() -> Cachetory.refresh(() -> "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no memoized call");
    }

    @Test
    void nonPositiveTtlIsRefusedWhenBuilding() {
        assertThatThrownBy(() -> Memo.of(this::body).ttl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A bean the JSON test below returns in a list. */
    public record Line(String sku, int qty) {}

    static List<Line> lines(String order) {
        return new java.util.ArrayList<>(List.of(new Line(order + "-1", 1), new Line(order + "-2", 2)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listOfRecordsOverJsonBytesHitsWithTheRecords() throws Exception {
        Cache<Object> json = Cache.of(new JsonSerializer<>(), new MemoryBackend<byte[]>(100, nanos::get));
        Memoized<String, Object> m = Memo.of((String order) -> { runs.incrementAndGet(); return (Object) lines(order); })
                .cache(json).prefix("lines").returns(MemoTest.class.getDeclaredMethod("lines", String.class).getGenericReturnType())
                .build();

        m.apply("o");
        Object hit = m.apply("o");

        assertThat(runs).hasValue(1);
        assertThat((List<Object>) hit).hasOnlyElementsOfType(Line.class).isEqualTo(lines("o"));
    }
}
