package io.cachetory.spring;

import io.cachetory.CacheRegistry;
import io.cachetory.config.CacheDefinition;
import io.cachetory.config.CacheFaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Builds the caches of {@code cachetory.caches.<name>.*} and registers them in the registry before any
 * application bean is made (a bean factory post-processor runs first), so {@code @Cached} beans and
 * other beans find them; closes them when the context closes. Not thread-safe: Spring calls it once.
 */
final class PropertyCaches implements BeanFactoryPostProcessor, EnvironmentAware, DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(PropertyCaches.class);

    private final CacheRegistry registry;
    private final List<AutoCloseable> built = new ArrayList<>();
    private Environment environment;

    PropertyCaches(CacheRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        CachetoryProperties properties = Binder.get(environment).bind("cachetory", CachetoryProperties.class)
                .orElseGet(CachetoryProperties::new);
        for (Map.Entry<String, CachetoryProperties.CacheSpec> e : properties.getCaches().entrySet()) {
            register(e.getKey(), e.getValue());
        }
    }

    private void register(String name, CachetoryProperties.CacheSpec spec) {
        String backend = spec.getBackend();
        if (backend == null || backend.isBlank()) {
            throw new IllegalArgumentException("cachetory.caches." + name + ".backend is required (e.g. redis://localhost:6379/0 or memory://)");
        }
        String serializer = spec.getSerializer() != null && !spec.getSerializer().isBlank() ? spec.getSerializer().trim() : null;
        String prefix = spec.getPrefix() == null ? "" : spec.getPrefix();
        CacheFaces faces;
        try {
            faces = new CacheDefinition(name, backend.trim(), serializer, prefix).open();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cachetory.caches." + name + ": " + e.getMessage(), e);
        }
        built.add(faces.cache());
        built.add(faces.async());
        registry.register(name, faces.cache(), faces.async());
        LOG.debug("registered cache '{}' from cachetory.caches.{}.*", name, name);
    }

    static String scheme(String url) {
        int sep = url.indexOf("://");
        return (sep < 0 ? url : url.substring(0, sep)).toLowerCase(Locale.ROOT);
    }

    @Override
    public void destroy() {
        for (AutoCloseable c : built) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing a cache failed: {}", e.toString());
            }
        }
        built.clear();
    }
}
