package io.cachetory.config;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import java.util.Objects;

/**
 * The two faces of one configured store: synchronous users read and write through {@code cache},
 * asynchronous ones through {@code async}, and both see the same entries. Immutable; the caches are
 * as thread-safe as any {@link Cache}.
 *
 * @param cache the synchronous face
 * @param async the asynchronous face of the same store
 */
public record CacheFaces(Cache<Object> cache, AsyncCache<Object> async) {
    public CacheFaces {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(async, "async");
    }
}
