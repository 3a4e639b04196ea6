package io.cachetory.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.cachetory.BackendException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CompletedAsyncBackendTest {
    private final MemoryBackend<String> memory = new MemoryBackend<>();
    private final CompletedAsyncBackend<String> async = new CompletedAsyncBackend<>(memory);

    @Test
    void everyFutureIsAlreadyComplete() {
        assertThat(async.set("k", "v", null, false)).isCompletedWithValue(true);
        assertThat(async.get("k")).isCompletedWithValue("v");
        assertThat(async.getMany(List.of("k", "x"))).isCompletedWithValue(Map.of("k", "v"));
        assertThat(async.setMany(Map.of("a", "1"), Duration.ofSeconds(5))).isDone();
        assertThat(async.expireIn("a", null)).isDone();
        assertThat(async.delete("k")).isCompletedWithValue(true);
        assertThat(async.deleteMany(List.of("a"))).isDone();
        assertThat(async.clearPrefix("p:")).isDone();
        assertThat(async.clear()).isDone();
    }

    @Test
    void writesReachTheWrappedBackend() {
        async.set("k", "v", null, false);

        assertThat(memory.get("k")).isEqualTo("v");
    }

    @Test
    void readsComeFromTheWrappedBackend() {
        memory.set("k", "v", null, false);

        assertThat(async.get("k")).isCompletedWithValue("v");
    }

    @Test
    void aFailureCompletesTheFutureExceptionallyInsteadOfThrowing() {
        @SuppressWarnings("unchecked")
        Backend<String> failing = mock(Backend.class);
        when(failing.get(anyString())).thenThrow(new BackendException("down"));

        CompletableFuture<String> future = new CompletedAsyncBackend<>(failing).get("k");

        assertThat(future).isCompletedExceptionally();
        assertThat(future).failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(BackendException.class);
    }

    @Test
    void closeClosesTheDelegate() {
        @SuppressWarnings("unchecked")
        Backend<String> delegate = mock(Backend.class);

        new CompletedAsyncBackend<>(delegate).close();

        verify(delegate).close();
    }
}
