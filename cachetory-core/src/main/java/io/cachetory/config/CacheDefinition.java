package io.cachetory.config;

/**
 * How a named cache is built from configuration. Immutable.
 *
 * @param name the cache name
 * @param backend the backend URL, e.g. {@code redis://localhost:6379/0}
 * @param serializer the serializer URL, or {@code null} for the backend's default
 *     ({@code noop://} in memory, {@code kryo://} over byte backends)
 * @param prefix the prefix of every key, {@code ""} for none
 */
public record CacheDefinition(String name, String backend, String serializer, String prefix) {}
