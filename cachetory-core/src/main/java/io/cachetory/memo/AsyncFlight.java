package io.cachetory.memo;

import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous read-then-load in progress for one key. Kept until the store is done, so a caller
 * arriving after the result but before the write still shares it rather than loading again.
 */
final class AsyncFlight {
    final CompletableFuture<Object> result = new CompletableFuture<>();
    /** Completes with whether the read was a hit: callers that join count as its outcome. */
    final CompletableFuture<Boolean> readHit = new CompletableFuture<>();
}
