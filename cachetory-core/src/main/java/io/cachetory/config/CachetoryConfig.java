package io.cachetory.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Cache definitions read once from, later winning: {@code cachetory.properties} on the class path
 * (the first the context class loader finds) → environment ({@code CACHETORY_CACHE_<NAME>_BACKEND},
 * {@code …_SERIALIZER}, {@code …_PREFIX}, {@code <NAME>} upper-cased with each character outside
 * {@code A-Z0-9} as {@code _}) → system properties ({@code cachetory.cache.<name>.backend},
 * {@code .serializer}, {@code .prefix}). Immutable and thread-safe.
 */
public final class CachetoryConfig {
    private static final String PREFIX = "cachetory.cache.";

    private final Map<String, String> properties;
    private final Map<String, String> environment;
    private final Map<String, String> systemProperties;

    private CachetoryConfig(Map<String, String> properties, Map<String, String> environment, Map<String, String> systemProperties) {
        this.properties = properties;
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    /** Reads {@code cachetory.properties}, the environment and the system properties now. */
    public static CachetoryConfig load() {
        return of(readClasspathProperties(), System.getenv(), systemProperties());
    }

    /** A configuration from the given sources (for tests and embedding), later sources winning. */
    public static CachetoryConfig of(Map<String, String> properties, Map<String, String> environment, Map<String, String> systemProperties) {
        return new CachetoryConfig(Map.copyOf(properties), Map.copyOf(environment), Map.copyOf(systemProperties));
    }

    /**
     * @return the definition of a named cache when any source mentions it; {@code default} is always
     *     defined ({@code memory://} + {@code noop://} unless configured)
     */
    public Optional<CacheDefinition> cache(String name) {
        String backend = lookup(name, "backend");
        String serializer = lookup(name, "serializer");
        String prefix = lookup(name, "prefix");
        if (backend == null && serializer == null && prefix == null) {
            return "default".equals(name) ? Optional.of(new CacheDefinition(name, "memory://", null, "")) : Optional.empty();
        }
        if (backend == null) {
            if (!"default".equals(name)) {
                throw new IllegalArgumentException("cache '" + name + "' is configured without a backend: set "
                        + PREFIX + name + ".backend or " + environmentName(name, "backend"));
            }
            backend = "memory://";
        }
        return Optional.of(new CacheDefinition(name, backend, serializer, prefix == null ? "" : prefix));
    }

    private String lookup(String name, String attribute) {
        String key = PREFIX + name + "." + attribute;
        String value = systemProperties.get(key);
        if (value == null) {
            value = environment.get(environmentName(name, attribute));
        }
        if (value == null) {
            value = properties.get(key);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The environment variable of a cache attribute: {@code CACHETORY_CACHE_<NAME>_<ATTRIBUTE>}. */
    public static String environmentName(String name, String attribute) {
        StringBuilder sb = new StringBuilder("CACHETORY_CACHE_");
        for (char c : name.toUpperCase(Locale.ROOT).toCharArray()) {
            sb.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return sb.append('_').append(attribute.toUpperCase(Locale.ROOT)).toString();
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> map = new HashMap<>();
        Properties props = System.getProperties();
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                map.put(name, props.getProperty(name));
            }
        }
        return map;
    }

    private static Map<String, String> readClasspathProperties() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = CachetoryConfig.class.getClassLoader();
        }
        URL url = loader == null ? null : loader.getResource("cachetory.properties");
        if (url == null) {
            return Map.of();
        }
        Properties props = new Properties();
        try (InputStream in = url.openStream()) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
        Map<String, String> map = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            map.put(name, props.getProperty(name));
        }
        return map;
    }
}
