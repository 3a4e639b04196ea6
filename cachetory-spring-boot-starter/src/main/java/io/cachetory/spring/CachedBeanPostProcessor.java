package io.cachetory.spring;

import io.cachetory.Cachetory;
import io.cachetory.annotations.Cached;
import io.cachetory.serializer.AllowList;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.aop.TargetSource;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.target.SingletonTargetSource;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;

/**
 * Memoizes every bean with a {@code @Cached} method a proxy can intercept (public, protected or
 * package-private, not static, private or final), through {@link Cachetory#proxy}:
 *
 * <ul>
 *   <li>a plain bean is replaced by a delegating proxy (an instance of a subclass of its class);
 *   <li>a bean Spring already proxied ({@code @Transactional}, aspects, {@code @Async}) keeps its
 *       Spring proxy, whose target becomes the Cachetory proxy, so Spring's advice runs first and
 *       the cache sits next to the target;
 *   <li>a bean whose class the Java agent instrumented is left alone: it is memoized already, and a
 *       second layer would cache twice.
 * </ul>
 *
 * <p>As with Spring's own proxies, calls a bean makes on itself are not memoized (the agent's are).
 * It also lets the serializers read back the declared return types of {@code @Cacheable} and
 * {@code @CachePut} methods, as they do for {@code @Cached} ones. Runs after Spring's auto-proxy
 * creators (it is not {@code Ordered}). Thread-safe.
 */
final class CachedBeanPostProcessor implements SmartInstantiationAwareBeanPostProcessor {
    private final Map<Class<?>, Boolean> memoizable = new ConcurrentHashMap<>();
    /** Names of beans handed out early (circular references) and wrapped then. */
    private final Set<String> earlyReferences = ConcurrentHashMap.newKeySet();
    @Override
    public Object getEarlyBeanReference(Object bean, String beanName) throws BeansException {
        earlyReferences.add(beanName);
        return wrap(bean, beanName);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (beanName != null && earlyReferences.remove(beanName)) {
            // wrapped when it was handed out early: Spring exposes that reference when this one is the raw bean
            return bean;
        }
        return wrap(bean, beanName);
    }

    private Object wrap(Object bean, String beanName) {
        Class<?> userClass = AopProxyUtils.ultimateTargetClass(bean);
        if (!memoizable.computeIfAbsent(userClass, CachedBeanPostProcessor::examine)) {
            return bean;
        }
        try {
            if (AopUtils.isAopProxy(bean) && bean instanceof Advised) {
                return wrapTargetOf((Advised) bean, beanName);
            }
            return Cachetory.proxy(bean);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bean '" + beanName + "': " + e.getMessage(), e);
        }
    }

    private static Object wrapTargetOf(Advised advised, String beanName) {
        TargetSource source = advised.getTargetSource();
        if (!source.isStatic()) {
            // a scoped or pooled target: each target instance is a bean of its own and comes here itself
            return advised;
        }
        if (advised.isFrozen()) {
            throw new IllegalArgumentException("bean '" + beanName + "' is a frozen Spring proxy whose target cannot be replaced, "
                    + "so its @Cached methods cannot be memoized by the starter; use the Java agent (-javaagent:cachetory-agent.jar)");
        }
        Object target;
        try {
            target = source.getTarget();
        } catch (Exception e) {
            throw new IllegalStateException("bean '" + beanName + "': cannot read the target of its Spring proxy", e);
        }
        if (target == null) {
            return advised;
        }
        advised.setTargetSource(new SingletonTargetSource(Cachetory.proxy(target)));
        return advised;
    }

    /**
     * Whether the class has a {@code @Cached} method a proxy intercepts and the agent does not
     * memoize already (a second layer would cache twice); allows {@code @Cacheable} return types on the way.
     */
    private static boolean examine(Class<?> type) {
        boolean cached = false;
        boolean instrumented = false;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isBridge() || m.isSynthetic()) {
                    continue;
                }
                if (m.isAnnotationPresent(Cacheable.class) || m.isAnnotationPresent(CachePut.class)) {
                    AllowList.global().allowDeclaredType(m.getGenericReturnType());
                }
                int mod = m.getModifiers();
                if (m.isAnnotationPresent(Cached.class) && !Modifier.isStatic(mod) && !Modifier.isPrivate(mod)
                        && !Modifier.isFinal(mod)) {
                    cached = true;
                    instrumented |= Cachetory.isInstrumented(c);
                }
            }
        }
        if (!cached) {
            for (Class<?> i : org.springframework.util.ClassUtils.getAllInterfacesForClassAsSet(type)) {
                for (Method m : i.getMethods()) {
                    if (m.isAnnotationPresent(Cached.class) && !Modifier.isStatic(m.getModifiers())) {
                        cached = true;
                    }
                }
            }
        }
        return cached && !instrumented;
    }
}
