package io.cachetory.memo;
public final class ArgumentRenderers {
    public static ArgumentRenderer forObject(String where) { return (sb, a) -> sb.append(a); }
}
