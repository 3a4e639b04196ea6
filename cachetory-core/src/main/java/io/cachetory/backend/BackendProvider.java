package io.cachetory.backend;

import java.util.Set;

/**
 * Service-provider interface: makes backends for some URL schemes. Registered in
 * {@code META-INF/services/io.cachetory.backend.BackendProvider} and found by {@link Backends}
 * through {@link java.util.ServiceLoader}. Implementations are stateless and thread-safe.
 */
public interface BackendProvider {
    /** @return the schemes this provider serves, lower case ({@code "redis"}, {@code "rediss"}) */
    Set<String> schemes();

    /**
     * Parses and validates only: never connects here (a remote backend connects on first use).
     *
     * @throws IllegalArgumentException naming the bad parameter
     */
    <W> Backend<W> create(BackendUrl url);

    /** As {@link #create}, for the asynchronous twin. */
    <W> AsyncBackend<W> createAsync(BackendUrl url);

    /**
     * @return whether the backends store {@code byte[]} (then a cache without a configured
     *     serializer uses {@code kryo://}) rather than objects ({@code noop://})
     */
    boolean storesBytes();
}
