package io.cachetory.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code cachetory.*} application properties of the starter. Mutable while Spring binds it, read
 * only afterwards; not thread-safe during binding.
 *
 * <pre>
 * cachetory.caches.quotes.backend=redis://localhost:6379/0
 * cachetory.caches.quotes.serializer=kryo+zstd://
 * cachetory.caches.quotes.prefix=myapp:
 * cachetory.health.down-when-unreachable=false
 * </pre>
 */
@ConfigurationProperties("cachetory")
public class CachetoryProperties {
    /**
     * Named caches, registered in Cachetory's registry at start-up (replacing a registered or configured cache of the
     * same name) for @Cached(cache = "name") and @Cacheable("name").
     */
    private Map<String, CacheSpec> caches = new LinkedHashMap<>();

    /** The health contributor "cachetory". */
    private final Health health = new Health();

    /** The Spring CacheManager over Cachetory's registry. */
    private final CacheManager cacheManager = new CacheManager();

    public Map<String, CacheSpec> getCaches() {
        return caches;
    }

    public void setCaches(Map<String, CacheSpec> caches) {
        this.caches = caches;
    }

    public Health getHealth() {
        return health;
    }

    public CacheManager getCacheManager() {
        return cacheManager;
    }

    /** How one named cache is built; the same meaning as {@code cachetory.cache.<name>.*} in cachetory.properties. */
    public static class CacheSpec {
        /** Backend URL, e.g. redis://localhost:6379/0 or memory://?max-size=10000. Required. */
        private String backend;

        /** Serializer URL, e.g. kryo+zstd://; defaults to noop:// in memory and kryo:// over byte backends. */
        private String serializer;

        /** Prefix of every key of the cache, e.g. "myapp:". */
        private String prefix = "";

        public String getBackend() {
            return backend;
        }

        public void setBackend(String backend) {
            this.backend = backend;
        }

        public String getSerializer() {
            return serializer;
        }

        public void setSerializer(String serializer) {
            this.serializer = serializer;
        }

        public String getPrefix() {
            return prefix;
        }

        public void setPrefix(String prefix) {
            this.prefix = prefix;
        }
    }

    /** Settings of the health contributor. */
    public static class Health {
        /**
         * Whether an unreachable Redis-backed cache reports DOWN (and so takes the application's health down). By
         * default it reports UP with the cache marked unreachable in the details: the application keeps serving
         * without its cache (fail-open).
         */
        private boolean downWhenUnreachable = false;

        public boolean isDownWhenUnreachable() {
            return downWhenUnreachable;
        }

        public void setDownWhenUnreachable(boolean downWhenUnreachable) {
            this.downWhenUnreachable = downWhenUnreachable;
        }
    }

    /** Settings of the CacheManager. */
    public static class CacheManager {
        /** Whether to define a CachetoryCacheManager when the application defines no CacheManager of its own. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
