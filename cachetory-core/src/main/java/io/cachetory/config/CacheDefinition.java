package io.cachetory.config;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import io.cachetory.backend.AsyncBackend;
import io.cachetory.backend.Backend;
import io.cachetory.backend.Backends;
import io.cachetory.backend.NearBackend;
import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;

/**
 * How a named cache is built from configuration, and the one place that builds it. Immutable.
 *
 * @param name the cache name
 * @param backend the backend URL, e.g. {@code redis://localhost:6379/0}
 * @param serializer the serializer URL, or {@code null} for the backend's default
 *     ({@code noop://} in memory, {@code kryo://} over byte backends)
 * @param prefix the prefix of every key, {@code ""} for none
 */
public record CacheDefinition(String name, String backend, String serializer, String prefix) {

    /**
     * Builds both faces of this cache from its URLs. A backend that keeps live objects in this JVM
     * ({@code memory://}) is made once and shared by the two faces, so that an asynchronous
     * memoized method sees what a synchronous one stored; a remote backend gets a synchronous and an
     * asynchronous client of the same server, or one client for both when the backend keeps a near
     * layer ({@link NearBackend#asyncFace}), so that each face reads the other's writes at once.
     *
     * @throws IllegalArgumentException naming an unknown scheme, parameter or bad value
     */
    public CacheFaces open() {
        String serializerUrl = Backends.serializerUrlFor(backend, serializer);
        Serializer<Object, Object> syncSerializer = Serializers.fromUrl(serializerUrl);
        if (!Backends.storesBytes(backend)) {
            Backend<Object> store = Backends.fromUrl(backend);
            return new CacheFaces(Cache.of(syncSerializer, store, prefix),
                    AsyncCache.of(syncSerializer, Backends.asAsync(store), prefix));
        }
        Serializer<Object, Object> asyncSerializer = Serializers.fromUrl(serializerUrl);
        Backend<Object> sync = Backends.fromUrl(backend);
        AsyncBackend<Object> shared = sync instanceof NearBackend<Object> near ? near.asyncFace() : null;
        return new CacheFaces(Cache.of(syncSerializer, sync, prefix),
                AsyncCache.of(asyncSerializer, shared != null ? shared : Backends.asyncFromUrl(backend), prefix));
    }
}
