package io.cachetory.spring;

import io.cachetory.CacheRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health contributor {@code cachetory}: whether each Redis-backed cache of
 * {@code cachetory.caches.*} answers a read (a {@code GET} of a key nobody writes, bounded by the
 * URL's {@code timeout}), with one detail per cache ({@code backend} scheme, {@code reachable},
 * {@code error}). An unreachable cache keeps the status {@code UP} unless
 * {@code cachetory.health.down-when-unreachable=true}: Cachetory is fail-open, so the application
 * still serves without its cache. Never shows a URL (it may hold a password). Thread-safe.
 */
public class CachetoryHealthIndicator implements HealthIndicator {
    /** A key nobody writes: reading it proves the server answers without touching data. */
    static final String PROBE_KEY = "cachetory:health:probe";

    private final CacheRegistry registry;
    private final CachetoryProperties properties;

    public CachetoryHealthIndicator(CacheRegistry registry, CachetoryProperties properties) {
        this.registry = registry;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        int unreachable = 0;
        for (Map.Entry<String, CachetoryProperties.CacheSpec> e : properties.getCaches().entrySet()) {
            String backend = e.getValue().getBackend();
            if (backend == null || !PropertyCaches.scheme(backend.trim()).startsWith("redis")) {
                continue;
            }
            Map<String, Object> cache = new LinkedHashMap<>();
            cache.put("backend", PropertyCaches.scheme(backend.trim()));
            try {
                registry.cache(e.getKey()).get(PROBE_KEY);
                cache.put("reachable", true);
            } catch (RuntimeException failure) {
                unreachable++;
                cache.put("reachable", false);
                cache.put("error", failure.getClass().getSimpleName() + ": " + failure.getMessage());
            }
            details.put(e.getKey(), cache);
        }
        Health.Builder health = unreachable > 0 && properties.getHealth().isDownWhenUnreachable() ? Health.down() : Health.up();
        return health.withDetail("unreachable", unreachable).withDetail("caches", details).build();
    }
}
