package io.cachetory.memo;

import java.lang.reflect.Method;

/**
 * The benchmarks' window on the package-private key derivation of a {@code @Cached} method, so that
 * {@code HitBreakdownBenchmark} can time the key alone. It lives in the benchmarks jar, in memo's
 * package, and is no part of cachetory-core.
 */
public final class BenchmarkKeyTemplate {
    private final KeyTemplate template;

    public BenchmarkKeyTemplate(Method method) {
        this.template = KeyTemplate.of(method);
    }

    public String key(Object a0, Object a1) {
        return template.key(a0, a1);
    }

    public String key(Object[] args) {
        return template.key(args);
    }
}
