package io.cachetory.agent;

import io.cachetory.annotations.Cached;

/**
 * One @Cached method per arity the fast path specialises (0–3) and one beyond, and one per unboxed
 * lane (an int among one or two parameters); never loaded as a service.
 */
public class BridgeFixture {
    @Cached
    public String none() {
        return "";
    }

    @Cached
    public String one(String a) {
        return a;
    }

    @Cached
    public String two(String a, String b) {
        return a + b;
    }

    @Cached
    public String laneI(int a) {
        return "" + a;
    }

    @Cached
    public String laneLI(String a, int b) {
        return a + b;
    }

    @Cached
    public static String laneIL(int a, String b) {
        return a + b;
    }

    @Cached
    public String laneII(int a, int b) {
        return "" + a + b;
    }

    @Cached
    public static String three(String a, int b, long c) {
        return a + b + c;
    }

    @Cached
    public String four(String a, int b, long c, char d) {
        return a + b + c + d;
    }
}
