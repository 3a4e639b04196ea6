package com.example.agentapp;

import io.cachetory.annotations.Cached;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Parameter and return shapes the generated code must box, unbox, frame and size right. */
public class ShapesService {
    public static final AtomicInteger BODY = new AtomicInteger();

    @Cached
    public double wide(long a, double b, int c, boolean d, char e, byte f, short g, float h, String i) {
        BODY.incrementAndGet();
        long local = a * 2; // a local in the slot right after the parameters
        return local + b + c + (d ? 1 : 0) + e + f + g + h + i.length();
    }

    @Cached
    public static long sum(long a, long b) {
        BODY.incrementAndGet();
        long total = 0;
        for (long x = a; x <= b; x++) { // frames with longs in the body
            total += x;
        }
        return total;
    }

    /** Only {@code a} is keyed, under a prefix with the attribute text's own separators in it. */
    @Cached(prefix = "p:1:x", ttl = "1m")
    public String picked(@io.cachetory.annotations.CacheKey String a, String b) {
        BODY.incrementAndGet();
        return a + b;
    }

    @Cached
    public String dayOf(int day) { // an unboxed lane: one int
        BODY.incrementAndGet();
        return "d" + day;
    }

    @Cached
    public static String priceOn(String ticker, int day) { // a string, then an int
        BODY.incrementAndGet();
        return ticker + day;
    }

    @Cached
    public String since(int epochDay, String ticker) { // an int, then a string
        BODY.incrementAndGet();
        return epochDay + ticker;
    }

    @Cached
    public synchronized boolean flag(String s) {
        BODY.incrementAndGet();
        return s.isEmpty();
    }

    @Cached
    public char initial(String s) {
        BODY.incrementAndGet();
        return s.charAt(0);
    }

    @Cached
    public String joined(String... parts) {
        BODY.incrementAndGet();
        return String.join("+", parts);
    }

    @Cached
    public <T extends CharSequence> List<String> mapped(List<T> in) {
        BODY.incrementAndGet();
        Function<T, String> f = t -> "<" + t + ">"; // a lambda in the body (invokedynamic, bootstrap methods)
        return in.stream().map(f).toList();
    }

    @Cached
    public int many(int a, int b, int c, int d, int e, int f, int g) {
        BODY.incrementAndGet();
        return a + b + c + d + e + f + g;
    }

    @Cached
    public Object nothing(String s) {
        BODY.incrementAndGet();
        return null;
    }
}
