package io.cachetory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachetory.backend.MemoryBackend;
import io.cachetory.serializer.NoopSerializer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** {@link AsyncCache#of(Cache)}: the asynchronous face of a synchronous cache. */
class SyncBackedAsyncCacheTest {
    private final Cache<String> sync = Cache.of(NoopSerializer.instance(), new MemoryBackend<>(), "p:");
    private final AsyncCache<String> async = AsyncCache.of(sync);

    @Test
    void bothFacesReadAndWriteTheSameEntries() {
        assertThat(async.set("a", "1").join()).isTrue();
        assertThat(sync.get("a")).isEqualTo("1");
        sync.set("b", "2");
        assertThat(async.get("b").join()).isEqualTo("2");
        assertThat(async.getMany(List.of("a", "b", "c")).join()).containsOnlyKeys("a", "b");
        assertThat(async.delete("a").join()).isTrue();
        assertThat(sync.get("a")).isNull();
    }

    @Test
    void everyFutureIsCompleteWhenReturned() {
        CompletableFuture<Boolean> set = async.set("a", "1", Duration.ofMinutes(1));
        CompletableFuture<String> get = async.get("a");
        assertThat(set).isDone();
        assertThat(get).isDone();
    }

    @Test
    void clearClearsOnlyTheCachesPrefix() {
        MemoryBackend<Object> shared = new MemoryBackend<>();
        Cache<Object> mine = Cache.of(NoopSerializer.instance(), shared, "mine:");
        Cache<Object> other = Cache.of(NoopSerializer.instance(), shared, "other:");
        mine.set("k", "v");
        other.set("k", "v");
        AsyncCache.of(mine).clear().join();
        assertThat(mine.get("k")).isNull();
        assertThat(other.get("k")).isEqualTo("v");
    }

    @Test
    void theCachesOwnDescriptionIsKept() {
        assertThat(async.prefix()).isEqualTo("p:");
        assertThat(async.storesBytes()).isFalse();
        assertThat(AsyncCache.of(Cache.fromUrl("memory://", "kryo://")).storesBytes()).isTrue();
    }

    @Test
    void aFailureOfTheCacheFailsTheFutureInsteadOfThrowing() {
        io.cachetory.serializer.Serializer<String, Object> refusing = new io.cachetory.serializer.Serializer<>() {
            @Override
            public Object serialize(String value) {
                throw new SerializationException("refused " + value);
            }

            @Override
            public String deserialize(Object data) {
                return (String) data;
            }
        };
        AsyncCache<String> failing = AsyncCache.of(Cache.of(refusing, new MemoryBackend<>()));
        CompletableFuture<Boolean> set = failing.set("k", "v");
        assertThat(set).isCompletedExceptionally();
        assertThatThrownBy(set::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SerializationException.class).hasMessageContaining("refused v");
    }
}
