package io.cachetory.agent;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * The Byte Buddy half of the agent, created on the first class that needs it. It rewrites a class
 * file in "decorate" mode: the original class file is read and written back with
 * {@link CachedMethodAdvice} inlined into each concrete method annotated {@code @Cached} (matched by
 * the annotation's name, so the annotation is never loaded by the agent). Decoration cannot add or
 * remove fields or methods, so the result is valid for retransformation of a loaded class too (the
 * {@code disableClassFormatChanges()} contract). Types are described from class file bytes through a
 * {@link TypePool}, never by loading application classes inside the transformer.
 */
final class AdviceInstrumenter {
    /** By name, not {@code Cached.class}: the agent must not load the annotation before the application does. */
    static final String CACHED = "io.cachetory.annotations.Cached";

    private final ElementMatcher.Junction<MethodDescription> cachedMethods =
            isMethod().and(isAnnotatedWith(named(CACHED))).and(not(isAbstract())).and(not(isNative()));
    private final ByteBuddy byteBuddy = new ByteBuddy().with(TypeValidation.DISABLED);
    private final AsmVisitorWrapper advice = Advice.to(CachedMethodAdvice.class).on(cachedMethods);

    /** @return the transformed class file, or null if no method needs advice */
    byte[] instrument(String name, ClassLoader loader, byte[] classFile) {
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(name, classFile), ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = new TypePool.Default.WithLazyResolution(
                new TypePool.CacheProvider.Simple(), locator, TypePool.Default.ReaderMode.FAST);
        TypeDescription type = pool.describe(name).resolve();
        if (type.getDeclaredMethods().filter(cachedMethods).isEmpty()) {
            return null;
        }
        return byteBuddy.decorate(type, locator).visit(advice).make(pool).getBytes();
    }
}
