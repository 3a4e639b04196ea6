package io.cachetory.memo;

import io.cachetory.config.CacheDefinition;
import io.cachetory.config.CacheFaces;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A name in the registry. Its binding is opened on first use from its configured definition, or set
 * by registration; methods hold the slot, so re-registering a name redirects them at once. The
 * value types the methods using the name declare are kept here and declared again to every cache
 * the name is bound to, so a cache registered later reads back what those methods store.
 */
final class CacheSlot {
    final String name;
    private final CacheDefinition definition;
    private final Set<Type> declaredTypes = ConcurrentHashMap.newKeySet();
    private volatile Binding binding;

    CacheSlot(String name, CacheDefinition definition) {
        this.name = name;
        this.definition = definition;
    }

    Binding binding() {
        Binding b = binding;
        return b != null ? b : open();
    }

    synchronized void bind(Binding b) {
        declareAll(b);
        binding = b;
    }

    /** @return the binding if one was opened or registered, without opening one */
    Binding bindingIfPresent() {
        return binding;
    }

    /** Declares a value type that methods using this name store, to its caches now and later. */
    synchronized void declare(Type type) {
        if (declaredTypes.add(type)) {
            Binding b = binding;
            if (b != null) {
                b.allowDeclaredType(type);
            }
        }
    }

    private void declareAll(Binding b) {
        for (Type type : declaredTypes) {
            b.allowDeclaredType(type);
        }
    }

    private synchronized Binding open() {
        Binding b = binding;
        if (b != null) {
            return b;
        }
        if (definition == null) {
            throw new IllegalArgumentException("cache '" + name + "' is neither registered nor configured");
        }
        CacheFaces faces = definition.open();
        b = new Binding(name, faces.cache(), faces.async());
        declareAll(b);
        binding = b;
        return b;
    }
}
