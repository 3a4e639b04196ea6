package io.cachetory.memo;
import java.lang.reflect.Method;
public final class KeyTemplate {
    private final Method m; private final String prefix;
    private KeyTemplate(Method m) { this.m = m; io.cachetory.annotations.Cached c = m.getAnnotation(io.cachetory.annotations.Cached.class); prefix = c.prefix().isEmpty() ? m.getDeclaringClass().getName() + "." + m.getName() : c.prefix(); }
    public static KeyTemplate of(Method m) { return new KeyTemplate(m); }
    public String key(Object[] args) { StringBuilder sb = new StringBuilder(prefix); for (Object a : args) sb.append(':').append(a); return sb.toString(); }
    public String prefix() { return prefix; }
    public Method method() { return m; }
}
