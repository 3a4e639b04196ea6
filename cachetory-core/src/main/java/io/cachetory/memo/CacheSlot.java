package io.cachetory.memo;

import io.cachetory.AsyncCache;
import io.cachetory.Cache;
import io.cachetory.backend.Backends;
import io.cachetory.config.CacheDefinition;
import io.cachetory.serializer.Serializer;
import io.cachetory.serializer.Serializers;

/**
 * A name in the registry. Its binding is built on first use from configuration, or set by
 * registration; methods hold the slot, so re-registering a name redirects them at once.
 */
final class CacheSlot {
    final String name;
    private final CacheDefinition definition;
    private volatile Binding binding;

    CacheSlot(String name, CacheDefinition definition) {
        this.name = name;
        this.definition = definition;
    }

    Binding binding() {
        Binding b = binding;
        return b != null ? b : build();
    }

    void bind(Binding b) {
        binding = b;
    }

    /** @return the binding if one was built or registered, without building one */
    Binding bindingIfPresent() {
        return binding;
    }

    private synchronized Binding build() {
        Binding b = binding;
        if (b != null) {
            return b;
        }
        if (definition == null) {
            throw new IllegalArgumentException("cache '" + name + "' is neither registered nor configured");
        }
        String serializerUrl = Backends.serializerUrlFor(definition.backend(), definition.serializer());
        Serializer<Object, Object> syncSerializer = Serializers.fromUrl(serializerUrl);
        Serializer<Object, Object> asyncSerializer = Serializers.fromUrl(serializerUrl);
        Cache<Object> cache = Cache.of(syncSerializer, Backends.fromUrl(definition.backend()), definition.prefix());
        AsyncCache<Object> async = "memory".equals(schemeOf(definition.backend()))
                // one store for both faces: an async memoized method must see what a sync one stored
                ? null
                : AsyncCache.of(asyncSerializer, Backends.asyncFromUrl(definition.backend()), definition.prefix());
        b = new Binding(name, cache, async);
        binding = b;
        return b;
    }

    private static String schemeOf(String url) {
        int sep = url.indexOf("://");
        return sep < 0 ? url : url.substring(0, sep).toLowerCase(java.util.Locale.ROOT);
    }
}
