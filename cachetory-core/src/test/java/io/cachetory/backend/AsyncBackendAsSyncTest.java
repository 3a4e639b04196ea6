package io.cachetory.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.cachetory.BackendException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The adapter the contract suite runs asynchronous backends through. */
class AsyncBackendAsSyncTest {
    @SuppressWarnings("unchecked")
    private final AsyncBackend<String> async = mock(AsyncBackend.class);

    @Test
    void answersTheValueOfTheFuture() {
        when(async.get("k")).thenReturn(CompletableFuture.completedFuture("v"));

        assertThat(AsyncBackendAsSync.of(async).get("k")).isEqualTo("v");
    }

    @Test
    void throwsTheCauseOfAFailedFuture() {
        when(async.get(anyString())).thenReturn(CompletableFuture.failedFuture(new BackendException("down")));

        assertThatThrownBy(() -> AsyncBackendAsSync.of(async).get("k")).isExactlyInstanceOf(BackendException.class);
    }

    @Test
    void unwrapsACompletionExceptionInsideTheFuture() {
        when(async.get(anyString())).thenReturn(CompletableFuture.failedFuture(new CompletionException(new IllegalStateException("x"))));

        assertThatThrownBy(() -> AsyncBackendAsSync.of(async).get("k")).isExactlyInstanceOf(IllegalStateException.class);
    }

    @Test
    void failsWithAnAssertionErrorWhenTheFutureNeverCompletes() {
        when(async.get(anyString())).thenReturn(new CompletableFuture<>());

        assertThatThrownBy(() -> new AsyncBackendAsSync<>(async, Duration.ofMillis(50)).get("k")).isInstanceOf(AssertionError.class);
    }
}
