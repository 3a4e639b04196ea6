package io.cachetory.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous lease operations of a Redis backend (standalone or cluster), behind
 * {@link RedisBackend}'s {@link io.cachetory.backend.LeaseBackend}. Thread-safe.
 */
interface AsyncLeases {
    /** @see io.cachetory.backend.LeaseBackend#tryLease */
    CompletableFuture<String> tryLease(String key, String token, Duration lease);

    /** @see io.cachetory.backend.LeaseBackend#releaseLease */
    CompletableFuture<Boolean> releaseLease(String key, String token);
}
